// Owns request ids: a sane incoming X-Request-Id (from a proxy or the client) is kept, anything else gets a fresh UUID.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'
/** Letters, digits and . _ : - only, at most 128 characters: safe to log and to echo in a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export function requestIdOf (request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER]
  if (typeof incoming === 'string' && incoming.length <= 128 && SANE_REQUEST_ID.test(incoming)) return incoming
  return randomUUID()
}
