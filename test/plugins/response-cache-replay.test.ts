// Cache hits answered early (preParsing, one precomputed head) must be indistinguishable from the full pipeline: the
// same status, bytes and headers as an app with the cache off, for CORS, API keys, rate limits, 304s and compression.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { gunzipSync } from 'node:zlib'
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { BuildAppOptions } from '../../src/app.js'
import { buildTestApp } from '../helpers/app.js'
import { SYRIA } from '../helpers/editor.js'

const LIMITS = { enabled: true, timeWindow: '1 minute', max: 1000, keyMax: 2000 }
/** Set per response by the server or the clock, not by the app. */
const VOLATILE = new Set(['date', 'connection', 'ratelimit-reset', 'x-ratelimit-reset'])

interface Seen { status: number, headers: Record<string, unknown>, body: Buffer }

async function send (app: FastifyInstance, request: InjectOptions): Promise<Seen> {
  // One request id for both apps, so ids (echoed in X-Request-Id and problem documents) compare equal too.
  const res = await app.inject({ ...request, headers: { 'x-request-id': 'compare-1', ...request.headers } })
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !VOLATILE.has(name)))
  return { status: res.statusCode, headers, body: res.rawPayload }
}

/** Two apps on equal databases, cache on and off; `onSendRuns` counts the cached app's trips through onSend. */
async function pair (t: Parameters<typeof buildTestApp>[0], options: Partial<BuildAppOptions> = {}) {
  const cached = await buildTestApp(t, { rateLimit: LIMITS, ...options })
  const uncached = await buildTestApp(t, { rateLimit: LIMITS, ...options, responseCacheEntries: 0 })
  const counter = { onSendRuns: 0 }
  cached.addHook('onSend', async () => { counter.onSendRuns++ })
  await cached.ready()
  await uncached.ready()
  return { cached, uncached, counter }
}

/** Sends `requests` in order to both apps and asserts each pair of responses is identical. */
async function assertSame (apps: Awaited<ReturnType<typeof pair>>, requests: InjectOptions[]): Promise<Seen[]> {
  const seen: Seen[] = []
  for (const [i, request] of requests.entries()) {
    const fast = await send(apps.cached, request)
    const full = await send(apps.uncached, request)
    const label = `request ${i}: ${JSON.stringify(request)}`
    assert.equal(fast.status, full.status, label)
    assert.deepEqual(fast.headers, full.headers, label)
    assert.ok(fast.body.equals(full.body), label)
    seen.push(fast)
  }
  return seen
}

const article = `/articles/${SYRIA}`

test('a replayed 200 and 304 equal the full pipeline, rate-limit headers and counting included, and skip onSend', async (t) => {
  const apps = await pair(t)
  // Asked for twice: the second response is stored (the cache admits a URL on its second request).
  const [first] = await assertSame(apps, [{ url: article }, { url: article }])
  const etag = String(first!.headers.etag)
  const before = apps.counter.onSendRuns
  const replies = await assertSame(apps, [
    { url: article },
    { url: article, headers: { origin: 'https://elsewhere.example' } },
    { url: article, headers: { 'if-none-match': etag } },
    { url: article, headers: { 'if-none-match': `"other", W/${etag}` } },
    { url: article, headers: { 'if-modified-since': 'Wed, 01 Jan 2025 00:00:00 GMT' } },
    { url: article, headers: { 'if-modified-since': 'Mon, 01 Jan 2018 00:00:00 GMT' } },
    { url: '/headlines' },
    { url: '/headlines' },
    { url: '/articles?limit=2' },
    { url: '/articles?limit=2' }
  ])
  assert.deepEqual(replies.map((r) => r.status), [200, 200, 304, 304, 304, 200, 200, 200, 200, 200])
  assert.equal(replies[2]!.body.length, 0)
  assert.equal(replies[0]!.headers['ratelimit-remaining'], String(LIMITS.max - 3), 'a hit counts against the limit')
  assert.equal(replies[0]!.headers['ratelimit-policy'], `${LIMITS.max};w=60`)
  assert.match(String(replies[9]!.headers.link), /rel="next"/)
  // The article's 6 requests were hits answered before onSend; /headlines and the list, asked for twice each, went
  // through it both times (stored on the second).
  assert.equal(apps.counter.onSendRuns - before, 4)
})

test('replayed compressed representations, API keys, HEAD and Accept variants equal the full pipeline', async (t) => {
  const apps = await pair(t)
  const partner = sharedPartnerKey(apps)
  const list = '/articles?limit=100'
  const seen = await assertSame(apps, [
    { url: list },
    { url: list, headers: { 'accept-encoding': 'gzip' } },
    { url: list, headers: { 'accept-encoding': 'gzip' } },
    { url: list, headers: { 'accept-encoding': 'gzip, br;q=0' } },
    { url: list, headers: { 'accept-encoding': 'br' } },
    { url: list, headers: { 'accept-encoding': 'br' } },
    { url: list, headers: { 'accept-encoding': 'gzip' } },
    { method: 'HEAD', url: list },
    { url: article, headers: { authorization: `Bearer ${partner}` } },
    { url: article, headers: { 'x-api-key': partner } },
    { url: article, headers: { authorization: 'Bearer nd_partner_not-a-real-key-not-a-real-key-not-a-real-k' } },
    { url: article, headers: { accept: 'application/ninjs+json' } },
    { url: article, headers: { accept: 'application/ninjs+json' } },
    { url: `${article}?format=ninjs` },
    { url: article, headers: { accept: 'text/html' } }
  ])
  assert.equal(seen[2]!.headers['content-encoding'], 'gzip')
  assert.equal(gunzipSync(seen[2]!.body).toString(), seen[0]!.body.toString())
  assert.equal(seen[5]!.headers['content-encoding'], 'br')
  assert.equal(seen[9]!.headers['ratelimit-limit'], String(LIMITS.keyMax))
  assert.deepEqual(seen.slice(10).map((r) => r.status), [401, 200, 200, 200, 406])
})

test('with CORS limited to listed origins, a replayed response reflects each allowed Origin like the full pipeline', async (t) => {
  const apps = await pair(t, { corsOrigins: ['https://app.newsdesk.test'] })
  const replies = await assertSame(apps, [
    { url: article },
    { url: article, headers: { origin: 'https://app.newsdesk.test' } },
    { url: article, headers: { origin: 'https://evil.example' } },
    { url: article }
  ])
  assert.equal(replies[1]!.headers['access-control-allow-origin'], 'https://app.newsdesk.test')
  assert.equal(replies[2]!.headers['access-control-allow-origin'], undefined)
  assert.match(String(replies[3]!.headers.vary), /^Origin, Accept/)
})

/** A partner key valid in both apps (same row copied), so both count it alike. */
function sharedPartnerKey (apps: Awaited<ReturnType<typeof pair>>): string {
  const { apiKey, key } = apps.cached.apiKeys.create('acme', 'partner')
  const row = apps.cached.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(apiKey.id) as Record<string, unknown>
  const columns = Object.keys(row)
  apps.uncached.db.prepare(`INSERT INTO api_keys (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row)
  return key
}
