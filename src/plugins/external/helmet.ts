// Owns security headers: helmet's, with a Content-Security-Policy that Swagger UI (/docs) and a same-origin reader page
// with external scripts both work under: nothing inline may run, everything loads from this origin.
//
// helmet's headers depend only on its options, so they are computed once, at start-up, by running helmet's own
// middleware (the `helmet` package) against a stand-in response, and each response Fastify sends gets the finished
// set; cache hits replay it from their stored heads. The @fastify/helmet plugin used before built the whole helmet
// middleware again for every request (~18.5 us each, measured), cache hits replayed after the hooks included. The same
// set goes on the answers Fastify's router gives before any hook runs (http/framework-errors.ts).
import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

/** The CSP directives, exported so tests can compare the header with what was meant. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  // Swagger UI ships its scripts as files (swagger-initializer.js included): no inline script needed.
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // Swagger UI (React) sets style attributes; styles cannot run code.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // Swagger UI's icons are data: URIs.
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: it would break the docs over plain http://localhost; HSTS covers TLS deployments.
  upgradeInsecureRequests: null
}

const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  // Public content for any origin (CORS is open for reads): other sites may embed or fetch it.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' }
} satisfies HelmetOptions

/**
 * helmet's options for a server whose public origin is `publicUrl`. Strict-Transport-Security only when that origin is
 * https: RFC 6797 (section 7.2) forbids it on responses over plain HTTP, and the app itself only speaks plain HTTP, so
 * the public URL (PUBLIC_URL, the origin of every link it writes) is what says a TLS proxy is in front.
 */
export function helmetOptions (publicUrl: string): HelmetOptions {
  return new URL(publicUrl).protocol === 'https:' ? HELMET_OPTIONS : { ...HELMET_OPTIONS, strictTransportSecurity: false }
}

export type SecurityHeaders = Readonly<Record<string, string>>

/** The headers helmet sets with `options` (names lower-cased; helmetOptions gives the server's), read once from its middleware. */
export function securityHeaders (options: HelmetOptions): SecurityHeaders {
  const headers: Record<string, string> = {}
  const response = {
    setHeader (name: string, value: unknown): void { headers[name.toLowerCase()] = String(value) },
    removeHeader (name: string): void { delete headers[name.toLowerCase()] }
  }
  let failure: unknown
  // helmet's middleware is synchronous and reads nothing of the request with static options like these.
  helmet(options)({ headers: {} } as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => { failure = error })
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure))
  if (Object.keys(headers).length === 0) throw new Error('helmet set no headers: check HELMET_OPTIONS')
  return Object.freeze(headers)
}

export default fp<{ headers: SecurityHeaders }>(async (app, { headers }) => {
  const entries = Object.entries(headers)
  // Added as a response is sent, unless a route set one of them itself. This onSend hook runs before http-caching's,
  // which stores the headers with a cached response, so a cache hit (replayed before onSend) writes them from its stored
  // head instead of setting twelve headers on every request. Answers Fastify does not send through onSend carry them
  // too: cache replays (their heads), router rejections (framework-errors.ts); test/hardening.test.ts checks each.
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of entries) if (!reply.hasHeader(name)) reply.header(name, value)
    done(null, payload)
  })
}, { name: 'helmet' })
