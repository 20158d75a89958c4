// Owns HTTP delivery of every response: Cache-Control, Vary, strong ETags, Last-Modified, Surrogate-Key / Cache-Tag,
// conditional GET (304) and gzip/brotli compression, all in ONE onSend hook so their order is fixed and explicit:
//   1. the identity bytes are final (serialized by the route)         4. If-None-Match / If-Modified-Since -> 304
//   2. a content coding is chosen (Accept-Encoding, size, media type) 5. otherwise the body is compressed
//   3. ETag = strongEtag(identity bytes) + "-br" / "-gzip" when encoded
// so each representation has its own strong tag, a 304 works for compressed and identity clients alike, and the tag
// of any representation leads back to the identity bytes (identityEtagOf, for If-Match in the write API).
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DOCS_CACHE_CONTROL, newsCacheControl, NO_STORE, type CachePolicy, type CacheControlSettings } from '../../http/cache-control.js'
import { compress, EncodingChoices, isCompressible, negotiateEncoding } from '../../http/compression.js'
import { isNotModified } from '../../http/conditional.js'
import { encodedEtag, strongEtag, type ContentCoding } from '../../http/etag.js'
import { appendVary } from '../../http/vary.js'
import { representationHeaders, ResponseCache, type CachedResponse } from '../../http/response-cache.js'
import { cacheKey, findReplay, type ReplaySource } from '../../http/cache-replay.js'
import { answerEarly, type EarlyReplies } from '../../http/early-replies.js'
import { RATE_LIMITED } from '../../http/rate-windows.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Adds CDN surrogate keys (sent as Surrogate-Key and Cache-Tag on GET/HEAD 200 and 304); see http/surrogate-keys.ts. */
    addSurrogateKeys: (...keys: string[]) => FastifyReply
    /** When the representation last changed (Last-Modified); null or undefined means unknown: the header is omitted. */
    setLastModified: (at: Date | string | null | undefined) => FastifyReply
    /** Cache-Control policy of a GET/HEAD success; 'news' unless set. Errors are always no-store. */
    setCachePolicy: (policy: CachePolicy) => FastifyReply
  }
}

export interface HttpCachingOptions {
  cacheControl: CacheControlSettings
  /** Bodies of at least this many bytes are compressed when the client accepts br or gzip. */
  compressionThreshold: number
  /** Finished GET responses kept in memory per content version; 0 turns the cache off. */
  responseCacheEntries: number
  /** ...and at most this many bytes of bodies (identity and compressed); 0 turns the cache off. */
  responseCacheBytes: number
  /** When given, anonymous GET hits are answered before Fastify handles the request at all (see http/early-replies.ts). */
  earlyReplies?: EarlyReplies
}

interface DeliveryState { keys: string[], lastModified: Date | null, policy: CachePolicy }

const states = new WeakMap<FastifyReply, DeliveryState>()
/** Each reply's response-cache entry (replayed from the cache, or just stored); storeUnder: where to store a miss. */
const cacheEntryOf = new WeakMap<FastifyReply, CachedResponse>()
const storeUnder = new WeakMap<FastifyReply, string>()

function stateOf (reply: FastifyReply): DeliveryState {
  let state = states.get(reply)
  if (state === undefined) {
    state = { keys: [], lastModified: null, policy: 'news' }
    states.set(reply, state)
  }
  return state
}

export default fp<HttpCachingOptions>(async (app, options) => {
  const newsPolicy = newsCacheControl(options.cacheControl)
  const cacheControlFor = (policy: CachePolicy): string =>
    policy === 'news' ? newsPolicy : policy === 'docs' ? DOCS_CACHE_CONTROL : NO_STORE

  app.decorateReply('addSurrogateKeys', function (this: FastifyReply, ...keys: string[]) {
    const state = stateOf(this)
    for (const key of keys) if (!state.keys.includes(key)) state.keys.push(key)
    return this
  })
  app.decorateReply('setLastModified', function (this: FastifyReply, at: Date | string | null | undefined) {
    const time = at === null || at === undefined ? Number.NaN : new Date(at).getTime()
    // RFC 9110 8.8.2.1: never later than the response's Date; a stored time ahead of the clock becomes now.
    stateOf(this).lastModified = Number.isNaN(time) ? null : new Date(Math.min(time, Date.now()))
    return this
  })
  app.decorateReply('setCachePolicy', function (this: FastifyReply, policy: CachePolicy) {
    stateOf(this).policy = policy
    return this
  })

  // Anonymous GETs that hit are answered before Fastify (http/early-replies.ts). The others (with an API key, or whose
  // early answer was declined) are answered in preParsing: after every onRequest hook (CORS, API key check, rate limit:
  // a hit still counts and carries their headers), before validation, the handler and the onSend pipeline. The stored entry's
  // precomputed head (representation headers, ETag, Content-Length) and bytes go out in one writeHead/end, so a hit
  // costs no serialization, hashing, compression or per-header work. Validation is skipped safely: only a request line
  // that validated and answered 200 has an entry, and the header schema (If-None-Match / If-Modified-Since) accepts
  // any string. HEAD, and codings not made yet, go on to the preHandler replay below and the full onSend path.
  const cache = options.responseCacheEntries > 0 && options.responseCacheBytes > 0
    ? new ResponseCache(options.responseCacheEntries, options.responseCacheBytes)
    : undefined
  const contentVersion = (): number => app.contentVersion?.value ?? 0
  const keyOf = (request: FastifyRequest): string => cacheKey(request.url, request.headers.accept)
  if (cache !== undefined) {
    const source: ReplaySource = { cache, version: contentVersion, codings: new EncodingChoices(), compressionThreshold: options.compressionThreshold }
    // Each replayed head as a flat [name, value, ...] array with the set of its names, made once per head: a hit then
    // appends the headers earlier hooks set (CORS, RateLimit-*, X-Request-Id, the security headers) that the
    // representation does not, instead of spreading both header objects into a third one per request.
    const flatHeads = new WeakMap<Record<string, string>, { pairs: string[], names: Set<string> }>()
    app.addHook('preParsing', (request, reply, _payload, done) => {
      if (request.method !== 'GET') return done()
      const replay = findReplay(source, request.url, request.headers)
      if (replay === undefined) return done()
      reply.hijack()
      let flat = flatHeads.get(replay.head)
      if (flat === undefined) {
        flat = { pairs: Object.entries(replay.head).flat(), names: new Set(Object.keys(replay.head)) }
        flatHeads.set(replay.head, flat)
      }
      // The representation's headers win over the reply's of the same name, as they always have.
      const head = flat.pairs.slice()
      const own = reply.getHeaders()
      for (const name in own) {
        const value = own[name]
        if (value === undefined || flat.names.has(name)) continue
        // A list value is one header line per item, as writeHead sends it from a header object.
        if (Array.isArray(value)) for (const item of value) head.push(name, item)
        else head.push(name, String(value))
      }
      reply.raw.writeHead(replay.status, head)
      reply.raw.end(replay.body)
    })
    if (options.earlyReplies !== undefined) answerEarly(app, options.earlyReplies, source)

    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return
      // A route that chose no-store before its handler (health checks) is live every time: never replayed.
      if (states.get(reply)?.policy === 'no-store') return
      const key = keyOf(request)
      const entry = cache.get(key, contentVersion())
      if (entry === undefined) {
        storeUnder.set(reply, key)
        return
      }
      cacheEntryOf.set(reply, entry)
      reply.code(entry.statusCode).headers(entry.headers)
      return reply.send(entry.payload)
    })
  }

  const codingFor = (acceptEncoding: string | undefined, reply: FastifyReply, body: string | Buffer): ContentCoding | 'identity' => {
    if (reply.hasHeader('content-encoding')) return 'identity'
    if (!isCompressible(reply.getHeader('content-type') as string | undefined)) return 'identity'
    appendVary(reply, 'Accept-Encoding')
    if (Buffer.byteLength(body) < options.compressionThreshold) return 'identity'
    return negotiateEncoding(acceptEncoding)
  }

  app.addHook('onSend', async (request, reply, payload) => {
    const isRead = request.method === 'GET' || request.method === 'HEAD'
    const status = reply.statusCode
    const state = states.get(reply)
    // A response replayed by the preHandler hook below (HEAD, a coding not made yet) keeps the Cache-Control it was
    // stored with: its handler, which may have chosen another policy (the docs, the reader page), did not run.
    const replayed = cacheEntryOf.get(reply)
    if (status >= 400) reply.header('cache-control', NO_STORE)
    else if (isRead) reply.header('cache-control', replayed?.headers['cache-control'] ?? cacheControlFor(state?.policy ?? 'news'))
    if (isRead) appendVary(reply, 'Accept', 'Accept-Encoding')

    // Streams (Swagger UI's static files) are passed through untouched: they carry their own validators.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const acceptEncoding = request.headers['accept-encoding']
    const coding = codingFor(acceptEncoding, reply, payload)

    // Validators (ETag, Last-Modified, 304) only for cacheable reads: a no-store answer (health checks) is always fresh.
    if (isRead && status === 200 && state?.policy !== 'no-store') {
      const cached = cacheEntryOf.get(reply) ?? remember(reply, payload, state)
      const etag = encodedEtag(cached?.etag ?? strongEtag(payload), coding)
      reply.header('etag', etag)
      const lastModified = cached?.lastModified ?? state?.lastModified ?? null
      if (lastModified !== null) {
        reply.header('last-modified', lastModified.toUTCString())
        // Node's own Date is a string cached per second (refreshed by a timer that can fire late): sent fresh with a
        // Last-Modified, so a time capped at now (setLastModified) is never after it.
        reply.header('date', new Date().toUTCString())
      }
      if (cached === undefined && state !== undefined && state.keys.length > 0) {
        reply.header('surrogate-key', state.keys.join(' '))
        reply.header('cache-tag', state.keys.join(','))
      }
      if (isNotModified(request.headers, etag, lastModified)) {
        reply.code(304)
        reply.removeHeader('content-type')
        // HEAD keeps the payload only so Fastify's HEAD handler reports the representation's Content-Length.
        if (request.method === 'GET') return null
      }
    }

    if (coding === 'identity') return payload
    reply.header('content-encoding', coding)
    const entry = isRead && status === 200 ? cacheEntryOf.get(reply) : undefined
    const encoded = entry?.encoded[coding] ?? await compress(payload, coding)
    if (entry !== undefined && cache !== undefined) cache.addEncoded(keyOf(request), entry, coding, encoded)
    return encoded
  })

  /** Stores a freshly made GET 200 (headers final but for the validators added here) and returns its entry. */
  function remember (reply: FastifyReply, payload: string | Buffer, state: DeliveryState | undefined): CachedResponse | undefined {
    const key = storeUnder.get(reply)
    if (cache === undefined || key === undefined || !cache.admit(key, contentVersion())) return undefined
    const lastModified = state?.lastModified ?? null
    const headers = representationHeaders(reply.getHeaders())
    if (lastModified !== null) headers['last-modified'] = lastModified.toUTCString()
    if (state !== undefined && state.keys.length > 0) {
      headers['surrogate-key'] = state.keys.join(' ')
      headers['cache-tag'] = state.keys.join(',')
    }
    // Stored as bytes: compact (one byte per ASCII character, not a V8 string or rope) and written without re-encoding.
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload
    const entry: CachedResponse = {
      version: contentVersion(),
      statusCode: 200,
      payload: bytes,
      etag: strongEtag(bytes),
      lastModified,
      headers,
      encoded: {},
      limited: (reply.request.routeOptions.config as unknown as Record<PropertyKey, unknown> | undefined)?.[RATE_LIMITED] === true,
      compressible: isCompressible(headers['content-type']),
      size: bytes.length
    }
    cache.set(key, entry)
    cacheEntryOf.set(reply, entry)
    reply.headers(headers)
    return entry
  }
}, { name: 'http-caching' })
