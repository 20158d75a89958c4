// Cache hits answered before Fastify (rate limiter on or off) must be indistinguishable, over real sockets, from the full
// pipeline of an app with the cache off: status, bytes and every header (CORS for any or listed origins, 304s,
// compression, the rate limiter's counting and headers), and they are still logged. Requests with an API key, and hits
// over the rate limit, go through Fastify.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { BuildAppOptions } from '../../src/app.js'
import { buildTestApp, listen, RATE_LIMIT_OFF } from '../helpers/app.js'
import { captureLogs } from '../helpers/log-capture.js'
import { socketRequest, type Seen } from '../helpers/socket-request.js'
import { currentEtag, editorHeaders, patchArticle, SYRIA } from '../helpers/editor.js'

const article = `/articles/${SYRIA}`

const get = async (base: string, path: string, headers: Record<string, string> = {}): Promise<Seen> => await socketRequest(base, 'GET', path, headers)

async function pair (t: TestContext, options: Partial<BuildAppOptions> = {}) {
  const log = captureLogs()
  const cached = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, logger: { level: 'info', stream: log.stream }, ...options })
  const uncached = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF, ...options, responseCacheEntries: 0 })
  return { cached: await listen(cached), uncached: await listen(uncached), log, app: cached }
}

type Request = [path: string, headers?: Record<string, string>]

async function assertSame (apps: { cached: string, uncached: string }, requests: Request[]): Promise<Seen[]> {
  const seen: Seen[] = []
  for (const [path, headers = {}] of requests) {
    // One request id for both servers, so ids (echoed in X-Request-Id and problem documents) compare equal too.
    const fast = await get(apps.cached, path, { 'x-request-id': 'compare-1', ...headers })
    const full = await get(apps.uncached, path, { 'x-request-id': 'compare-1', ...headers })
    const label = `${path} ${JSON.stringify(headers)}`
    assert.equal(fast.status, full.status, label)
    assert.deepEqual(fast.headers, full.headers, label)
    assert.ok(fast.body.equals(full.body), label)
    seen.push(fast)
  }
  return seen
}

/** Access-log lines of requests answered before Fastify (marked early: true). */
const earlyLines = (lines: Array<Record<string, unknown>>): Array<Record<string, unknown>> =>
  lines.filter((line) => line.msg === 'request completed' && line.early === true)

test('with the limiter off, hits are answered before Fastify with the same bytes and headers, and logged', async (t) => {
  const apps = await pair(t)
  // Asked for twice: the second response is stored (the cache admits a URL on its second request).
  const [first] = await assertSame(apps, [[article], [article]])
  const etag = String(first!.headers.etag)
  const seen = await assertSame(apps, [
    [article],
    [article, { origin: 'https://elsewhere.example' }],
    [article, { 'if-none-match': etag }],
    [article, { 'if-modified-since': 'Wed, 01 Jan 2025 00:00:00 GMT' }],
    ['/articles?limit=100'],
    ['/articles?limit=100', { 'accept-encoding': 'gzip' }],
    ['/articles?limit=100', { 'accept-encoding': 'gzip' }],
    ['/articles?limit=100', { 'accept-encoding': 'br;q=1, gzip;q=0.5' }],
    ['/articles?limit=100', { 'accept-encoding': 'br' }],
    [article, { accept: 'application/ninjs+json' }],
    [article, { accept: 'application/ninjs+json' }],
    [article, { accept: 'application/ninjs+json' }],
    [article, { authorization: 'Bearer nd_partner_not-a-real-key-not-a-real-key-not-a-real-k' }]
  ])
  assert.deepEqual(seen.map((s) => s.status), [200, 200, 304, 304, 200, 200, 200, 200, 200, 200, 200, 200, 401])
  assert.equal(seen[6]!.headers['content-encoding'], 'gzip')
  const early = earlyLines(apps.log.lines())
  // Hits: article x4 (incl. two 304s), the gzip repeat, the br repeat, the third ninjs. Misses (a list or ninjs URL's
  // first two requests, the first of each new coding) and the keyed request went through Fastify.
  assert.deepEqual(early.map((line) => [line.url, line.statusCode]), [
    [article, 200], [article, 200], [article, 304], [article, 304], ['/articles?limit=100', 200], ['/articles?limit=100', 200], [article, 200]
  ])
  for (const line of early) assert.equal(typeof line.responseTime, 'number')
})

test('early hits carry a request id like every other answer: the caller\'s sane X-Request-Id, else a fresh one', async (t) => {
  const apps = await pair(t)
  await get(apps.cached, article)
  await get(apps.cached, article)
  const given = await get(apps.cached, article, { 'x-request-id': 'edge-1234' })
  const fresh = await get(apps.cached, article)
  const again = await get(apps.cached, article)
  const hostile = await get(apps.cached, article, { 'x-request-id': 'no spaces <allowed>' })
  assert.equal(given.headers['x-request-id'], 'edge-1234')
  assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/)
  assert.notEqual(fresh.headers['x-request-id'], again.headers['x-request-id'])
  assert.notEqual(hostile.headers['x-request-id'], 'no spaces <allowed>')
  const early = earlyLines(apps.log.lines())
  assert.equal(early.length, 4, 'all four repeats were answered early')
  assert.deepEqual(early.map((line) => line.reqId), [given, fresh, again, hostile].map((seen) => seen.headers['x-request-id']))
  // Security headers come with the stored representation (helmet runs on the request that filled the cache).
  assert.match(String(given.headers['content-security-policy']), /default-src 'self'/)
  assert.equal(given.headers['x-content-type-options'], 'nosniff')
})

test('with CORS for listed origins, early hits reflect each allowed origin like the CORS plugin', async (t) => {
  const apps = await pair(t, { corsOrigins: ['https://app.newsdesk.test', 'https://partner.newsdesk.test'] })
  const seen = await assertSame(apps, [
    [article],
    [article],
    [article, { origin: 'https://app.newsdesk.test' }],
    [article, { origin: 'https://partner.newsdesk.test' }],
    [article, { origin: 'https://evil.example' }],
    [article]
  ])
  assert.equal(seen[2]!.headers['access-control-allow-origin'], 'https://app.newsdesk.test')
  assert.equal(seen[4]!.headers['access-control-allow-origin'], undefined)
  assert.equal(earlyLines(apps.log.lines()).length, 4)
})

test('an early hit never outlives a write: the next GET after a PATCH is the new article, from Fastify', async (t) => {
  const apps = await pair(t)
  for (let i = 0; i < 3; i++) assert.equal((await get(apps.cached, article)).status, 200)
  assert.equal(earlyLines(apps.log.lines()).length, 1, 'the third GET was answered early')
  const headers = await editorHeaders(apps.app)
  const change = { summary: 'Example corrected standfirst.', changeNote: 'Example correction' }
  const patched = await apps.app.inject(patchArticle(SYRIA, headers, change, await currentEtag(apps.app, article)))
  assert.equal(patched.statusCode, 200, patched.body)
  const after = await get(apps.cached, article)
  assert.equal(after.status, 200)
  assert.equal((JSON.parse(after.body.toString()) as { summary: string }).summary, change.summary)
  assert.equal(earlyLines(apps.log.lines()).length, 1, 'the GET after the write went through Fastify')
})

test('an editor\'s reads of a draft are never answered early or replayed to anyone, over real sockets', async (t) => {
  const apps = await pair(t)
  const editor = await editorHeaders(apps.app)
  const created = await apps.app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { title: 'Example headline', section: 'no-comment', body: ['Example paragraph.'] } })
  assert.equal(created.statusCode, 201, created.body)
  const draftUrl = '/articles/example-headline'
  for (let i = 0; i < 3; i++) {
    const read = await get(apps.cached, draftUrl, editor)
    assert.equal(read.status, 200)
    assert.equal(read.headers['x-article-status'], 'draft')
  }
  assert.equal((await get(apps.cached, draftUrl)).status, 404)
  assert.equal((await get(apps.cached, draftUrl, { 'x-api-key': 'nd_partner_unknown' })).status, 401)
  assert.deepEqual(earlyLines(apps.log.lines()), [], 'nothing was answered before Fastify')
})

test('an entry the cache has evicted is not answered early', async (t) => {
  const apps = await pair(t, { responseCacheEntries: 1 })
  for (let i = 0; i < 3; i++) await get(apps.cached, article)
  assert.equal(earlyLines(apps.log.lines()).length, 1)
  // Two GETs of another URL store it, which evicts the article (one entry at most).
  for (let i = 0; i < 2; i++) await get(apps.cached, '/headlines')
  await assertSame(apps, [[article]])
  assert.deepEqual(earlyLines(apps.log.lines()).map((line) => line.url), [article], 'the article after eviction went through Fastify')
})

test('with the limiter on, hits are answered before Fastify too: counted in the same windows, same headers, 429 past the limit', async (t) => {
  // Held still, so both servers' windows report the same time left (RateLimit-Reset, Retry-After).
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() })
  const apps = await pair(t, { rateLimit: { enabled: true, timeWindow: '1 minute', max: 8, keyMax: 100 } })
  const [first] = await assertSame(apps, [[article], [article]])
  const seen = await assertSame(apps, [
    [article],
    [article, { 'if-none-match': String(first!.headers.etag) }],
    ['/headlines'],
    [article, { origin: 'https://elsewhere.example' }],
    [article, { authorization: 'Bearer nd_partner_not-a-real-key-not-a-real-key-not-a-real-k' }],
    [article],
    [article],
    [article],
    [article]
  ])
  assert.deepEqual(seen.map((s) => [s.status, s.headers['ratelimit-remaining'], s.headers['ratelimit-policy']]), [
    [200, '5', '8;w=60'], [304, '4', '8;w=60'], [200, '3', '8;w=60'], [200, '2', '8;w=60'],
    [401, undefined, undefined], [200, '1', '8;w=60'], [200, '0', '8;w=60'], [429, '0', '8;w=60'], [429, '0', '8;w=60']
  ])
  assert.equal(seen[7]!.headers['retry-after'], '60')
  // The article's hits within the limit were answered early; the list's miss, the keyed request (401) and the requests
  // over the limit (429) went through Fastify, and every one of them was counted in the same window.
  assert.deepEqual(earlyLines(apps.log.lines()).map((line) => [line.url, line.statusCode]),
    [[article, 200], [article, 304], [article, 200], [article, 200], [article, 200]])
})

test('with the limiter on, hits of routes it does not count (the OpenAPI document, the reader page) are answered early, uncounted', async (t) => {
  const log = captureLogs()
  const app = await buildTestApp(t, { rateLimit: { enabled: true, timeWindow: '1 minute', max: 2, keyMax: 100 }, logger: { level: 'info', stream: log.stream } })
  const base = await listen(app)
  for (const path of ['/openapi.json', '/']) {
    for (let i = 0; i < 4; i++) {
      const seen = await get(base, path)
      assert.equal(seen.status, 200, path)
      assert.equal(seen.headers['ratelimit-remaining'], undefined, path)
    }
  }
  assert.deepEqual(earlyLines(log.lines()).map((line) => line.url), ['/openapi.json', '/openapi.json', '/', '/'])
  // The client's budget is untouched: its first counted request has the whole limit left.
  assert.equal((await get(base, article)).headers['ratelimit-remaining'], '1')
})
