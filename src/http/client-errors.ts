// Owns answers to requests Node.js rejects before Fastify sees them (malformed HTTP, oversized head, timeouts):
// written straight to the socket, as RFC 9457 problem documents like every other error.
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { SecurityHeaders } from '../plugins/external/helmet.js'

const REASONS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'The request head (request line and headers) is too large'],
  HPE_URI_TOO_LONG: [414, 'The request target is too long']
}

/**
 * Fastify's `clientErrorHandler` for a server whose responses carry `security` (helmet's set, computed once:
 * plugins/external/helmet.ts): these answers get the same headers, nosniff among them.
 */
export function clientErrorAnswerer (security: SecurityHeaders): (error: Error & { code?: string }, socket: Socket) => void {
  const securityLines = Object.entries(security).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return (error, socket) => { answerClientError(error, socket, securityLines) }
}

/** Answers a request Node.js could not parse; `securityLines`: the security header lines every answer carries. */
function answerClientError (error: Error & { code?: string }, socket: Socket, securityLines: string): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, detail] = REASONS[error.code ?? ''] ?? [400, 'The request is not valid HTTP/1.1']
  const title = STATUS_CODES[status] ?? 'Bad Request'
  // No request line could be read, so there is no path for `instance` (required by the Problem schema): empty.
  const requestId = randomUUID()
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, instance: '', requestId })
  if (socket.writable) {
    // The headers every problem carries (as framework-errors.ts sets them): the id also as X-Request-Id, and the
    // security headers.
    socket.write(`HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n` +
      `Cache-Control: no-store\r\n${securityLines}X-Request-Id: ${requestId}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
  }
  socket.destroy(error)
}
