// Owns choosing what a cache hit sends: the entry for the request line and Accept, the coding for Accept-Encoding,
// and 200 or 304 for the conditional headers; undefined when the response cache cannot answer this request.
import type { IncomingHttpHeaders } from 'node:http'
import type { EncodingChoices } from './compression.js'
import { isNotModified } from './conditional.js'
import { replayHeads, type ResponseCache } from './response-cache.js'

export interface Replay {
  status: 200 | 304
  head: Record<string, string>
  body: string | Buffer | undefined
  /** Whether the rate limiter counts requests for this response (CachedResponse.limited). */
  limited: boolean
}

export interface ReplaySource {
  cache: ResponseCache
  version: () => number
  codings: EncodingChoices
  compressionThreshold: number
}

export const cacheKey = (url: string, accept: string | undefined): string => `${url}\n${accept ?? ''}`

export function findReplay (source: ReplaySource, url: string, headers: IncomingHttpHeaders): Replay | undefined {
  const entry = source.cache.get(cacheKey(url, headers.accept), source.version())
  if (entry === undefined) return undefined
  const coding = entry.compressible && entry.size >= source.compressionThreshold
    ? source.codings.choose(headers['accept-encoding'])
    : 'identity'
  // A coding not made yet (first gzip/br request after the entry was stored) goes the full way and is stored then.
  const heads = replayHeads(entry, coding)
  if (heads === undefined) return undefined
  const conditional = headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined
  if (conditional && isNotModified(headers, heads.etag, entry.lastModified)) return { status: 304, head: heads.notModified, body: undefined, limited: entry.limited }
  return { status: 200, head: heads.ok, body: heads.body, limited: entry.limited }
}
