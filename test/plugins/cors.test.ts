// CORS for browser apps: any origin by default, or only the configured ones; the headers apps need are exposed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'

const APP_ORIGIN = 'http://frontend.newsdesk.test'

test('by default any origin may read responses, and ETag, Link, X-Total-Count and rate-limit headers are exposed', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/articles?limit=1', headers: { origin: APP_ORIGIN } })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['access-control-allow-origin'], '*')
  const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/)
  for (const header of ['ETag', 'Link', 'X-Total-Count', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'X-Request-Id', 'X-Article-Status']) {
    assert.ok(exposed.includes(header), header)
  }
  const problem = await app.inject({ url: '/articles?limit=0', headers: { origin: APP_ORIGIN } })
  assert.equal(problem.headers['access-control-allow-origin'], '*', 'errors are readable too')
})

test('a preflight is answered with 204, the allowed methods and a max-age', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({
    method: 'OPTIONS',
    url: '/articles',
    headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' }
  })
  assert.equal(res.statusCode, 204)
  assert.equal(res.headers['access-control-allow-origin'], '*')
  assert.match(String(res.headers['access-control-allow-methods']), /GET/)
  assert.equal(res.headers['access-control-allow-headers'], 'if-none-match')
  assert.equal(res.headers['access-control-max-age'], '600')
})

test('with configured origins only those are allowed, and Vary names Origin', async (t) => {
  const app = await buildTestApp(t, { corsOrigins: [APP_ORIGIN, 'https://partner.newsdesk.test'] })
  const allowed = await app.inject({ url: '/articles?limit=1', headers: { origin: APP_ORIGIN } })
  assert.equal(allowed.headers['access-control-allow-origin'], APP_ORIGIN)
  assert.equal(allowed.headers.vary, 'Origin, Accept, Accept-Encoding')
  const other = await app.inject({ url: '/articles?limit=1', headers: { origin: 'http://elsewhere.test' } })
  assert.equal(other.statusCode, 200)
  assert.equal(other.headers['access-control-allow-origin'], undefined)
})

test('the preflight route does not turn unknown paths into 405s', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/no/such/thing')
  assert.equal(res.statusCode, 404)
  const wrongMethod = await app.inject({ method: 'PUT', url: '/articles' })
  assert.equal(wrongMethod.statusCode, 405)
  assert.equal(wrongMethod.headers.allow, 'GET, HEAD, POST')
})
