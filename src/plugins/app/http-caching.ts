// Owns HTTP delivery of every response: Cache-Control, Vary, strong ETags, Last-Modified, Surrogate-Key / Cache-Tag,
// conditional GET (304) and gzip/brotli compression, all in ONE onSend hook so their order is fixed and explicit:
//   1. the identity bytes are final (serialized by the route)         4. If-None-Match / If-Modified-Since -> 304
//   2. a content coding is chosen (Accept-Encoding, size, media type) 5. otherwise the body is compressed
//   3. ETag = strongEtag(identity bytes) + "-br" / "-gzip" when encoded
// so each representation has its own strong tag, a 304 works for compressed and identity clients alike, and the tag
// of any representation leads back to the identity bytes (identityEtagOf, for If-Match in the write API).
import fp from 'fastify-plugin'
import type { FastifyReply } from 'fastify'
import { DOCS_CACHE_CONTROL, newsCacheControl, NO_STORE, type CachePolicy, type CacheControlSettings } from '../../http/cache-control.js'
import { compress, isCompressible, negotiateEncoding } from '../../http/compression.js'
import { isNotModified } from '../../http/conditional.js'
import { encodedEtag, strongEtag, type ContentCoding } from '../../http/etag.js'
import { appendVary } from '../../http/vary.js'

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
}

interface DeliveryState { keys: string[], lastModified: Date | null, policy: CachePolicy }

const states = new WeakMap<FastifyReply, DeliveryState>()

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
    const date = at === null || at === undefined ? null : new Date(at)
    stateOf(this).lastModified = date === null || Number.isNaN(date.getTime()) ? null : date
    return this
  })
  app.decorateReply('setCachePolicy', function (this: FastifyReply, policy: CachePolicy) {
    stateOf(this).policy = policy
    return this
  })

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
    if (status >= 400) reply.header('cache-control', NO_STORE)
    else if (isRead) reply.header('cache-control', cacheControlFor(state?.policy ?? 'news'))
    if (isRead) appendVary(reply, 'Accept', 'Accept-Encoding')

    // Streams (Swagger UI's static files) are passed through untouched: they carry their own validators.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const acceptEncoding = request.headers['accept-encoding']
    const coding = codingFor(acceptEncoding, reply, payload)

    if (isRead && status === 200) {
      const etag = encodedEtag(strongEtag(payload), coding)
      reply.header('etag', etag)
      const lastModified = state?.lastModified ?? null
      if (lastModified !== null) reply.header('last-modified', lastModified.toUTCString())
      if (state !== undefined && state.keys.length > 0) {
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
    return await compress(payload, coding)
  })
}, { name: 'http-caching' })
