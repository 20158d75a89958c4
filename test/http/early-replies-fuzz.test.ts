// Differential fuzzing of early replies over real sockets: a seeded random sequence of GETs and HEADs (cacheable URLs, with and
// without Accept, Accept-Encoding, If-None-Match, If-Modified-Since, Origin, X-Request-Id and API keys, valid and not)
// goes to two servers, one answering cache hits before Fastify and one with the response cache off, both with the
// rate limiter on, with now and then the same editor's PATCH on both. Every answer must be the same: status, every
// header (RateLimit-* counts included) and body bytes.
// FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> changes its length (default 400 requests).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { buildTestApp, listen } from '../helpers/app.js'
import { captureLogs } from '../helpers/log-capture.js'
import { editorHeaders, SYRIA } from '../helpers/editor.js'
import { socketRequest as send, type Seen } from '../helpers/socket-request.js'

const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const RUNS = Number(process.env.FUZZ_RUNS ?? 400)

/** Asked for most, as on a real site (so answers repeat and are cached), then the rest. */
const HOT_PATHS = [`/articles/${SYRIA}`, '/articles', '/headlines']
const PATHS = [
  '/articles?limit=3', '/articles?q=syria', '/articles?section=world', '/sections', '/tags', '/feeds/articles.atom',
  '/feeds/headlines.json', '/feeds/articles.rss', '/openapi.json', '/', '/reader.css', '/articles/no-such-story',
  '/articles?sort=newest&q=syria', '/articles?limit=0',
  // Odd request targets: empty query, trailing slash, letter case, repeated and unknown parameters, bad escapes.
  `/articles/${SYRIA}?`, `/articles/${SYRIA}/`, '/Articles', '/articles?limit=3&limit=4', '/articles?x=1', '/articles/%ZZ',
  '/articles?q=%E2%9C%93', `/articles/${SYRIA}?utm_source=x`, '/headlines?&'
]

interface Sent { method: 'GET' | 'HEAD', path: string, headers: Record<string, string>, key: boolean, write: boolean }
/** ETags the servers have sent, so If-None-Match can carry a current one (shared: both servers make the same tags). */
const etags: string[] = []

const requestArbitrary = (): fc.Arbitrary<Sent> => {
  /** `arbitrary` one time in `oneIn`, else null (the header is not sent). */
  const option = <T>(arbitrary: fc.Arbitrary<T>, oneIn = 2): fc.Arbitrary<T | null> =>
    fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary })
  return fc.record({
    path: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOT_PATHS) }, { weight: 1, arbitrary: fc.constantFrom(...PATHS) }),
    // Part of the cache key (with the URL), so sent less often than the headers that are not.
    accept: option(fc.constantFrom('application/json', 'application/ninjs+json', '*/*', 'text/html', 'application/json;q=0', 'application/atom+xml, */*;q=0.1', '??'), 4),
    acceptEncoding: option(fc.constantFrom('gzip', 'br', 'identity', 'gzip, br', 'gzip;q=0', 'br;q=0.5, gzip;q=1', 'x-unknown', '')),
    ifNoneMatch: option(fc.oneof(
      fc.nat({ max: 50 }).map((n) => `#${n}`), fc.nat({ max: 50 }).map((n) => `W/#${n}`), fc.nat({ max: 50 }).map((n) => `"nope", #${n}`),
      fc.constantFrom('*', '"nope"', 'W/"nope"', 'garbage', '""'))),
    ifModifiedSince: option(fc.constantFrom('Wed, 01 Jan 2020 00:00:00 GMT', 'Fri, 01 Jan 2100 00:00:00 GMT', 'yesterday'), 6),
    origin: option(fc.constantFrom('https://elsewhere.example', 'null'), 4),
    requestId: fc.constantFrom('fuzz-1', 'not a sane id!'),
    roll: fc.nat({ max: 9 }),
    head: fc.nat({ max: 9 }),
    write: fc.nat({ max: 79 })
  }).map((drawn): Sent => {
      const headers: Record<string, string> = { 'x-request-id': drawn.requestId }
      if (drawn.accept !== null) headers.accept = drawn.accept
      if (drawn.acceptEncoding !== null) headers['accept-encoding'] = drawn.acceptEncoding
      if (drawn.ifNoneMatch !== null) headers['if-none-match'] = drawn.ifNoneMatch
      if (drawn.ifModifiedSince !== null) headers['if-modified-since'] = drawn.ifModifiedSince
      if (drawn.origin !== null) headers.origin = drawn.origin
      // One request in ten carries an API key (through Fastify on both servers, counted per key); one in ten is a HEAD
      // (replayed after the hooks from a stored response, never before Fastify).
      // One in 80 is preceded by an editor's PATCH of the article, which every cached answer must then reflect.
      return { method: drawn.head === 0 ? 'HEAD' : 'GET', path: drawn.path, headers, key: drawn.roll === 0, write: drawn.write === 0 }
  })
}

test('early replies and replays answer exactly as the full pipeline: a seeded random GET/HEAD sequence against two servers', async (t) => {
  // Held still, so both servers' rate windows report the same time left.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() })
  const rateLimit = { enabled: true, timeWindow: '1 minute', max: 1_000_000, keyMax: 1_000_000 }
  const log = captureLogs()
  const cachedApp = await buildTestApp(t, { rateLimit, logger: { level: 'info', stream: log.stream } })
  const uncachedApp = await buildTestApp(t, { rateLimit, responseCacheEntries: 0 })
  // A key on each server (keys live in each one's database; nothing in an answer depends on which key it is).
  const keys = { cached: await editorHeaders(cachedApp, ['articles:write']), uncached: await editorHeaders(uncachedApp, ['articles:write']) }
  const base = { cached: await listen(cachedApp), uncached: await listen(uncachedApp) }

  const requests = fc.sample(requestArbitrary(), { seed: SEED, numRuns: RUNS })
  const article = `/articles/${SYRIA}`
  let writes = 0
  /** The same PATCH on both servers (the clock is still, so both store the same times and make the same ETags). */
  const write = async (i: number): Promise<void> => {
    const answers: Seen[] = []
    for (const [server, key] of [[base.cached, keys.cached], [base.uncached, keys.uncached]] as const) {
      const etag = String((await send(server, 'GET', article, key)).headers.etag)
      const body = JSON.stringify({ summary: `Fuzzed summary ${i}.`, changeNote: 'Differential fuzzing' })
      answers.push(await send(server, 'PATCH', article, { ...key, 'x-request-id': 'fuzz-1', 'content-type': 'application/merge-patch+json', 'if-match': etag }, body))
    }
    const [fast, full] = answers as [Seen, Seen]
    assert.equal(fast.status, 200, `PATCH before request ${i}: ${fast.body.toString()}`)
    assert.equal(full.status, 200, `PATCH before request ${i}`)
    assert.deepEqual(fast.headers, full.headers, `PATCH before request ${i}`)
    assert.ok(fast.body.equals(full.body), `PATCH before request ${i}`)
    writes++
  }
  for (const [i, sent] of requests.entries()) {
    if (sent.write) await write(i)
    const headers = { ...sent.headers }
    // #n in If-None-Match stands for the n-th ETag seen so far (weak with W/, or after another tag in a list).
    const tag = headers['if-none-match']
    if (tag?.includes('#') === true) {
      headers['if-none-match'] = tag.replace(/#(\d+)/, (_, n: string) => etags.length === 0 ? '"none-yet"' : etags[Number(n) % etags.length]!)
    }
    const fast = await send(base.cached, sent.method, sent.path, sent.key ? { ...headers, ...keys.cached } : headers)
    const full = await send(base.uncached, sent.method, sent.path, sent.key ? { ...headers, ...keys.uncached } : headers)
    const label = `request ${i} (FUZZ_SEED=${SEED}): ${sent.method} ${sent.path} ${JSON.stringify(headers)}${sent.key ? ' with a key' : ''}`
    // A fresh request id (the sent one is not sane) differs between the servers: compared by shape instead.
    const masked = (seen: Seen): Seen => headers['x-request-id'] === 'fuzz-1'
      ? seen
      : { ...seen, headers: { ...seen.headers, 'x-request-id': typeof seen.headers['x-request-id'] }, body: Buffer.from(seen.body.toString('latin1').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID'), 'latin1') }
    assert.equal(fast.status, full.status, label)
    assert.deepEqual(masked(fast).headers, masked(full).headers, label)
    assert.ok(masked(fast).body.equals(masked(full).body), label)
    assert.ok(fast.status < 500, label)
    const etag = fast.headers.etag
    if (typeof etag === 'string' && !etags.includes(etag)) etags.push(etag)
  }
  // The sequence must have exercised the early path, or this compared two full pipelines.
  const early = log.lines().filter((line) => line.msg === 'request completed' && line.early === true)
  assert.ok(early.length > RUNS / 10, `only ${early.length} of ${RUNS} requests were answered early`)
  assert.ok(writes > 0 || RUNS < 100, 'the sequence had no write')
})
