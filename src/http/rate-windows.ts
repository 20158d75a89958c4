// Owns the rate limiter's counters: one fixed window per client key (`ip:<address>` or `key:<id>`), with the semantics
// of @fastify/rate-limit's own in-memory store (LocalStore: a window opens at a key's first request and lasts the
// configured time; the least recently used keys beyond `maxKeys` are forgotten). It is given to that plugin as its store
// (plugins/external/rate-limit.ts), so early replies (http/early-replies.ts) can count anonymous cache hits in the same
// windows before Fastify and send the RateLimit-* headers the plugin would.
import type { Socket } from 'node:net'
import { normalizeIP } from '@fastify/rate-limit'

interface Window { current: number, ttl: number, iterationStartMs: number }
type StoreCallback = (error: Error | null, result: { current: number, ttl: number }) => void

/**
 * Marks the config of every route the limiter counts (plugins/external/rate-limit.ts): the response cache records it
 * with each stored response, so an early reply knows whether to count a hit. Routes registered before the limiter
 * (documentation, reader page, health) are not counted.
 */
export const RATE_LIMITED = Symbol('newsdesk.rateLimited')

/** The counting key of a client without an API key: its address, IPv4-mapped and IPv6 forms normalized. */
export const anonymousKey = (address: string): string => `ip:${normalizeIP(address)}`

/** Keys remembered at most, as LocalStore's default. */
const MAX_KEYS = 5000

export class RateWindows {
  readonly #windows = new Map<string, Window>()
  /** The key counted last: already the Map's most recently used, so counting it again needs no re-insertion. */
  #lastKey: string | undefined

  constructor (readonly maxKeys = MAX_KEYS) {}

  /** Counts one request for `key` (LocalStore.incr, without continueExceeding or backoff, which this app does not use). */
  hit (key: string, windowMs: number, now = Date.now()): Window {
    return this.#count(key, this.#windows.get(key), windowMs, now)
  }

  /** Counts one request for `key` unless its open window already holds `max`: then undefined, nothing counted. */
  take (key: string, windowMs: number, max: number, now = Date.now()): Window | undefined {
    const window = this.#windows.get(key)
    if (window !== undefined && window.current >= max && window.iterationStartMs + windowMs > now) return undefined
    return this.#count(key, window, windowMs, now)
  }

  #count (key: string, window: Window | undefined, windowMs: number, now: number): Window {
    if (window === undefined) {
      window = { current: 1, ttl: windowMs, iterationStartMs: now }
    } else if (window.iterationStartMs + windowMs <= now) {
      window.current = 1
      window.ttl = windowMs
      window.iterationStartMs = now
    } else {
      window.current++
      window.ttl = windowMs - (now - window.iterationStartMs)
    }
    if (key !== this.#lastKey) {
      // Re-inserted, so the Map's first key is always the least recently used one.
      this.#windows.delete(key)
      this.#windows.set(key, window)
      this.#lastKey = key
      if (this.#windows.size > this.maxKeys) this.#windows.delete(this.#windows.keys().next().value!)
    }
    return window
  }

  /** Requests counted for `key` in its open window, and the window's time left; zeros when none is open. */
  peek (key: string, windowMs: number, now = Date.now()): { current: number, ttl: number } {
    const window = this.#windows.get(key)
    if (window === undefined || window.iterationStartMs + windowMs <= now) return { current: 0, ttl: 0 }
    return { current: window.current, ttl: windowMs - (now - window.iterationStartMs) }
  }

  // @fastify/rate-limit's store interface.
  incr (key: string, callback: StoreCallback, timeWindow: number): void {
    const { current, ttl } = this.hit(key, timeWindow)
    callback(null, { current, ttl })
  }

  read (key: string, callback: StoreCallback, timeWindow: number): void {
    callback(null, this.peek(key, timeWindow))
  }

  /** For routes with limits of their own (none here): counters of their own, as LocalStore.child. */
  child (): RateWindows {
    return new RateWindows(this.maxKeys)
  }
}

/**
 * The limit of anonymous clients (per IP), applied before Fastify: `count` does what @fastify/rate-limit's hook and
 * the RateLimit-Policy hook do for a request without an API key, on the same windows. The client's key is the plugin's
 * (anonymousKey of the peer address: the app does not trust proxy headers), made once per connection.
 */
export class AnonymousLimit {
  readonly #keys = new WeakMap<Socket, string>()
  readonly #limit: string
  readonly #policy: string

  constructor (readonly windows: RateWindows, readonly windowMs: number, readonly max: number, policy: string) {
    this.#limit = String(max)
    this.#policy = policy
  }

  /**
   * Counts one request from the peer of `socket`: its window, for `appendHeaders`; undefined, with nothing counted,
   * when the request would exceed the limit (or the peer is gone): Fastify's path then counts it and answers 429.
   */
  count (socket: Socket): { current: number, ttl: number } | undefined {
    let key = this.#keys.get(socket)
    if (key === undefined) {
      const address = socket.remoteAddress
      if (address === undefined) return undefined
      key = anonymousKey(address)
      this.#keys.set(socket, key)
    }
    return this.windows.take(key, this.windowMs, this.max)
  }

  /** Appends the RateLimit-* headers @fastify/rate-limit and the policy hook send for `counted` to `head`. */
  appendHeaders (head: string[], counted: { current: number, ttl: number }): void {
    head.push(
      'ratelimit-limit', this.#limit,
      'ratelimit-remaining', String(Math.max(0, this.max - counted.current)),
      'ratelimit-reset', String(Math.ceil(counted.ttl / 1000)),
      'ratelimit-policy', this.#policy
    )
  }
}
