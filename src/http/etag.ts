// Owns entity tags: a strong ETag is a hash of the exact representation bytes, so equal tags mean equal bytes.
// A compressed body is another representation: its tag is the identity tag with the coding appended ("…-gzip").
import { createHash } from 'node:crypto'

export type ContentCoding = 'br' | 'gzip'
export const CONTENT_CODINGS: readonly ContentCoding[] = ['br', 'gzip']

export function strongEtag (payload: string | Buffer): string {
  return `"${createHash('sha1').update(payload).digest('base64url')}"`
}

/** The tag of the `coding` representation of a body whose identity tag is `identityEtag`. */
export function encodedEtag (identityEtag: string, coding: ContentCoding | 'identity'): string {
  return coding === 'identity' ? identityEtag : `${identityEtag.slice(0, -1)}-${coding}"`
}

/** The identity tag behind a (possibly weak, possibly encoded) tag: W/"abc-gzip" -> "abc". For If-Match checks. */
export function identityEtagOf (tag: string): string {
  const opaque = tag.startsWith('W/') ? tag.slice(2) : tag
  for (const coding of CONTENT_CODINGS) {
    const suffix = `-${coding}"`
    if (opaque.endsWith(suffix)) return `${opaque.slice(0, -suffix.length)}"`
  }
  return opaque
}

/** The entity tags of an If-Match / If-None-Match value: '*', a list of tags as sent (W/ kept), or [] if none parse. */
export function parseEntityTags (header: string): '*' | string[] {
  if (header.trim() === '*') return '*'
  return header.match(/(?:W\/)?"[^"]*"/g) ?? []
}

/** RFC 9110 weak comparison: the opaque tags are equal, whether or not either is weak. */
export function weakMatch (a: string, b: string): boolean {
  return (a.startsWith('W/') ? a.slice(2) : a) === (b.startsWith('W/') ? b.slice(2) : b)
}

/** RFC 9110 strong comparison: both strong and equal. */
export function strongMatch (a: string, b: string): boolean {
  return !a.startsWith('W/') && a === b
}
