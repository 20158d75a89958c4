// Owns entity tags: a strong ETag is a hash of the exact representation bytes, so equal tags mean equal bytes.
import { createHash } from 'node:crypto'

export function strongEtag (payload: string | Buffer): string {
  return `"${createHash('sha1').update(payload).digest('base64url')}"`
}
