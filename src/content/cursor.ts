// Owns the opaque keyset cursor of article lists: a position (sort key + id) tied to the sort and filters that made it.
// Encoded as base64url JSON [sort, direction, scope, key, id]; clients must treat it as opaque.
import { createHash } from 'node:crypto'
import { badRequest } from '../http/errors.js'
import type { ListDirection, ListSort } from '../db/article-list-sql.js'

export interface Cursor {
  sort: ListSort
  /** 'after' pages forward (next), 'before' pages backward (prev). */
  direction: ListDirection
  /** Fingerprint of the filters the cursor was issued for (see content/list-request.ts). */
  scope: string
  /** Sort key of the boundary row: publication time ('' or '~' when undated) or bm25 score for relevance. */
  key: string | number
  /** Row id, the tiebreak. */
  id: number
}

const SORTS: readonly ListSort[] = ['newest', 'oldest', 'relevance']
const SORT_CODES: Record<ListSort, string> = { newest: 'n', oldest: 'o', relevance: 'r' }
const DIRECTION_CODES: Record<ListDirection, string> = { after: 'a', before: 'b' }

export function encodeCursor (cursor: Cursor): string {
  const fields = [SORT_CODES[cursor.sort], DIRECTION_CODES[cursor.direction], cursor.scope, cursor.key, cursor.id]
  return Buffer.from(JSON.stringify(fields)).toString('base64url')
}

const MALFORMED = 'The cursor is malformed; pass a nextCursor or prevCursor value of a previous page unchanged'

export function decodeCursor (value: string): Cursor {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
  } catch {
    throw badRequest(MALFORMED)
  }
  if (!Array.isArray(decoded) || decoded.length !== 5) throw badRequest(MALFORMED)
  const [sortCode, directionCode, scope, key, id] = decoded as unknown[]
  const sort = SORTS.find((candidate) => SORT_CODES[candidate] === sortCode)
  const direction = directionCode === 'a' ? 'after' : directionCode === 'b' ? 'before' : undefined
  const keyFits = sort === 'relevance' ? typeof key === 'number' && Number.isFinite(key) : typeof key === 'string' && key.length <= 64
  if (sort === undefined || direction === undefined || typeof scope !== 'string' || !keyFits ||
      !Number.isSafeInteger(id) || (id as number) < 1) {
    throw badRequest(MALFORMED)
  }
  return { sort, direction, scope, key: key as string | number, id: id as number }
}

/** The filters a list shows; a cursor is only valid for the same ones. */
export interface ListFilters {
  section?: string
  tags: string[]
  from?: string
  until?: string
  /** The normalized FTS5 query, so equivalent spellings of `q` share cursors. */
  match?: string
}

/** A short fingerprint of the filters (sorted tags), stored in cursors to reject one reused with other filters. */
export function listScope (filters: ListFilters): string {
  const canonical = JSON.stringify([filters.section ?? null, [...filters.tags].sort(), filters.from ?? null, filters.until ?? null, filters.match ?? null])
  return createHash('sha1').update(canonical).digest('base64url').slice(0, 10)
}
