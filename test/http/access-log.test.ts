// The access log: one JSON line per request with method, url, status and response time; none below level info.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import pino from 'pino'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import { AccessLog, earlyLineWriter, logCompleted, responseTimeMs } from '../../src/http/access-log.js'
import { loggerOptions } from '../../src/logger.js'
import { buildTestApp, listen, RATE_LIMIT_OFF } from '../helpers/app.js'
import { captureLogs as capture } from '../helpers/log-capture.js'
import { editorHeaders } from '../helpers/editor.js'

/** What server.ts gives Fastify for LOG_FORMAT=json at info, with the capture in place of stdout. */
const productionLogger = (log: ReturnType<typeof capture>): ReturnType<typeof loggerOptions> =>
  ({ ...loggerOptions({ logLevel: 'info', logFormat: 'json' }), stream: log.stream })

/** Requests /headlines until a line marked early appears; returns that raw line. */
async function earlyLine (base: string, log: ReturnType<typeof capture>, headers: Record<string, string> = {}): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${base}/headlines`, { headers })
    assert.equal(response.status, 200)
    await response.arrayBuffer()
    const line = log.raw().find((raw) => raw.includes('"early":true'))
    if (line !== undefined) return line
  }
  return assert.fail('no request was answered early')
}

test('each request, cached or not, is logged once with method, url, status and response time', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { logger: { level: 'info', stream: log.stream } })
  for (const url of ['/headlines', '/headlines', '/nope']) await app.inject(url)
  const requests = log.lines().filter((line) => line.msg === 'request completed')
  assert.deepEqual(requests.map((line) => [line.method, line.url, line.statusCode]),
    [['GET', '/headlines', 200], ['GET', '/headlines', 200], ['GET', '/nope', 404]])
  for (const line of requests) assert.equal(typeof line.responseTime, 'number')
  assert.ok(requests.every((line) => typeof line.reqId === 'string'))
  assert.equal(log.lines().filter((line) => line.msg === 'incoming request').length, 0)
})

test('requests the router refuses (bad percent-encoding: 400, an over-long path segment: 414) are logged too', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { logger: { level: 'info', stream: log.stream } })
  const long = `/articles/${'a'.repeat(201)}`
  for (const url of ['/articles/%ZZ', long]) await app.inject({ url, headers: { 'x-request-id': `refused-${url.length}` } })
  const requests = log.lines().filter((line) => line.msg === 'request completed')
  assert.deepEqual(requests.map((line) => [line.method, line.url, line.statusCode, line.reqId]),
    [['GET', '/articles/%ZZ', 400, 'refused-13'], ['GET', long, 414, `refused-${long.length}`]])
  for (const line of requests) assert.ok(typeof line.responseTime === 'number' && line.responseTime >= 0)
})

test('at level warn there is no access log', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { logger: { level: 'warn', stream: log.stream } })
  await app.inject('/headlines')
  assert.equal(log.lines().length, 0)
})

test('an early reply\'s line is byte for byte the line pino writes for the same request (production logger settings)', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, logger: productionLogger(log) })
  const line = await earlyLine(await listen(app), log, { 'x-request-id': 'same-request' })
  const fields = JSON.parse(line) as { reqId: string, url: string, statusCode: number, responseTime: number }
  assert.deepEqual(Object.keys(fields), ['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'url', 'statusCode', 'responseTime', 'early', 'msg'])
  assert.equal(fields.reqId, 'same-request')

  const before = log.raw().length
  logCompleted(app.log, { reqId: fields.reqId, method: 'GET', url: fields.url, statusCode: fields.statusCode, responseTime: fields.responseTime, early: true })
  const viaPino = log.raw()[before] ?? assert.fail('pino wrote nothing')
  const timeless = (raw: string): string => raw.replace(/"time":\d+/, '"time":0')
  assert.equal(timeless(line), timeless(viaPino))
})

test('a request Fastify answered is logged byte for byte as pino would log it (production logger settings)', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { logger: productionLogger(log) })
  const base = await listen(app)
  // Requests with an API key go through Fastify, cache hits too (replayed after the hooks); so does a miss.
  const key = await editorHeaders(app)
  const requests: Array<[string, string, Record<string, string>]> = [
    ['/headlines', 'miss', key], ['/headlines', 'stored', key], ['/headlines', 'hit', key], ['/nope?x="caf\u00e9"', 'not-found', {}]
  ]
  for (const [path, id, headers] of requests) {
    const response = await fetch(`${base}${path}`, { headers: { 'x-request-id': id, ...headers } })
    await response.arrayBuffer()
  }
  const lines = log.raw().filter((raw) => raw.includes('"msg":"request completed"'))
  assert.equal(lines.length, 4)
  const timeless = (raw: string): string => raw.replace(/"time":\d+/, '"time":0')
  for (const line of lines) {
    const fields = JSON.parse(line) as { reqId: string, method: string, url: string, statusCode: number, responseTime: number }
    assert.deepEqual(Object.keys(fields), ['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'url', 'statusCode', 'responseTime', 'msg'])
    const before = log.raw().length
    // As Fastify makes a request's logger: a child with the request id as its binding.
    logCompleted(app.log.child({ reqId: fields.reqId }, {}), { method: fields.method, url: fields.url, statusCode: fields.statusCode, responseTime: fields.responseTime })
    assert.equal(timeless(line), timeless(log.raw()[before] ?? assert.fail('pino wrote nothing')))
  }
  assert.deepEqual(lines.map((line) => (JSON.parse(line) as { statusCode: number }).statusCode), [200, 200, 200, 404])
})

test('a request logger with options of its own (serializers, level) gets its access line through pino', () => {
  const log = capture()
  const root = pino({ level: 'info' }, log.stream)
  const accessLog = new AccessLog()
  const request = { method: 'GET', url: '/articles', raw: { headers: {}, socket: {} } } as unknown as FastifyRequest
  /** A request's logger whose pino `info` is recorded instead of written. */
  const throughInfo: unknown[] = []
  const watched = (logger: FastifyBaseLogger): FastifyBaseLogger => {
    logger.info = ((...args: unknown[]) => { throughInfo.push(args) }) as FastifyBaseLogger['info']
    return logger
  }
  const complete = (logger: FastifyBaseLogger): void => {
    accessLog.requestCompleted(null, request, { log: logger, statusCode: 200, elapsedTime: 1.5 } as unknown as FastifyReply)
  }
  complete(watched(root.child({ reqId: 'plain' }, {})))
  assert.equal(throughInfo.length, 0, 'a plain child\'s line went through pino')
  assert.equal(log.raw().length, 1)
  complete(watched(root.child({ reqId: 'serializers' }, { serializers: { url: () => 'hidden' } })))
  complete(watched(root.child({ reqId: 'quiet' }, { level: 'warn' })))
  assert.equal(throughInfo.length, 2)
  assert.equal(log.raw().length, 1)
})

test('the early line quotes URLs as pino does, plain or not, and keeps a custom timestamp function', () => {
  for (const timestamp of [pino.stdTimeFunctions.epochTime, pino.stdTimeFunctions.isoTime]) {
    const log = capture()
    const logger = pino({ level: 'info', timestamp }, log.stream)
    const write = earlyLineWriter(logger)
    // The early writer writes whatever the level (its caller checks it); pino would write nothing at silent, so a
    // line here comes from the early path, not from a fallback through pino.
    logger.level = 'silent'
    const urls = ['/articles/plain', '/articles?q="quoted"\\back', '/articles/caf\u00e9-\u2713', '/tab\tand\u0001control']
    for (const url of urls) write('req-1', url, 200, 1.5)
    const early = log.raw()
    assert.equal(early.length, urls.length)
    logger.level = 'info'
    for (const url of urls) logCompleted(logger, { reqId: 'req-1', method: 'GET', url, statusCode: 200, responseTime: 1.5, early: true })
    const viaPino = log.raw().slice(urls.length)
    const timeless = (raw: string): string => raw.replace(/"time":("[^"]*"|\d+)/, '"time":0')
    assert.deepEqual(early.map(timeless), viaPino.map(timeless))
    const time = (JSON.parse(early[0]!) as { time: unknown }).time
    assert.equal(typeof time, timestamp === pino.stdTimeFunctions.isoTime ? 'string' : 'number')
  }
})

test('response times are logged in milliseconds to the microsecond', () => {
  assert.equal(responseTimeMs(0.05382999999997), 0.054)
  assert.equal(responseTimeMs(12.3456), 12.346)
  assert.equal(responseTimeMs(0), 0)
})

test('a logger whose lines are shaped by other options (here a mixin) gets the early line through pino', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, logger: { level: 'info', stream: log.stream, mixin: () => ({ region: 'eu' }) } })
  const line = JSON.parse(await earlyLine(await listen(app), log)) as Record<string, unknown>
  assert.equal(line.region, 'eu')
  assert.equal(line.msg, 'request completed')
})

/** Five GET /headlines over a socket: the response cache admits it, then replays it before Fastify. */
async function headlinesFiveTimes (base: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${base}/headlines`)
    assert.equal(response.status, 200)
    await response.arrayBuffer()
  }
}

test('with the access log on (the default), five requests give five lines, the replayed ones marked early', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, logger: productionLogger(log) })
  await headlinesFiveTimes(await listen(app))
  const completed = log.lines().filter((line) => line.msg === 'request completed')
  assert.equal(completed.length, 5)
  assert.ok(completed.some((line) => line.early === true), 'no request was answered early')
})

test('with the access log off (ACCESS_LOG=false) no request is logged, answered early or not; other info lines are', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, accessLog: false, logger: productionLogger(log) })
  const base = await listen(app)
  await headlinesFiveTimes(base)
  assert.equal((await fetch(`${base}/nope`)).status, 404)
  assert.equal((await app.inject('/headlines')).statusCode, 200)
  app.log.info('still logging')
  const messages = log.lines().map((line) => line.msg)
  assert.deepEqual(messages.filter((msg) => msg === 'request completed'), [])
  assert.ok(messages.includes('still logging'))
})
