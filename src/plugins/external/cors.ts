// Owns CORS for browser apps: @fastify/cors with the configured origins, exposing the headers clients must read.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'

export interface CorsOptions {
  /** '*' for any origin, or the exact origins allowed (scheme://host[:port]). */
  origins: '*' | string[]
}

/** Response headers a browser app may read beyond the CORS-safelisted ones (Cache-Control, Last-Modified, ...). */
export const EXPOSED_HEADERS = [
  'ETag', 'Link', 'X-Total-Count', 'Location', 'Retry-After', 'X-Request-Id', 'X-Article-Status',
  'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset',
  'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'
]

/** The CORS headers for a simple request from `origin` (corsHeadersFor). */
export type CorsHeaders = (origin: string | undefined) => Record<string, string>

/**
 * The headers @fastify/cors (as configured below) adds to a simple, non-preflight request from `origin`: the
 * allowed origin (any: '*'; listed: the request's own, when listed) and the exposed headers. Used where responses are
 * written without the plugin's hook (http/early-replies.ts, http/framework-errors.ts); test/http/early-replies.test.ts
 * checks they agree. Vary: Origin (listed origins) is part of the cached representation's headers already (and the
 * framework errors' problems are no-store).
 */
export function corsHeadersFor (origins: '*' | string[]): CorsHeaders {
  const expose = EXPOSED_HEADERS.join(', ')
  if (origins === '*') {
    const any = { 'access-control-allow-origin': '*', 'access-control-expose-headers': expose }
    return () => any
  }
  const exposeOnly = { 'access-control-expose-headers': expose }
  return (origin) => origin !== undefined && origins.includes(origin)
    ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': expose }
    : exposeOnly
}

export default fp<CorsOptions>(async (app, options) => {
  await app.register(cors, {
    origin: options.origins === '*' ? '*' : options.origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    // Browsers may reuse a preflight answer for 10 minutes.
    maxAge: 600,
    strictPreflight: false
  })
}, { name: 'cors' })
