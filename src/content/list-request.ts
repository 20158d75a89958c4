// Owns what an /articles query means: validated, normalized filters, sort, fields and cursor, or a 400 saying what is wrong.
import { badRequest } from '../http/errors.js'
import { DEFAULT_PAGE_SIZE, LIST_FIELDS, type ArticleListQuery, type ListField } from '../schemas/article.js'
import type { ListSort } from '../db/article-list-sql.js'
import { decodeCursor, listScope, type Cursor, type ListFilters } from './cursor.js'
import { toFtsQuery } from './search-query.js'

export interface ListRequest {
  sort: ListSort
  filters: ListFilters
  limit: number
  /** Selected item fields; undefined = all. */
  fields?: ListField[]
  cursor?: Cursor
  scope: string
  /** The query's parameters in canonical order, as given (without cursor and limit), for building page links. */
  linkParams: Array<[string, string]>
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/

function validCalendarDate (year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
}

/**
 * An RFC 3339 full-date (a UTC day) or date-time (any offset) as [start, end) in ISO 8601 UTC with milliseconds,
 * the format timestamps are stored in: a date covers its whole day, a date-time the millisecond it names.
 */
export function parseTimeBound (name: string, value: string): { start: string, end: string } {
  const invalid = badRequest(`${name} must be an RFC 3339 date (2020-01-28) or date-time (2020-01-28T09:30:00Z); got "${value}"`)
  const date = FULL_DATE.exec(value)
  if (date !== null) {
    const [, year = '', month = '', day = ''] = date
    if (!validCalendarDate(year, month, day)) throw invalid
    const start = new Date(`${value}T00:00:00.000Z`)
    return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() }
  }
  const dateTime = DATE_TIME.exec(value)
  if (dateTime === null) throw invalid
  const [, year = '', month = '', day = '', hour, minute, second, , , offsetHour, offsetMinute] = dateTime
  if (!validCalendarDate(year, month, day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 ||
      Number(offsetHour ?? 0) > 23 || Number(offsetMinute ?? 0) > 59) throw invalid
  const start = new Date(value)
  if (Number.isNaN(start.getTime()) || start.getUTCFullYear() < 1 || start.getUTCFullYear() > 9999) throw invalid
  return { start: start.toISOString(), end: new Date(start.getTime() + 1).toISOString() }
}

function parseFields (value: string, hasSearch: boolean): ListField[] {
  const fields: ListField[] = []
  for (const name of value.split(',')) {
    const field = LIST_FIELDS.find((known) => known === name)
    if (field === undefined) throw badRequest(`Unknown field "${name}" in fields; available: ${LIST_FIELDS.join(', ')}`)
    if (field === 'snippet' && !hasSearch) throw badRequest('fields=snippet needs a search query (q): snippets exist only for search results')
    if (!fields.includes(field)) fields.push(field)
  }
  return fields
}

export function parseListRequest (query: ArticleListQuery): ListRequest {
  const filters: ListFilters = { tags: [...new Set(query.tag ?? [])] }
  if (query.section !== undefined) filters.section = query.section
  if (query.q !== undefined) filters.match = toFtsQuery(query.q)
  const from = query.from === undefined ? undefined : parseTimeBound('from', query.from)
  const to = query.to === undefined ? undefined : parseTimeBound('to', query.to)
  if (from !== undefined && to !== undefined && from.start >= to.end) {
    throw badRequest(`from (${query.from ?? ''}) is after to (${query.to ?? ''}): no article can match`)
  }
  if (from !== undefined) filters.from = from.start
  if (to !== undefined) filters.until = to.end

  if (query.sort === 'relevance' && query.q === undefined) {
    throw badRequest('sort=relevance needs a search query (q); without q use sort=newest or sort=oldest')
  }
  const sort: ListSort = query.sort ?? (query.q === undefined ? 'newest' : 'relevance')
  const scope = listScope(filters)

  const request: ListRequest = { sort, filters, limit: query.limit ?? DEFAULT_PAGE_SIZE, scope, linkParams: [] }
  if (query.fields !== undefined) request.fields = parseFields(query.fields, query.q !== undefined)
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor)
    if (cursor.sort !== sort) {
      throw badRequest(`The cursor belongs to sort=${cursor.sort}, not sort=${sort}; keep the sort of the page it came from, or drop the cursor to start again`)
    }
    if (cursor.scope !== scope) {
      throw badRequest('The cursor belongs to other filters (q, section, tag, from or to); keep the filters of the page it came from, or drop the cursor to start again')
    }
    request.cursor = cursor
  }

  const params: Array<[string, string | undefined]> = [
    ['q', query.q], ['section', query.section], ...(query.tag ?? []).map((tag): [string, string] => ['tag', tag]),
    ['from', query.from], ['to', query.to], ['sort', query.sort], ['fields', query.fields]
  ]
  request.linkParams = params.filter((param): param is [string, string] => param[1] !== undefined)
  return request
}
