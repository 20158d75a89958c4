// Owns the in-process cache of finished GET responses: identity bytes, their precomputed strong ETag, the headers the
// route set, and compressed variants made on first demand. Entries belong to one content version: a write bumps the
// version and every older entry stops matching (no per-request database check). A response is stored on the second
// request for it at a version (admit), so URLs asked for once never fill the cache.
import { encodedEtag, type ContentCoding } from './etag.js'

export interface CachedResponse {
  version: number
  statusCode: number
  payload: string | Buffer
  /** strongEtag(payload): computed once, when the entry is stored. */
  etag: string
  lastModified: Date | null
  /** Headers the route and hooks set that describe the representation (never per-client ones). */
  headers: Record<string, string>
  encoded: Partial<Record<ContentCoding, Buffer>>
  /** Whether the rate limiter counts requests for it (its route's config has RATE_LIMITED, http/rate-windows.ts). */
  limited: boolean
  /** Whether the content type may be compressed, and the identity body's length in bytes (for the threshold). */
  compressible: boolean
  size: number
  /** Complete response heads per representation, built on first replay (see replayHeads). */
  heads?: Partial<Record<ContentCoding | 'identity', ReplayHeads>>
}

/** Everything a replayed representation writes, precomputed once: one writeHead per request, no header ops. */
export interface ReplayHeads {
  etag: string
  body: string | Buffer
  ok: Record<string, string>
  notModified: Record<string, string>
}

/**
 * The heads of the `coding` representation of an entry (undefined when that coding has not been made yet): the
 * entry's headers plus ETag and Content-Length (200) or minus Content-Type (304), exactly as the onSend path sends them.
 * The coding's ETag is made here, once: a hit on an existing head allocates nothing.
 */
export function replayHeads (entry: CachedResponse, coding: ContentCoding | 'identity'): ReplayHeads | undefined {
  const made = entry.heads?.[coding]
  if (made !== undefined) return made
  const body = coding === 'identity' ? entry.payload : entry.encoded[coding]
  if (body === undefined) return undefined
  const etag = encodedEtag(entry.etag, coding)
  const ok: Record<string, string> = { ...entry.headers, etag, 'content-length': String(Buffer.byteLength(body)) }
  if (coding !== 'identity') ok['content-encoding'] = coding
  const notModified: Record<string, string> = { ...entry.headers, etag }
  delete notModified['content-type']
  const heads = { etag, body, ok, notModified }
  entry.heads = { ...entry.heads, [coding]: heads }
  return heads
}

/** Response headers that depend on the client or the moment, not on the representation: never cached. */
const PER_REQUEST_HEADER = /^(?:content-length|x-request-id|content-encoding|etag|date|connection|keep-alive|transfer-encoding|retry-after|x-ratelimit-.*|ratelimit(?:-.*)?|access-control-.*|set-cookie)$/i

export function representationHeaders (headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_REQUEST_HEADER.test(name)) continue
    kept[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return kept
}

/** Bytes an entry holds: its body and every compressed variant (headers are small and not counted). */
const bytesOf = (entry: CachedResponse): number =>
  entry.size + (entry.encoded.br?.length ?? 0) + (entry.encoded.gzip?.length ?? 0)

export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>()
  /** Keys asked for once at a content version and not stored (the doorkeeper), oldest first, bounded like entries. */
  readonly #seen = new Map<string, number>()
  #bytes = 0
  /** maxEntries and maxBytes: whichever is reached first evicts the oldest entries (Map keeps insertion order). */
  constructor (private readonly maxEntries: number, private readonly maxBytes = Number.POSITIVE_INFINITY) {}

  /**
   * Whether a response made for `key` at content version `version` should be stored: only on its second request at
   * that version. A URL asked for once (a crawler walking every list page, a one-off search) then costs no memory and
   * evicts nothing, while anything asked for twice is kept; the price is one more uncached answer per URL and version.
   */
  admit (key: string, version: number): boolean {
    if (this.#seen.get(key) === version) {
      this.#seen.delete(key)
      return true
    }
    this.#seen.delete(key)
    this.#seen.set(key, version)
    if (this.#seen.size > this.maxEntries) this.#seen.delete(this.#seen.keys().next().value!)
    return false
  }

  /** The entry for `key` if it was made at content version `version`. */
  get (key: string, version: number): CachedResponse | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.version === version) return entry
    this.#delete(key, entry)
    return undefined
  }

  set (key: string, entry: CachedResponse): void {
    const previous = this.#entries.get(key)
    if (previous !== undefined) this.#delete(key, previous)
    const bytes = bytesOf(entry)
    if (bytes > this.maxBytes) return
    this.#entries.set(key, entry)
    this.#bytes += bytes
    this.#evict()
  }

  /** Adds a compressed variant to the entry stored under `key`, keeping the byte count true. */
  addEncoded (key: string, entry: CachedResponse, coding: ContentCoding, encoded: Buffer): void {
    entry.encoded[coding] = encoded
    if (this.#entries.get(key) !== entry) return
    this.#bytes += encoded.length
    this.#evict()
  }

  get size (): number { return this.#entries.size }
  get bytes (): number { return this.#bytes }

  #evict (): void {
    while (this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const oldest = this.#entries.entries().next()
      if (oldest.done === true) return
      this.#delete(oldest.value[0], oldest.value[1])
    }
  }

  #delete (key: string, entry: CachedResponse): void {
    this.#entries.delete(key)
    this.#bytes -= bytesOf(entry)
  }
}
