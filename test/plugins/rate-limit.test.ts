// Rate limits: per IP without a key, per key (higher) with one; RateLimit-* headers, RateLimit-Policy, Retry-After,
// 429 as a problem document; invalid keys are 401 before counting; Swagger UI is not limited; can be disabled.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/app.js'
import { timeWindowMs } from '../../src/plugins/external/rate-limit.js'

const LIMITS = { enabled: true, timeWindow: '1 minute', max: 3, keyMax: 6 }

async function statuses (app: FastifyInstance, n: number, url: string, headers: Record<string, string> = {}): Promise<number[]> {
  const codes: number[] = []
  for (let i = 0; i < n; i++) codes.push((await app.inject({ url, headers })).statusCode)
  return codes
}

test('anonymous clients get RATE_LIMIT_MAX per window, then a 429 problem with Retry-After and RateLimit headers', async (t) => {
  const app = await buildTestApp(t, { rateLimit: LIMITS })
  const first = await app.inject('/feeds/articles.atom')
  assert.equal(first.statusCode, 200)
  assert.equal(first.headers['ratelimit-limit'], '3')
  assert.equal(first.headers['ratelimit-remaining'], '2')
  assert.equal(first.headers['ratelimit-reset'], '60')
  assert.equal(first.headers['ratelimit-policy'], '3;w=60')

  assert.deepEqual(await statuses(app, 2, '/articles'), [200, 200], 'the limit is shared across routes')
  const limited = await app.inject('/feeds/headlines.json')
  assert.equal(limited.statusCode, 429)
  assert.match(limited.headers['content-type'] as string, /^application\/problem\+json/)
  const retryAfter = Number(limited.headers['retry-after'])
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `Retry-After ${String(limited.headers['retry-after'])}`)
  assert.equal(limited.headers['ratelimit-limit'], '3')
  assert.equal(limited.headers['ratelimit-remaining'], '0')
  assert.equal(limited.headers['ratelimit-policy'], '3;w=60')
  const problem = limited.json()
  assert.equal(problem.status, 429)
  assert.equal(problem.title, 'Too Many Requests')
  assert.equal(problem.instance, '/feeds/headlines.json')
  assert.match(problem.detail, /Rate limit of 3 requests per 1 minute exceeded .*an API key raises the limit/)
})

test('a valid partner key gets RATE_LIMIT_KEY_MAX, counted per key and apart from the IP budget', async (t) => {
  const app = await buildTestApp(t, { rateLimit: LIMITS })
  await app.ready()
  const { key } = app.apiKeys.create('acme', 'partner')
  const other = app.apiKeys.create('globex', 'partner').key

  assert.deepEqual(await statuses(app, 3, '/feeds/articles.rss'), [200, 200, 200])
  assert.equal((await app.inject('/feeds/articles.rss')).statusCode, 429, 'the IP budget is used up')

  const keyed = await app.inject({ url: '/feeds/articles.rss', headers: { authorization: `Bearer ${key}` } })
  assert.equal(keyed.statusCode, 200)
  assert.equal(keyed.headers['ratelimit-limit'], '6')
  assert.equal(keyed.headers['ratelimit-policy'], '6;w=60')
  assert.deepEqual(await statuses(app, 5, '/feeds/articles.rss', { 'x-api-key': key }), [200, 200, 200, 200, 200])
  const limited = await app.inject({ url: '/feeds/articles.rss', headers: { 'x-api-key': key } })
  assert.equal(limited.statusCode, 429)
  assert.match(limited.json().detail, /for this API key/)
  assert.equal((await app.inject({ url: '/feeds/articles.rss', headers: { 'x-api-key': other } })).statusCode, 200, 'each key has its own budget')
})

test('an unknown or revoked key on a feed is a 401 problem, not a lower limit', async (t) => {
  const app = await buildTestApp(t, { rateLimit: LIMITS })
  await app.ready()
  const { key } = app.apiKeys.create('acme', 'partner')
  app.apiKeys.revoke('acme')
  for (const headers of [{ authorization: `Bearer ${key}` }, { 'x-api-key': 'nd_partner_not-a-real-key' }]) {
    const res = await app.inject({ url: '/feeds/articles.atom', headers })
    assert.equal(res.statusCode, 401)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    assert.match(res.headers['www-authenticate'] as string, /^Bearer/)
  }
  const ninjs = await app.inject({ url: '/articles/syrian-army-retakes-maaret-al-numan?format=ninjs', headers: { 'x-api-key': key } })
  assert.equal(ninjs.statusCode, 401)
})

test('Swagger UI and the OpenAPI document are not rate limited', async (t) => {
  const app = await buildTestApp(t, { rateLimit: { ...LIMITS, max: 1 } })
  assert.deepEqual(await statuses(app, 3, '/docs/'), [200, 200, 200])
  assert.deepEqual(await statuses(app, 3, '/openapi.json'), [200, 200, 200])
  assert.equal((await app.inject('/docs/')).headers['ratelimit-limit'], undefined)
})

test('RATE_LIMIT_ENABLED=false turns limiting off: no headers, no 429', async (t) => {
  const app = await buildTestApp(t, { rateLimit: { ...LIMITS, enabled: false } })
  assert.deepEqual(await statuses(app, 5, '/headlines'), [200, 200, 200, 200, 200])
  assert.equal((await app.inject('/headlines')).headers['ratelimit-limit'], undefined)
})

test('time windows are parsed from "N unit"', () => {
  assert.equal(timeWindowMs('1 minute'), 60_000)
  assert.equal(timeWindowMs('30 s'), 30_000)
  assert.equal(timeWindowMs('2h'), 7_200_000)
  assert.equal(timeWindowMs('500ms'), 500)
  assert.throws(() => timeWindowMs('soon'), /Not a time window/)
})
