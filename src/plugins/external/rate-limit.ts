// Owns fair-use limits: @fastify/rate-limit per API key (higher limit) or per client IP, with RateLimit-* headers,
// RateLimit-Policy, Retry-After, and 429 as an RFC 9457 problem through the one error handler.
import fp from 'fastify-plugin'
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { HttpProblem } from '../../http/errors.js'
import { isWarmUp } from '../../http/access-log.js'
import { AnonymousLimit, anonymousKey, RATE_LIMITED, RateWindows } from '../../http/rate-windows.js'
import { tooManyRequestsResponse } from '../../schemas/syndication.js'

export interface RateLimitConfig {
  enabled: boolean
  /** Window length, e.g. "1 minute", "30 s" (TIME_WINDOW_PATTERN). */
  timeWindow: string
  /** Requests per window for a client without an API key, counted per IP. */
  max: number
  /** Requests per window for a client with a valid API key, counted per key. */
  keyMax: number
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { enabled: true, timeWindow: '1 minute', max: 300, keyMax: 3000 }

export const TIME_WINDOW_PATTERN = '^([1-9][0-9]*) ?(ms|s|sec|second|seconds|m|min|minute|minutes|h|hour|hours)$'
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, second: 1000, seconds: 1000, m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000 }

export function timeWindowMs (window: string): number {
  const match = new RegExp(TIME_WINDOW_PATTERN).exec(window.trim())
  if (match === null) throw new Error(`Not a time window: "${window}" (use e.g. "1 minute" or "30 s")`)
  return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 1)
}

/** The window in whole seconds, as RateLimit-Policy states it. */
const windowSeconds = (windowMs: number): number => Math.max(1, Math.ceil(windowMs / 1000))
const policyOf = (limit: unknown, windowMs: number): string => `${String(limit)};w=${windowSeconds(windowMs)}`

/** The anonymous clients' limit on `windows`, for early replies; the plugin must be registered with the same windows. */
export function anonymousLimit (config: RateLimitConfig, windows: RateWindows): AnonymousLimit {
  const windowMs = timeWindowMs(config.timeWindow)
  return new AnonymousLimit(windows, windowMs, config.max, policyOf(config.max, windowMs))
}

/** Swagger UI's static assets: one page view loads about ten of them, so they are not counted. */
const isDocsAsset = (request: FastifyRequest): boolean => request.routeOptions.url?.startsWith('/docs') === true

export default fp<RateLimitConfig & { windows?: RateWindows }>(async (app, options) => {
  if (!options.enabled) return
  const windowMs = timeWindowMs(options.timeWindow)
  // The plugin makes its store with `new`: a class whose constructor returns the shared counters.
  const windows = options.windows ?? new RateWindows()
  class SharedWindows {
    constructor () {
      // biome-ignore lint/correctness/noConstructorReturn: the plugin's store option takes a constructor, not an instance
      return windows
    }
  }

  // Every limited route can answer 429: document it on each route that documents its responses.
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined
    if (response !== undefined && !('429' in response) && route.schema !== undefined) {
      route.schema.response = { ...response, ...tooManyRequestsResponse }
    }
  })

  await app.register(rateLimit, {
    global: true,
    // The limiter is added as a route-level onRequest hook, and route-level hooks run after the app-level ones,
    // so the api-keys hook has already set request.apiKey (and rejected bad keys with 401) when the limiter runs.
    hook: 'onRequest',
    store: SharedWindows as unknown as FastifyRateLimitStoreCtor,
    timeWindow: windowMs,
    max: async (request) => request.apiKey === null ? options.max : options.keyMax,
    keyGenerator: (request) => request.apiKey === null ? anonymousKey(request.ip) : `key:${request.apiKey.id}`,
    // The server's own start-up warm-up (warm-up.ts) is not a client: it must not spend loopback's budget, which a
    // reverse proxy on the same host shares with every client behind it.
    allowList: (request) => isDocsAsset(request) || isWarmUp(request.raw),
    enableDraftSpec: true,
    errorResponseBuilder: (request, context) => new HttpProblem(429,
      `Rate limit of ${context.max} requests per ${options.timeWindow} exceeded for this ` +
      `${request.apiKey === null ? 'client address; an API key raises the limit' : 'API key'}. Retry in ${context.after}.`,
      { 'ratelimit-policy': policyOf(context.max, windowMs) })
  })

  // RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers): the quota and its window, next to RateLimit-Limit. Set in
  // a route-level onRequest hook right after the limiter's (this onRoute hook runs after @fastify/rate-limit's), not in
  // onSend: responses replayed from the response cache skip onSend but keep every header set while the request arrived.
  const addPolicy = (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const limit = reply.getHeader('ratelimit-limit')
    if (limit !== undefined) reply.header('ratelimit-policy', policyOf(limit, windowMs))
    done()
  }
  app.addHook('onRoute', (route) => {
    if (route.onRequest === undefined) return
    route.onRequest = [...(Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]), addPolicy]
    // Counted (global limiter, not opted out): the response cache records this with the route's responses, for early
    // replies (http/rate-windows.ts).
    const config: Record<PropertyKey, unknown> = { ...route.config }
    if (config.rateLimit === false) return
    config[RATE_LIMITED] = true
    route.config = config as typeof route.config
  })
}, { name: 'rate-limit', dependencies: ['api-keys'] })
