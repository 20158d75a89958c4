// Owns the HTTP server's protective limits: body and URL sizes, header size, and the timeouts that bound slow clients.

export interface ServerLimits {
  /** Largest request body accepted anywhere, in bytes (write routes set a lower limit of their own). */
  bodyLimit: number
  /** Longest request target (path + query string) accepted, in characters; longer ones get 414. */
  maxUrlLength: number
  /** Largest request head (request line + headers) Node.js parses, in bytes; larger ones get 431. */
  maxHeaderSize: number
  /** Socket inactivity timeout (ms): a connection silent this long is closed. 0 = none. */
  connectionTimeoutMs: number
  /** How long an idle keep-alive connection stays open (ms); above common load balancer idle timeouts (60 s). */
  keepAliveTimeoutMs: number
  /** Time allowed to receive a whole request, head and body (ms); Node.js answers 408 after it. */
  requestTimeoutMs: number
  /** Time allowed to receive the request head (ms): the slowloris guard; at most requestTimeoutMs. */
  headersTimeoutMs: number
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  bodyLimit: 1024 * 1024,
  maxUrlLength: 8 * 1024,
  maxHeaderSize: 16 * 1024,
  connectionTimeoutMs: 120_000,
  keepAliveTimeoutMs: 72_000,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000
}

/**
 * How often Node.js checks open connections against headersTimeoutMs and requestTimeoutMs (its
 * connectionsCheckingInterval). Node's default, 30 s, let a slow client hold a connection up to 30 s past the 10 s head
 * timeout; a quarter of the head timeout (between 100 ms and Node's 30 s) keeps each timeout within 25% of itself.
 */
export const connectionsCheckingIntervalMs = (limits: ServerLimits): number =>
  Math.min(30_000, Math.max(100, Math.floor(limits.headersTimeoutMs / 4)))
