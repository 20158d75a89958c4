// Owns answering response-cache hits before Fastify sees the request: Fastify's serverFactory wraps the HTTP server's
// request listener, and an anonymous GET whose answer is cached is replayed right there, with no routing, request and
// reply objects, or hooks (about half of a cached read's CPU). What applies per request to an anonymous read is done
// here as the hooks would do it: CORS, the request id, and with the rate limiter on, counting the request in the
// limiter's own windows with its RateLimit-* headers (http/rate-windows.ts); a request that would exceed the limit goes
// through Fastify, which answers 429. Requests carrying an API key (which may be invalid: 401) always go through
// Fastify. The replayed bytes and headers are those the full pipeline sends (test/http/early-replies.test.ts compares
// them over real sockets).
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { findReplay, type ReplaySource } from './cache-replay.js'
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js'
import type { CorsHeaders } from '../plugins/external/cors.js'
import { earlyLineWriter, isWarmUp, logIncoming, logsIncoming, logsRequests, responseTimeMs } from './access-log.js'
import type { AnonymousLimit } from './rate-windows.js'

type Listener = (req: IncomingMessage, res: ServerResponse) => void

export class EarlyReplies {
  #answer: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined

  /**
   * corsHeaders: the CORS headers the CORS plugin would add to a simple GET from `origin` (cors.ts); accessLog: whether
   * replies get an access-log line (as AccessLog's, at level info); limit: the rate limiter's limit for anonymous
   * clients, on the windows the rate-limit plugin counts in (none with the limiter off).
   */
  constructor (readonly corsHeaders: CorsHeaders, readonly accessLog = true, readonly limit?: AnonymousLimit) {}

  /** Fastify's serverFactory option: the plain HTTP/1.1 server Fastify would make, with the early check in front. */
  readonly serverFactory = (handler: Listener, options: FastifyServerOptions): Server => {
    // Fastify's `http` options (headersTimeout, maxHeaderSize) go to the server as Fastify would pass them.
    const server = createServer((options as { http?: ServerOptions }).http ?? {}, (req, res) => {
      if (this.#answer === undefined || !this.#answer(req, res)) handler(req, res)
    })
    // What Fastify sets on the servers it makes itself (lib/server.js).
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout)
    if (options.maxRequestsPerSocket != null && options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket
    return server
  }

  /** Called by the http-caching plugin once its cache exists. */
  connect (answer: (req: IncomingMessage, res: ServerResponse) => boolean): void {
    this.#answer = answer
  }
}

export function answerEarly (app: FastifyInstance, early: EarlyReplies, source: ReplaySource): void {
  const logRequests = early.accessLog && logsRequests(app.log.level)
  const logArrivals = logsIncoming(app.log.level)
  const logCompletedEarly = earlyLineWriter(app.log)
  const limit = early.limit
  let closing = false
  app.addHook('preClose', (done) => { closing = true; done() })
  // Heads as flat [name, value, ...] arrays ending in an X-Request-Id slot: writeHead takes them as they are, with
  // no per-request object spread or setHeader (which moves Node to its slower merge-headers path). With CORS for any
  // origin the CORS headers are constant: merged into each cached head once, not per request.
  const flat = new WeakMap<Record<string, string>, string[]>()
  const anyOrigin = early.corsHeaders(undefined)
  const flatten = (head: Record<string, string>): string[] => [...Object.entries(head).flat(), REQUEST_ID_HEADER, '']

  early.connect((req, res) => {
    if (closing || req.method !== 'GET') return false
    const headers = req.headers
    if (headers.authorization !== undefined || headers['x-api-key'] !== undefined) return false
    const url = req.url ?? '/'
    const replay = findReplay(source, url, headers)
    if (replay === undefined) return false
    // The server's own warm-up rounds (server.ts, over loopback) are neither counted (the limiter's allowList) nor logged.
    const warmUp = isWarmUp(req)
    // Counted by the limiter first (its RateLimit-* headers are added below), so a client over the limit costs no more
    // work here: Fastify's path counts it and answers 429.
    let counted: ReturnType<AnonymousLimit['count']>
    if (limit !== undefined && replay.limited && !warmUp) {
      counted = limit.count(req.socket)
      if (counted === undefined) return false
    }
    const started = logRequests ? performance.now() : 0
    const cors = early.corsHeaders(headers.origin)
    let base = cors === anyOrigin ? flat.get(replay.head) : undefined
    if (base === undefined) {
      base = flatten({ ...cors, ...replay.head })
      if (cors === anyOrigin) flat.set(replay.head, base)
    }
    // Per request, as request-guards sets it on Fastify's path: the caller's sane X-Request-Id or a fresh UUID.
    const reqId = requestIdOf(req)
    const head = base.slice()
    head[head.length - 1] = reqId
    if (counted !== undefined) limit?.appendHeaders(head, counted)
    const logged = logRequests && !warmUp
    if (logged && logArrivals) logIncoming(app.log, { reqId, method: 'GET', url })
    res.writeHead(replay.status, head)
    res.end(replay.body)
    if (logged) {
      // Marked as answered before Fastify; reqId is in the line itself (app.log is not a request's child logger).
      logCompletedEarly(reqId, url, replay.status, responseTimeMs(performance.now() - started))
    }
    return true
  })
}
