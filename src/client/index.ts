// Owns the typed API client: a tiny fetch wrapper whose paths, parameters and results come from the types that
// openapi-typescript generates from openapi/openapi.json (./schema.ts), so a contract change is a type error here and
// in every caller. It revalidates with If-None-Match and reuses the body it already has on 304, as a browser would.
import type { components, operations, paths } from './schema.js'

export type Article = components['schemas']['Article']
export type ArticlePage = components['schemas']['ArticlePage']
export type HeadlineRail = components['schemas']['HeadlineRail']
export type Problem = components['schemas']['Problem']
export type ListArticlesQuery = NonNullable<operations['listArticles']['parameters']['query']>
export type HeadlinesQuery = NonNullable<operations['getHeadlines']['parameters']['query']>

/** The application/json body of an operation's 200 response. */
type JsonOk<Op extends keyof operations> = operations[Op]['responses'] extends { 200: { content: { 'application/json': infer Body } } } ? Body : never

/** Paths the client calls; `satisfies` makes a renamed or removed path a type error. */
const PATHS = {
  article: '/articles/{slug}',
  articles: '/articles',
  headlines: '/headlines'
} as const satisfies Record<string, keyof paths>

export class NewsdeskApiError extends Error {
  override name = 'NewsdeskApiError'
  constructor (readonly status: number, readonly problem: Problem | null) {
    super(problem?.detail ?? `HTTP ${status}`)
  }
}

export interface NewsdeskClientOptions {
  /** API base URL, e.g. http://127.0.0.1:3000 (no trailing slash). */
  baseUrl: string
  /** fetch to use (defaults to the global one); handy for logging or tests. */
  fetch?: typeof fetch
  /** Extra headers on every request, e.g. { authorization: 'Bearer <key>' } for a partner key. */
  headers?: Record<string, string>
  /**
   * How many URLs' last 200 (body and ETag) are kept for revalidation, least recently used dropped first (default
   * 500; 0 keeps none and never revalidates). Bounded so a long-running frontend that asks many different lists or
   * searches does not grow without limit.
   */
  cacheEntries?: number
}

export const DEFAULT_CLIENT_CACHE_ENTRIES = 500

export interface NewsdeskClient {
  getArticle: (slug: string) => Promise<JsonOk<'getArticle'>>
  listArticles: (query?: ListArticlesQuery) => Promise<JsonOk<'listArticles'>>
  getHeadlines: (query?: HeadlinesQuery) => Promise<JsonOk<'getHeadlines'>>
}

type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined

function queryString (query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item))
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

export function createNewsdeskClient (options: NewsdeskClientOptions): NewsdeskClient {
  const fetchFn = options.fetch ?? globalThis.fetch
  const capacity = options.cacheEntries ?? DEFAULT_CLIENT_CACHE_ENTRIES
  /** Last 200 per URL with its ETag: sent back as If-None-Match, reused on 304. A Map in least-recently-used order. */
  const validated = new Map<string, { etag: string, body: unknown }>()
  const remember = (url: string, entry: { etag: string, body: unknown }): void => {
    validated.delete(url)
    if (capacity <= 0) return
    validated.set(url, entry)
    if (validated.size > capacity) validated.delete(validated.keys().next().value as string)
  }

  async function getJson<T> (pathAndQuery: string): Promise<T> {
    const url = `${options.baseUrl}${pathAndQuery}`
    const known = validated.get(url)
    const response = await fetchFn(url, {
      headers: { accept: 'application/json', ...options.headers, ...(known === undefined ? {} : { 'if-none-match': known.etag }) }
    })
    if (response.status === 304 && known !== undefined) {
      remember(url, known)
      return known.body as T
    }
    if (!response.ok) {
      // What it had is no longer what the server serves (e.g. 410 after an unpublication): not offered again.
      validated.delete(url)
      const isProblem = response.headers.get('content-type')?.startsWith('application/problem+json') === true
      throw new NewsdeskApiError(response.status, isProblem ? await response.json() as Problem : null)
    }
    const body = await response.json() as T
    const etag = response.headers.get('etag')
    if (etag === null) validated.delete(url)
    else remember(url, { etag, body })
    return body
  }

  return {
    getArticle: async (slug) => await getJson(PATHS.article.replace('{slug}', encodeURIComponent(slug))),
    listArticles: async (query) => await getJson(PATHS.articles + queryString(query)),
    getHeadlines: async (query) => await getJson(PATHS.headlines + queryString(query))
  }
}
