// HTTP delivery: strong ETags, 304s, Last-Modified, Cache-Control, Vary, Surrogate-Key / Cache-Tag and compression.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { buildTestApp } from '../helpers/app.js'
import { insertArticle } from '../helpers/fixtures.js'
import { currentEtag, editorHeaders } from '../helpers/editor.js'
import { strongEtag } from '../../src/http/etag.js'

const SYRIA = `/articles/syrian-army-retakes-maaret-al-numan`
const NEWS = 'public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400'

test('every GET 200 has a strong ETag of its exact body bytes, news Cache-Control and Vary', async (t) => {
  const app = await buildTestApp(t)
  for (const url of [SYRIA, '/articles', '/articles?limit=2&fields=slug', '/headlines', '/sections', '/tags']) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 200, url)
    assert.equal(res.headers.etag, strongEtag(res.rawPayload), url)
    assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]+"$/, url)
    assert.equal(res.headers['cache-control'], NEWS, url)
    assert.equal(res.headers.vary, 'Accept, Accept-Encoding', url)
    const again = await app.inject(url)
    assert.equal(again.headers.etag, res.headers.etag, `${url} is stable`)
  }
  const a = await app.inject('/articles?limit=1')
  const b = await app.inject('/articles?limit=2')
  assert.notEqual(a.headers.etag, b.headers.etag, 'different lists, different tags')
})

test('If-None-Match: matching tag, tag lists, weak tags and * give 304 with no body; other tags give 200', async (t) => {
  const app = await buildTestApp(t)
  const first = await app.inject(SYRIA)
  const etag = String(first.headers.etag)
  for (const inm of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
    const res = await app.inject({ url: SYRIA, headers: { 'if-none-match': inm } })
    assert.equal(res.statusCode, 304, inm)
    assert.equal(res.body, '', inm)
    assert.equal(res.headers.etag, etag, inm)
    assert.equal(res.headers['cache-control'], NEWS)
    assert.equal(res.headers.vary, 'Accept, Accept-Encoding')
    assert.equal(res.headers['last-modified'], first.headers['last-modified'])
    assert.equal(res.headers['content-length'], undefined)
    assert.equal(res.headers['content-type'], undefined)
  }
  const miss = await app.inject({ url: SYRIA, headers: { 'if-none-match': '"stale", W/"older"' } })
  assert.equal(miss.statusCode, 200)
  assert.equal(miss.body, first.body)

  const list = await app.inject('/articles?limit=3')
  const notModified = await app.inject({ url: '/articles?limit=3', headers: { 'if-none-match': String(list.headers.etag) } })
  assert.equal(notModified.statusCode, 304)
  assert.equal(notModified.headers['x-total-count'], '15')
  assert.equal(notModified.headers.link, list.headers.link)
})

test('a change to the content changes the ETag, so a revalidation gets the new body', async (t) => {
  const app = await buildTestApp(t)
  const list = await app.inject('/articles?limit=3')
  insertArticle(app.db, { slug: 'fixture-new', publishedAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-02T00:00:00.000Z' })
  app.contentVersion.bump() // fixtures write behind the API's back; every real writer bumps the version after commit
  const res = await app.inject({ url: '/articles?limit=3', headers: { 'if-none-match': String(list.headers.etag) } })
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().items[0].slug, 'fixture-new')
  assert.equal(res.headers['last-modified'], 'Tue, 02 Jan 2024 00:00:00 GMT')
})

test('Last-Modified comes from the data; If-Modified-Since gives 304 unless If-None-Match is present', async (t) => {
  const app = await buildTestApp(t)
  const article = await app.inject(SYRIA)
  assert.equal(article.headers['last-modified'], 'Tue, 28 Jan 2020 00:00:00 GMT')
  // Lists and the rail: the latest change of any article (the seed's only dated one), whatever they list.
  for (const url of ['/articles', '/headlines', '/articles?section=no-comment&sort=oldest&from=2021-01-01']) {
    assert.equal((await app.inject(url)).headers['last-modified'], 'Tue, 28 Jan 2020 00:00:00 GMT', url)
  }

  const undated = await app.inject('/articles/deer-rescued-from-freezing-swimming-pool')
  assert.equal(undated.headers['last-modified'], undefined, 'unknown: omitted')

  const cases: Array<[Record<string, string>, number]> = [
    [{ 'if-modified-since': 'Tue, 28 Jan 2020 00:00:00 GMT' }, 304],
    [{ 'if-modified-since': 'Wed, 29 Jan 2020 10:00:00 GMT' }, 304],
    [{ 'if-modified-since': 'Mon, 27 Jan 2020 23:59:59 GMT' }, 200],
    [{ 'if-modified-since': 'not a date' }, 200],
    [{ 'if-modified-since': 'Wed, 29 Jan 2020 10:00:00 GMT', 'if-none-match': '"something-else"' }, 200],
    [{ 'if-modified-since': 'Mon, 27 Jan 2020 00:00:00 GMT', 'if-none-match': String(article.headers.etag) }, 304]
  ]
  for (const [headers, status] of cases) {
    const res = await app.inject({ url: SYRIA, headers })
    assert.equal(res.statusCode, status, JSON.stringify(headers))
  }
  const noDate = await app.inject({ url: '/articles/deer-rescued-from-freezing-swimming-pool', headers: { 'if-modified-since': 'Wed, 29 Jan 2030 10:00:00 GMT' } })
  assert.equal(noDate.statusCode, 200, 'no Last-Modified, nothing to compare')
})

test('Last-Modified is never later than Date: a stored time ahead of the clock is sent as the response time', async (t) => {
  const app = await buildTestApp(t)
  // Imported data can carry a date the API itself refuses (publishedAt in the future, no updatedAt).
  insertArticle(app.db, { slug: 'fixture-future', publishedAt: '2099-01-01T00:00:00.000Z' })
  app.contentVersion.bump()
  // The sent time is the moment of the response (RFC 9110 section 8.8.2.1), so it moves with the clock: a client sending
  // it back in a later second gets a 200, as it should. The clock is held still so each pair of requests shares a second.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() })
  for (const url of ['/articles/fixture-future', '/articles', '/headlines']) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 200, url)
    const lastModified = Date.parse(String(res.headers['last-modified']))
    assert.ok(lastModified <= Date.parse(String(res.headers.date)), `${url}: Last-Modified ${res.headers['last-modified']} after Date ${res.headers.date}`)
    assert.ok(lastModified > Date.parse('2020-01-28T00:00:00Z'), `${url}: still the latest change`)
    const again = await app.inject({ url, headers: { 'if-modified-since': String(res.headers['last-modified']) } })
    assert.equal(again.statusCode, 304, `${url}: revalidates against what was sent`)
  }
})

test('an unpublished article leaves lists and the rail with a later Last-Modified: If-Modified-Since gets the new list', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const gone = 'deer-rescued-from-freezing-swimming-pool'
  const before = await app.inject('/articles?limit=100')
  assert.ok(before.json().items.some((item: { slug: string }) => item.slug === gone))
  const since = String(before.headers['last-modified'])
  const unpublished = await app.inject({ method: 'DELETE', url: `/articles/${gone}`, headers: { ...editor, 'if-match': await currentEtag(app, `/articles/${gone}`) } })
  assert.equal(unpublished.statusCode, 204)
  // The page's remaining items are as old as before: their own dates would have answered 304 and kept the article.
  for (const url of ['/articles?limit=100', '/headlines']) {
    const res = await app.inject({ url, headers: { 'if-modified-since': since } })
    assert.equal(res.statusCode, 200, url)
    assert.ok(!res.json().items.some((item: { slug: string }) => item.slug === gone), url)
    assert.ok(Date.parse(String(res.headers['last-modified'])) > Date.parse(since), url)
    assert.equal((await app.inject({ url, headers: { 'if-modified-since': String(res.headers['last-modified']) } })).statusCode, 304, url)
  }
})

test("replacing the rail's items moves its Last-Modified, even when every item is older", async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app, ['headlines:write'])
  const first = await app.inject('/headlines')
  const since = String(first.headers['last-modified'])
  const items = first.json().items.map((item: { slug: string }) => item.slug).reverse()
  const put = await app.inject({
    method: 'PUT', url: '/headlines', payload: { items },
    headers: { ...editor, 'content-type': 'application/json', 'if-match': String(first.headers.etag) }
  })
  assert.equal(put.statusCode, 200)
  const res = await app.inject({ url: '/headlines', headers: { 'if-modified-since': since } })
  assert.equal(res.statusCode, 200, 'the new order, not a 304 for the old one')
  assert.deepEqual(res.json().items.map((item: { slug: string }) => item.slug), items)
  assert.ok(Date.parse(String(res.headers['last-modified'])) > Date.parse(since))
})

test('Surrogate-Key and Cache-Tag name the article, section, tag and list keys', async (t) => {
  const app = await buildTestApp(t)
  const article = await app.inject(SYRIA)
  assert.equal(article.headers['surrogate-key'], 'article:syrian-army-retakes-maaret-al-numan section:no-comment tag:syria tag:idlib tag:maaret-al-numan')
  assert.equal(article.headers['cache-tag'], 'article:syrian-army-retakes-maaret-al-numan,section:no-comment,tag:syria,tag:idlib,tag:maaret-al-numan')

  const list = await app.inject('/articles?limit=2&tag=syria')
  assert.equal(list.headers['surrogate-key'], 'articles tag:syria section:no-comment article:syrian-army-retakes-maaret-al-numan')
  const sectionList = await app.inject('/articles?limit=1&section=no-comment')
  assert.match(String(sectionList.headers['surrogate-key']), /^articles section:no-comment article:syrian-army-retakes-maaret-al-numan$/)

  const rail = String((await app.inject('/headlines?limit=2')).headers['surrogate-key']).split(' ')
  assert.deepEqual(rail, ['rail:more-no-comment', 'article:french-firemen-scuffle-with-police-during-paris-protest', 'article:mural-of-basketball-star-kobe-bryant-and-daughter-gianna-appears-in-la'])
  assert.equal((await app.inject('/sections')).headers['surrogate-key'], 'sections section:no-comment')
  assert.equal((await app.inject('/tags')).headers['surrogate-key'], 'tags tag:idlib tag:maaret-al-numan tag:syria')
})

test('errors are never cached (no-store) and carry no ETag or surrogate keys', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/articles/no-such-story', '/articles?limit=0', '/no/such/route', '/articles/NOPE']) {
    const res = await app.inject({ url, headers: { 'if-none-match': '*' } })
    assert.ok(res.statusCode >= 400, url)
    assert.equal(res.headers['cache-control'], 'no-store', url)
    assert.equal(res.headers.etag, undefined, url)
    assert.equal(res.headers['surrogate-key'], undefined, url)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, url)
  }
  const wrongMethod = await app.inject({ method: 'PUT', url: SYRIA })
  assert.equal(wrongMethod.statusCode, 405)
  assert.equal(wrongMethod.headers['cache-control'], 'no-store')
})

test('Cache-Control values are configurable', async (t) => {
  const app = await buildTestApp(t, { cacheControl: { maxAge: 5, sMaxAge: 30, staleWhileRevalidate: 10, staleIfError: 600 } })
  const res = await app.inject('/articles')
  assert.equal(res.headers['cache-control'], 'public, max-age=5, s-maxage=30, stale-while-revalidate=10, stale-if-error=600')
})

test('the OpenAPI document and Swagger UI are cached briefly, without news directives or surrogate keys', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/openapi.json', '/docs/', '/docs/static/swagger-ui.css']) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 200, url)
    assert.equal(res.headers['cache-control'], 'public, max-age=300', url)
    assert.equal(res.headers['surrogate-key'], undefined, url)
  }
  const doc = await app.inject('/openapi.json')
  assert.equal(doc.headers.etag, strongEtag(doc.rawPayload))
  const revalidated = await app.inject({ url: '/openapi.json', headers: { 'if-none-match': String(doc.headers.etag) } })
  assert.equal(revalidated.statusCode, 304)
})

test('regression (found by differential fuzzing): replays of responses whose handler chose the policy keep its Cache-Control', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/openapi.json', '/']) {
    // Stored on the second GET; then a HEAD and the first gzip request are replayed by the preHandler hook, which
    // skips the handler that chose the docs policy.
    for (let i = 0; i < 2; i++) assert.equal((await app.inject(url)).headers['cache-control'], 'public, max-age=300', url)
    for (const res of [await app.inject({ method: 'HEAD', url }), await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })]) {
      assert.equal(res.statusCode, 200, url)
      assert.equal(res.headers['cache-control'], 'public, max-age=300', `${url} ${res.headers['content-encoding'] ?? 'HEAD'}`)
    }
  }
})

test('bodies over the threshold are compressed (br preferred, then gzip); each encoding has its own strong ETag', async (t) => {
  const app = await buildTestApp(t)
  const url = '/articles?limit=100'
  const identity = await app.inject(url)
  assert.ok(identity.rawPayload.length >= 1024)
  assert.equal(identity.headers['content-encoding'], undefined)
  const identityTag = String(identity.headers.etag)

  const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })
  assert.equal(gzip.headers['content-encoding'], 'gzip')
  assert.ok(gzip.rawPayload.length < identity.rawPayload.length)
  assert.deepEqual(gunzipSync(gzip.rawPayload), identity.rawPayload)
  assert.equal(gzip.headers.etag, `${identityTag.slice(0, -1)}-gzip"`)
  assert.equal(gzip.headers['content-length'], String(gzip.rawPayload.length))
  assert.equal(gzip.headers.vary, 'Accept, Accept-Encoding')

  const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } })
  assert.equal(br.headers['content-encoding'], 'br')
  assert.deepEqual(brotliDecompressSync(br.rawPayload), identity.rawPayload)
  assert.equal(br.headers.etag, `${identityTag.slice(0, -1)}-br"`)

  const weighted = await app.inject({ url, headers: { 'accept-encoding': 'br;q=0.5, gzip;q=0.8' } })
  assert.equal(weighted.headers['content-encoding'], 'gzip')
  const refused = await app.inject({ url, headers: { 'accept-encoding': 'br;q=0, gzip;q=0, identity' } })
  assert.equal(refused.headers['content-encoding'], undefined)
  assert.equal(refused.headers.etag, identityTag)
})

test('304 works for compressed representations, and tags of other encodings do not match', async (t) => {
  const app = await buildTestApp(t)
  const url = '/articles?limit=100'
  const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })
  const gzipTag = String(gzip.headers.etag)
  const again = await app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': gzipTag } })
  assert.equal(again.statusCode, 304)
  assert.equal(again.body, '')
  assert.equal(again.headers.etag, gzipTag)
  assert.equal(again.headers['content-encoding'], undefined)

  const identityClient = await app.inject({ url, headers: { 'if-none-match': gzipTag } })
  assert.equal(identityClient.statusCode, 200, 'the identity representation is not the gzip one')
  const brClient = await app.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': gzipTag } })
  assert.equal(brClient.statusCode, 200)
  assert.equal(brClient.headers['content-encoding'], 'br')
})

test('small bodies and the threshold setting: below it nothing is compressed', async (t) => {
  const app = await buildTestApp(t)
  const small = await app.inject({ url: '/articles?limit=1&fields=slug', headers: { 'accept-encoding': 'gzip, br' } })
  assert.ok(small.rawPayload.length < 1024)
  assert.equal(small.headers['content-encoding'], undefined)
  assert.equal(small.headers.vary, 'Accept, Accept-Encoding')

  const eager = await buildTestApp(t, { compressionThreshold: 0 })
  const tiny = await eager.inject({ url: '/articles?limit=1&fields=slug', headers: { 'accept-encoding': 'gzip' } })
  assert.equal(tiny.headers['content-encoding'], 'gzip')
  const problem = await eager.inject({ url: '/articles?limit=0', headers: { 'accept-encoding': 'gzip' } })
  assert.equal(problem.headers['content-encoding'], 'gzip', 'problem+json is compressible too')
  assert.equal(JSON.parse(gunzipSync(problem.rawPayload).toString()).status, 400)
})

test('HEAD answers with the same validators as GET, and 304 to a matching HEAD', async (t) => {
  const app = await buildTestApp(t)
  const get = await app.inject({ url: '/articles?limit=100', headers: { 'accept-encoding': 'gzip' } })
  const head = await app.inject({ method: 'HEAD', url: '/articles?limit=100', headers: { 'accept-encoding': 'gzip' } })
  assert.equal(head.statusCode, 200)
  assert.equal(head.body, '')
  assert.equal(head.headers.etag, get.headers.etag)
  assert.equal(head.headers['content-encoding'], 'gzip')
  assert.equal(head.headers['content-length'], get.headers['content-length'])
  const conditional = await app.inject({ method: 'HEAD', url: '/articles?limit=100', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(get.headers.etag) } })
  assert.equal(conditional.statusCode, 304)
  assert.equal(conditional.body, '')
})
