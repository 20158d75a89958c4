// Owns evaluation of GET/HEAD preconditions (RFC 9110 section 13.2.2): If-None-Match first, else If-Modified-Since.
import { parseEntityTags, weakMatch } from './etag.js'

export interface ConditionalHeaders {
  'if-none-match'?: string | string[] | undefined
  'if-modified-since'?: string | undefined
}

/** True when the client's copy is current and a 304 Not Modified should be sent instead of the body. */
export function isNotModified (headers: ConditionalHeaders, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = headers['if-none-match']
  if (ifNoneMatch !== undefined) {
    // If-None-Match takes precedence: If-Modified-Since is then ignored, matched or not.
    // The common case, a client sending back the one tag it was given, needs no parsing.
    if (ifNoneMatch === etag) return true
    const value = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(', ') : ifNoneMatch
    const tags = parseEntityTags(value)
    return tags === '*' || tags.some((tag) => weakMatch(tag, etag))
  }
  const ifModifiedSince = headers['if-modified-since']
  if (ifModifiedSince === undefined || lastModified === null) return false
  const since = Date.parse(ifModifiedSince)
  if (Number.isNaN(since)) return false
  // HTTP dates have one-second resolution.
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000)
}
