// Owns the access log: ONE line per finished request (method, url, status, response time, request id) instead of
// Fastify's two ('incoming request' + 'request completed'), which cost about 20% of the CPU of a cached read at
// LOG_LEVEL=info. 'incoming request' is still logged at debug (to follow a request that never completes). Done through
// Fastify's LogController (its logController option), so no extra hook runs per request.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify'
import { stdTimeFunctions, symbols } from 'pino'

const QUIETER_THAN_INFO = new Set(['fatal', 'error', 'warn', 'silent'])
const VERBOSE = new Set(['debug', 'trace'])

/**
 * Sent by the start-up warm-up (warm-up.ts) with each of its requests, with WARM_UP_TOKEN as its value: random per
 * process, so a client cannot copy it. Behind a reverse proxy on the same host every client's requests come from
 * loopback too, and a fixed value would let any of them hide its requests from the access log.
 */
export const WARM_UP_HEADER = 'x-newsdesk-warm-up'
export const WARM_UP_TOKEN = randomBytes(18).toString('base64url')
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
/**
 * Whether a request is the server's own start-up warm-up: the header with this process's token, from a loopback
 * address. Those get no access-log line and no 'incoming request' line, on either path; 'warm-up requests done' counts
 * them instead.
 */
export const isWarmUp = (request: IncomingMessage): boolean =>
  request.headers[WARM_UP_HEADER] === WARM_UP_TOKEN && LOOPBACK.has(request.socket?.remoteAddress ?? '')

/** Whether a logger at `level` writes the access log ('request completed', info) and 'incoming request' (debug). */
export const logsRequests = (level: string): boolean => !QUIETER_THAN_INFO.has(level)
export const logsIncoming = (level: string): boolean => VERBOSE.has(level)

interface RequestLine { method: string, url: string, reqId?: string }
interface CompletedLine extends RequestLine { statusCode: number, responseTime: number, early?: true }

/** The debug line of a request that has arrived (also written by http/early-replies.ts, before Fastify). */
export const logIncoming = (log: FastifyBaseLogger, line: RequestLine): void => { log.debug(line, 'incoming request') }
const COMPLETED = 'request completed'
/** The access-log line of a finished request (early replies: earlyLineWriter below, the same line marked early). */
export const logCompleted = (log: FastifyBaseLogger, line: CompletedLine): void => { log.info(line, COMPLETED) }

/**
 * A response time for the access log: milliseconds to the microsecond. A full-precision double ("0.05382999999997")
 * took ~1 us per line to print (V8's shortest round-trip conversion, measured in a profile); three decimals are
 * cheaper to print and all a response time needs.
 */
export const responseTimeMs = (ms: number): number => Math.round(ms * 1000) / 1000

/** Characters JSON.stringify leaves as they are in a string: printable ASCII except " and \. */
const PLAIN_JSON_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/
/** JSON.stringify(text) for a string, without the call for the usual plain-ASCII URL. */
const jsonString = (text: string): string => PLAIN_JSON_STRING.test(text) ? `"${text}"` : JSON.stringify(text)

/** pino.symbols.msgPrefixSym exists at run time (pino 9+) but not in pino's type declarations. */
const msgPrefixSym = (symbols as unknown as Record<string, symbol>).msgPrefixSym ?? Symbol('none')

type EarlyLine = (reqId: string, url: string, statusCode: number, responseTime: number) => void
type CompletedFields = (log: FastifyBaseLogger, method: string, url: string, statusCode: number, responseTime: number) => boolean

/** The parts of a pino logger (pino.symbols, pino's integration API) a line is made of, or that rule it out. */
interface PinoParts {
  [symbols.streamSym]?: { write: (line: string) => void, [symbols.needsMetadataGsym]?: boolean }
  [symbols.lsCacheSym]?: Record<number, string>
  [symbols.timeSym]?: () => string
  [symbols.chindingsSym]?: string
  [symbols.endSym]?: string
  [symbols.messageKeySym]?: string
  [symbols.nestedKeySym]?: string | null
  [msgPrefixSym]?: string
  [symbols.mixinSym]?: unknown
  [symbols.hooksSym]?: { logMethod?: unknown, streamWrite?: unknown }
  [symbols.formattersSym]?: { log?: unknown }
  [symbols.stringifiersSym]?: object
  [symbols.serializersSym]?: object
  levels?: { values: Record<string, number> }
  isLevelEnabled?: (level: string) => boolean
}

/** What a line written without pino needs from a logger whose lines nothing else shapes. */
interface PlainLogger {
  parts: PinoParts
  write: (line: string) => void
  /** pino's info prefix ({"level":30), its timestamp (printed once per millisecond for the default one) and line end. */
  prefix: string
  timestamp: () => string
  /** The end of an access-log line: its message and pino's line end. */
  tail: string
}

/**
 * `log`'s parts when no option shapes its lines besides its bindings: no mixin, log formatter, redaction, hooks, nested
 * or custom message key, prefix, multistream. Undefined otherwise: such loggers get their lines through pino.
 */
function plainLogger (log: FastifyBaseLogger): PlainLogger | undefined {
  const parts = log as unknown as PinoParts
  const stream = parts[symbols.streamSym]
  const level = parts.levels?.values.info
  const prefix = level === undefined ? undefined : parts[symbols.lsCacheSym]?.[level]
  const time = parts[symbols.timeSym]
  const end = parts[symbols.endSym]
  const hooks = parts[symbols.hooksSym]
  const plain = stream !== undefined && stream[symbols.needsMetadataGsym] !== true &&
    typeof prefix === 'string' && typeof time === 'function' && typeof parts[symbols.chindingsSym] === 'string' && typeof end === 'string' &&
    parts[symbols.messageKeySym] === 'msg' && (parts[symbols.nestedKeySym] ?? null) === null && !parts[msgPrefixSym] &&
    parts[symbols.mixinSym] == null && hooks?.logMethod == null && hooks?.streamWrite == null &&
    parts[symbols.formattersSym]?.log == null && Object.keys(parts[symbols.stringifiersSym] ?? {}).length === 0
  if (!plain) return undefined
  // pino's default timestamp (,"time":<ms since epoch>) changes once a millisecond: printed once per millisecond here
  // instead of once per line (the number-to-text conversion was a visible cost at ~25 lines per millisecond).
  let lastMs = -1
  let lastTime = ''
  const timestamp = time !== stdTimeFunctions.epochTime
    ? (): string => time.call(log)
    : (): string => {
        const now = Date.now()
        if (now !== lastMs) {
          lastMs = now
          lastTime = `,"time":${now}`
        }
        return lastTime
      }
  return { parts, write: (line) => { stream.write(line) }, prefix, timestamp, tail: `,"msg":${JSON.stringify(COMPLETED)}${end}` }
}

// The fields are quoted as pino quotes them (JSON.stringify unless plain ASCII; URLs and methods come from Node's HTTP
// parser, one char per byte, so they have no lone surrogates to tell the two apart).
const fields = (method: string, url: string, statusCode: number, responseTime: number): string =>
  `"method":${jsonString(method)},"url":${jsonString(url)},"statusCode":${statusCode},"responseTime":${responseTime}`

/**
 * The access-log line of an early reply (http/early-replies.ts), byte for byte what `logCompleted` would write
 * through pino, but assembled here from the logger's own parts (its level prefix, timestamp, bindings and line end)
 * and written straight to its destination: pino's general path (merge object, per-key serializer and stringifier
 * lookups, string escaping) cost 10-14% of a cached read's CPU, measured side by side. Only for a plain logger
 * (plainLogger); any other gets `logCompleted`. The caller checks the level (logsRequests). The two paths are compared
 * in test/http/access-log.test.ts.
 */
export function earlyLineWriter (log: FastifyBaseLogger): EarlyLine {
  const plain = plainLogger(log)
  if (plain === undefined) {
    return (reqId, url, statusCode, responseTime) => {
      logCompleted(log, { reqId, method: 'GET', url, statusCode, responseTime, early: true })
    }
  }
  const { write, prefix, timestamp } = plain
  const chindings = plain.parts[symbols.chindingsSym]!
  const tail = `,"early":true${plain.tail}`
  return (reqId, url, statusCode, responseTime) => {
    write(`${prefix}${timestamp()}${chindings},"reqId":${jsonString(reqId)},${fields('GET', url, statusCode, responseTime)}${tail}`)
  }
}

/**
 * The access-log line of a request Fastify answered, written as earlyLineWriter writes its lines, for `log`, the
 * request's child logger, when it is a plain child of a plain logger (as Fastify makes them: bindings only, the
 * parent's serializers, levels and redaction); returns false, having written nothing, for any other logger.
 */
function completedLineWriter (): CompletedFields {
  const parents = new WeakMap<object, PlainLogger | null>()
  return (log, method, url, statusCode, responseTime) => {
    const child = log as unknown as PinoParts
    const parent = Object.getPrototypeOf(child) as FastifyBaseLogger | null
    if (parent === null) return false
    let plain = parents.get(parent)
    if (plain === undefined) {
      plain = plainLogger(parent) ?? null
      parents.set(parent, plain)
    }
    if (plain === null) return false
    const base = plain.parts
    // What a child's options could have changed (pino's child()): its own serializers, redaction, levels or prefix.
    if (!Object.hasOwn(child, symbols.chindingsSym) || child[symbols.serializersSym] !== base[symbols.serializersSym] ||
      child[symbols.stringifiersSym] !== base[symbols.stringifiersSym] || child[symbols.lsCacheSym] !== base[symbols.lsCacheSym] ||
      child[msgPrefixSym] !== base[msgPrefixSym] || child[symbols.formattersSym]?.log != null || child.isLevelEnabled?.('info') !== true) return false
    plain.write(`${plain.prefix}${plain.timestamp()}${child[symbols.chindingsSym]!},${fields(method, url, statusCode, responseTime)}${plain.tail}`)
    return true
  }
}

/**
 * Fastify's logController: the access-log line of each finished request (none when `enabled` is false, ACCESS_LOG, or
 * for the start-up warm-up; a request that errored is logged either way) and 'incoming request' at debug.
 */
export class AccessLog extends LogController {
  readonly #writeCompleted = completedLineWriter()

  constructor (readonly enabled = true) {
    super()
  }

  override incomingRequest (request: FastifyRequest): void {
    if (logsIncoming(request.log.level) && !isWarmUp(request.raw)) logIncoming(request.log, { method: request.method, url: request.url })
  }

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    this.#completed(error, request, reply, reply.elapsedTime)
  }

  /**
   * The same line for a reply Fastify sends without its response listeners, so without requestCompleted: the
   * frameworkErrors answers (http/framework-errors.ts; Fastify calls incomingRequest for them, then nothing). Call it
   * before sending: it logs once the response has finished, timed from this call.
   */
  completeOutsideRoute (request: FastifyRequest, reply: FastifyReply): void {
    const started = performance.now()
    const done = (error?: Error): void => {
      reply.raw.removeListener('finish', done)
      reply.raw.removeListener('error', done)
      this.#completed(error, request, reply, performance.now() - started)
    }
    reply.raw.once('finish', done)
    reply.raw.once('error', done)
  }

  #completed (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, elapsedMs: number): void {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: responseTimeMs(elapsedMs) }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else if (this.enabled && !isWarmUp(request.raw) && !this.#writeCompleted(reply.log, line.method, line.url, line.statusCode, line.responseTime)) {
      logCompleted(reply.log, line)
    }
  }
}
