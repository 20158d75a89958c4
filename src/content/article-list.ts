// Owns one /articles page as served: items (sparse fields, snippets), total, cursors, page links and delivery metadata.
import type { ArticleStore, ListedArticle } from '../db/article-store.js'
import type { ArticleListItem, ArticlePage } from '../schemas/article.js'
import { badRequest } from '../http/errors.js'
import { surrogateKey } from '../http/surrogate-keys.js'
import { encodeCursor } from './cursor.js'
import type { ListRequest } from './list-request.js'
import { snippetHtml } from './snippet.js'

export interface ServedPage {
  body: ArticlePage
  /** RFC 8288 Link header value (first, prev, next). */
  link: string
  surrogateKeys: string[]
}

type Position = { key: string | number, id: number }

/** An RFC 3986 query value: percent-encoded, but with "," left readable (fields=slug,title). */
const queryValue = (value: string): string => encodeURIComponent(value).replaceAll('%2C', ',')

function pageUrl (base: string, request: ListRequest, cursor?: string | null): string {
  const params: Array<[string, string]> = [...request.linkParams, ['limit', String(request.limit)]]
  if (typeof cursor === 'string') params.push(['cursor', cursor])
  return `${base}/articles?${params.map(([name, value]) => `${name}=${queryValue(value)}`).join('&')}`
}

function readPage (store: ArticleStore, request: ListRequest, position?: ListRequest['cursor']) {
  const query = { sort: request.sort, ...request.filters, limit: request.limit }
  try {
    return store.listArticles(position === undefined ? query : { ...query, position })
  } catch (error) {
    // content/search-query.ts only emits quoted terms, so this is a safety net: bad search input is never a 500.
    if ((error as { code?: string }).code === 'SQLITE_ERROR' && /fts5/i.test((error as Error).message)) {
      throw badRequest('q could not be understood as a search; use words, "quoted phrases" and a trailing * for prefixes')
    }
    throw error
  }
}

function servedItem (item: ListedArticle, fields: ListRequest['fields']): ArticleListItem {
  const full: ArticleListItem = { ...item }
  if (item.snippet !== undefined) full.snippet = snippetHtml(item.snippet)
  if (fields === undefined) return full
  return Object.fromEntries(fields.filter((field) => full[field] !== undefined).map((field) => [field, full[field]]))
}

export function servePage (store: ArticleStore, request: ListRequest, publicUrl: string): ServedPage {
  let position = request.cursor
  let page = readPage(store, request, position)
  if (position?.direction === 'before' && page.items.length === 0) {
    // Nothing precedes the cursor any more (rows were removed): that is the first page.
    position = undefined
    page = readPage(store, request)
  }

  const cursorAt = (direction: 'after' | 'before', at: Position | undefined): string | null => at === undefined
    ? null
    : encodeCursor({ sort: request.sort, direction, scope: request.scope, key: at.key, id: at.id })
  const first = page.keys[0]
  const last = page.keys[page.keys.length - 1]
  let nextCursor: string | null
  let prevCursor: string | null
  if (position === undefined || position.direction === 'after') {
    nextCursor = page.hasMore ? cursorAt('after', last) : null
    prevCursor = position === undefined ? null : cursorAt('before', first ?? position)
  } else {
    prevCursor = page.hasMore ? cursorAt('before', first) : null
    nextCursor = cursorAt('after', last)
  }

  const links = {
    self: pageUrl(publicUrl, request, request.cursor === undefined ? undefined : encodeCursor(request.cursor)),
    first: pageUrl(publicUrl, request),
    prev: prevCursor === null ? null : pageUrl(publicUrl, request, prevCursor),
    next: nextCursor === null ? null : pageUrl(publicUrl, request, nextCursor)
  }
  const link = [`<${links.first}>; rel="first"`]
  if (links.prev !== null) link.push(`<${links.prev}>; rel="prev"`)
  if (links.next !== null) link.push(`<${links.next}>; rel="next"`)

  const keys: string[] = [surrogateKey.articleLists]
  if (request.filters.section !== undefined) keys.push(surrogateKey.section(request.filters.section))
  for (const tag of request.filters.tags) keys.push(surrogateKey.tag(tag))
  for (const item of page.items) keys.push(surrogateKey.section(item.section.slug), surrogateKey.article(item.slug))

  return {
    body: {
      items: page.items.map((item) => servedItem(item, request.fields)),
      total: page.total,
      limit: request.limit,
      nextCursor,
      prevCursor,
      links
    },
    link: link.join(', '),
    surrogateKeys: [...new Set(keys)]
  }
}
