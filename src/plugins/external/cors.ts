// Owns CORS for browser apps: @fastify/cors with the configured origins, exposing the headers clients must read.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'

export interface CorsOptions {
  /** '*' for any origin, or the exact origins allowed (scheme://host[:port]). */
  origins: '*' | string[]
}

/** Response headers a browser app may read beyond the CORS-safelisted ones (Cache-Control, Last-Modified, ...). */
export const EXPOSED_HEADERS = [
  'ETag', 'Link', 'X-Total-Count', 'Location', 'Retry-After', 'X-Request-Id',
  'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset',
  'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'
]

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
