// Owns If-Match handling for optimistic concurrency: missing -> 428, malformed -> 400, stale -> 412.
import { HttpProblem } from './errors.js'

const ENTITY_TAG = /^\s*(W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*$/

/**
 * The entity tags of an If-Match header. `*` is refused (428) on purpose: it would let an editor overwrite a
 * version they never read, which is exactly what If-Match is here to prevent.
 */
export function requireIfMatch (header: string | undefined, what: string): string[] {
  if (header === undefined || header.trim() === '') {
    throw new HttpProblem(428, `Changing ${what} needs an If-Match header with the ETag of its current representation (GET it first)`)
  }
  if (header.trim() === '*') {
    throw new HttpProblem(428, 'If-Match: * is not accepted; send the ETag of the representation you are changing')
  }
  const tags = header.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
  if (!tags.every((tag) => ENTITY_TAG.test(tag))) {
    throw new HttpProblem(400, 'If-Match must be a comma-separated list of entity tags such as "abc123"')
  }
  return tags.map((tag) => tag.trim())
}

/** Strong comparison (RFC 9110 13.1.1): weak tags never match. */
export function assertMatches (tags: string[], current: string, what: string): void {
  if (!tags.includes(current)) {
    throw new HttpProblem(412, `${what} has changed since that ETag was issued; GET it again and reapply your change`)
  }
}
