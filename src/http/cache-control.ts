// Owns Cache-Control values: the news policy for API reads, a brief one for the docs, and no-store for errors.

export interface CacheControlSettings {
  /** Seconds a browser may reuse a response (max-age). */
  maxAge: number
  /** Seconds a shared cache / CDN may reuse it (s-maxage). */
  sMaxAge: number
  /** Seconds a cache may serve it stale while revalidating in the background. */
  staleWhileRevalidate: number
  /** Seconds a cache may serve it stale when the origin fails. */
  staleIfError: number
}

/**
 * - news: API reads; short browser freshness, longer CDN freshness (purge by Surrogate-Key when content changes).
 * - docs: the OpenAPI document and Swagger UI; cached briefly, no CDN-specific directives.
 * - no-store: errors and anything personal; never stored.
 */
export type CachePolicy = 'news' | 'docs' | 'no-store'

export const DOCS_CACHE_CONTROL = 'public, max-age=300'
export const NO_STORE = 'no-store'

export function newsCacheControl (settings: CacheControlSettings): string {
  return `public, max-age=${settings.maxAge}, s-maxage=${settings.sMaxAge}, ` +
    `stale-while-revalidate=${settings.staleWhileRevalidate}, stale-if-error=${settings.staleIfError}`
}
