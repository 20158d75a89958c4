// Owns If-Match handling for optimistic concurrency: missing -> 428, malformed -> 400, stale -> 412.
import { HttpProblem } from './errors.js'

/** One list member and what follows it (a comma or the end). Sticky: the list is read left to right in one pass. */
const LIST_MEMBER = /\s*((?:W\/)?"[\x21\x23-\x7e\x80-\xff]*")\s*(,|$)/y

/**
 * The entity tags of a comma-separated list, or undefined when it is not one. Linear in the header's length: the
 * split it replaces (a comma followed by a lookahead for balanced quotes) rescanned the rest of the header at every
 * comma, about half a second of CPU for a 16 KB header of commas.
 */
function parseTagList (header: string): string[] | undefined {
  const member = new RegExp(LIST_MEMBER)
  const tags: string[] = []
  for (;;) {
    const match = member.exec(header)
    if (match === null) return undefined
    tags.push(match[1] ?? '')
    if (match[2] === '') return tags
  }
}

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
  const tags = parseTagList(header)
  if (tags === undefined) {
    throw new HttpProblem(400, 'If-Match must be a comma-separated list of entity tags such as "abc123"')
  }
  return tags
}

/** Strong comparison (RFC 9110 13.1.1): weak tags never match. */
export function assertMatches (tags: string[], current: string, what: string): void {
  if (!tags.includes(current)) {
    throw new HttpProblem(412, `${what} has changed since that ETag was issued; GET it again and reapply your change`)
  }
}
