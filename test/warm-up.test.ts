// The start-up warm-up requests the hot read routes in-process: lists, the rail and the newest article, each
// three times (the response cache admits a response on its second request; the third is a hit).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, listen, RATE_LIMIT_OFF } from './helpers/app.js'
import { captureLogs } from './helpers/log-capture.js'
import { warmUp } from '../src/warm-up.js'
import { WARM_UP_HEADER, WARM_UP_TOKEN } from '../src/http/access-log.js'

test('warm-up requests the list, the rail and the newest article three times each', async (t) => {
  const app = await buildTestApp(t)
  const seen: string[] = []
  app.addHook('onResponse', async (request, reply) => { seen.push(`${request.url} ${reply.statusCode}`) })
  const result = await warmUp(app)
  assert.equal(result.requests, 10)
  const newest = (await app.inject('/articles?limit=1')).json().items[0].slug
  assert.deepEqual(seen.slice(0, 10), ['/articles?limit=1 200', ...['/articles', '/headlines', `/articles/${newest}`].flatMap((path) => Array(3).fill(`${path} 200`))])
})

test('warm-up on an empty database skips the article and does not throw', async (t) => {
  const app = await buildTestApp(t, { seedIfEmpty: false })
  const result = await warmUp(app)
  assert.equal(result.requests, 7)
})

test('given the server address, warm-up also sends rounds over sockets, answered from the cache; none is logged', async (t) => {
  const log = captureLogs<{ msg: string, url?: string }>()
  // At debug, so 'incoming request' lines are written too.
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, logger: { level: 'debug', stream: log.stream } })
  const base = await listen(app)
  const result = await warmUp(app, base)
  assert.equal(result.requests, 10 + 3 * 200)
  const requestLines = log.lines().filter((line) => line.msg === 'request completed' || line.msg === 'incoming request')
  assert.equal(requestLines.length, 0, 'no warm-up request gets an access-log or incoming-request line')
  // Other requests are still logged (early hits too: early-replies.test.ts), and so are requests with the warm-up
  // header that cannot be the warm-up: from loopback (as through a reverse proxy on the same host) without this
  // process's token, once from Fastify's path and once a cache hit; and with the token from a non-loopback address.
  assert.equal((await fetch(`${base}/articles?limit=2`)).status, 200)
  assert.equal((await fetch(`${base}/headlines`)).status, 200)
  assert.equal((await fetch(`${base}/articles?limit=4`, { headers: { [WARM_UP_HEADER]: '1' } })).status, 200)
  assert.equal((await fetch(`${base}/headlines`, { headers: { [WARM_UP_HEADER]: 'true' } })).status, 200)
  const remote = await app.inject({ url: '/articles?limit=3', headers: { [WARM_UP_HEADER]: WARM_UP_TOKEN }, remoteAddress: '203.0.113.5' })
  assert.equal(remote.statusCode, 200)
  assert.deepEqual(log.lines().filter((line) => line.msg === 'request completed').map((line) => line.url),
    ['/articles?limit=2', '/headlines', '/articles?limit=4', '/headlines', '/articles?limit=3'])
})

test('with the rate limiter on, warm-up requests (in-process and over sockets) spend none of 127.0.0.1\'s budget', async (t) => {
  const app = await buildTestApp(t, { rateLimit: { enabled: true, timeWindow: '1 minute', max: 3, keyMax: 6 } })
  const base = await listen(app)
  const result = await warmUp(app, base)
  assert.equal(result.requests, 10 + 3 * 200)
  const first = await fetch(`${base}/articles`)
  assert.equal(first.status, 200)
  assert.equal(first.headers.get('ratelimit-remaining'), '2', 'the first client request after the warm-up has the whole budget')
  // The header without this process's token is an ordinary request, counted like any other.
  const copied = await fetch(`${base}/headlines`, { headers: { [WARM_UP_HEADER]: '1' } })
  assert.equal(copied.status, 200)
  assert.equal(copied.headers.get('ratelimit-remaining'), '1')
})
