// The access log: one JSON line per request with method, url, status and response time; none below level info.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'
import { captureLogs as capture } from '../helpers/log-capture.js'

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

test('at level warn there is no access log', async (t) => {
  const log = capture()
  const app = await buildTestApp(t, { logger: { level: 'warn', stream: log.stream } })
  await app.inject('/headlines')
  assert.equal(log.lines().length, 0)
})
