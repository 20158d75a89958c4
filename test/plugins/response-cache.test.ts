// The in-process response cache: a repeated GET is answered from memory with the same bytes and headers, per-request
// headers stay per request, and every write (through the API, or on another connection) is seen by the next read.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout } from 'node:timers/promises'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/connection.js'
import { buildTestApp, tempDatabasePath, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, editorHeaders, patchArticle, SYRIA } from '../helpers/editor.js'

const REPRESENTATION_HEADERS = ['content-type', 'etag', 'last-modified', 'cache-control', 'vary', 'link', 'x-total-count', 'surrogate-key', 'cache-tag']

test('a GET asked for again is served from the cache (stored on its second request): same bytes and headers, no handler', async (t) => {
  const app = await buildTestApp(t)
  let listReads = 0
  app.addHook('onReady', async () => {
    const listArticles = app.articles.listArticles.bind(app.articles)
    app.articles.listArticles = (query) => { listReads++; return listArticles(query) }
  })
  const url = '/articles?limit=2&section=no-comment'
  const first = await app.inject(url)
  assert.equal(listReads, 1)
  const second = await app.inject(url)
  assert.equal(listReads, 2, 'asked for once, a response is not stored (nothing one-off fills the cache)')
  const third = await app.inject(url)
  assert.equal(listReads, 2, 'the third request did not reach the database')
  for (const response of [first, second, third]) assert.equal(response.statusCode, 200)
  assert.equal(third.body, first.body)
  for (const header of REPRESENTATION_HEADERS) {
    assert.equal(second.headers[header], first.headers[header], header)
    assert.equal(third.headers[header], first.headers[header], header)
  }
  // Per-request headers are not replayed: the rate-limit counter keeps counting.
  assert.equal(Number(third.headers['ratelimit-remaining']), Number(second.headers['ratelimit-remaining']) - 1)
})

test('cached responses still answer 304, HEAD and compressed variants correctly', async (t) => {
  const app = await buildTestApp(t)
  const url = '/articles?limit=100'
  const identity = await app.inject(url)
  const notModified = await app.inject({ url, headers: { 'if-none-match': String(identity.headers.etag) } })
  assert.equal(notModified.statusCode, 304)
  assert.equal(notModified.body, '')
  const head = await app.inject({ method: 'HEAD', url })
  assert.equal(head.statusCode, 200)
  assert.equal(head.body, '')
  for (let i = 0; i < 2; i++) {
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })
    assert.equal(gzip.headers['content-encoding'], 'gzip')
    assert.equal(gzip.headers.etag, `${String(identity.headers.etag).slice(0, -1)}-gzip"`)
    assert.equal((await import('node:zlib')).gunzipSync(gzip.rawPayload).toString(), identity.body)
  }
})

test('Accept selects the cached representation: JSON and ninjs of one article do not mix', async (t) => {
  const app = await buildTestApp(t)
  const url = `/articles/${SYRIA}`
  const json = await app.inject(url)
  const ninjs = await app.inject({ url, headers: { accept: 'application/ninjs+json' } })
  const jsonAgain = await app.inject(url)
  assert.match(String(ninjs.headers['content-type']), /^application\/ninjs\+json/)
  assert.match(String(jsonAgain.headers['content-type']), /^application\/json/)
  assert.equal(jsonAgain.body, json.body)
  assert.notEqual(ninjs.headers.etag, json.headers.etag)
})

test('a write through the API is visible on the very next read', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const before = await app.inject(`/articles/${SYRIA}`)
  await app.inject(`/articles/${SYRIA}`)
  const res = await app.inject(patchArticle(SYRIA, editor, { summary: 'Example corrected standfirst.', changeNote: 'Example' }, String(before.headers.etag)))
  assert.equal(res.statusCode, 200)
  const after = await app.inject(`/articles/${SYRIA}`)
  assert.equal(after.json().summary, 'Example corrected standfirst.')
  assert.equal(after.headers.etag, res.headers.etag)
  assert.equal(await currentEtag(app, `/articles/${SYRIA}`), res.headers.etag)
})

test('a commit on another connection (another process, a script) is noticed within the poll interval', async (t) => {
  const path = tempDatabasePath(t)
  const app = await buildApp({ databasePath: path, publicUrl: TEST_BASE_URL, seedIfEmpty: true, externalChangePollMs: 20 })
  t.after(() => app.close())
  const title = async (): Promise<string> => (await app.inject(`/articles/${SYRIA}`)).json().title
  const original = await title()
  const other = openDatabase(path)
  t.after(() => other.close())
  other.prepare('UPDATE articles SET title = ? WHERE slug = ?').run('Example title from another process', SYRIA)
  await setTimeout(100)
  assert.notEqual(await title(), original)
  assert.equal(await title(), 'Example title from another process')
})

test('RESPONSE_CACHE_ENTRIES=0 turns the cache off', async (t) => {
  const app = await buildTestApp(t, { responseCacheEntries: 0 })
  let reads = 0
  app.addHook('onReady', async () => {
    const find = app.articles.findArticleBySlug.bind(app.articles)
    app.articles.findArticleBySlug = (slug) => { reads++; return find(slug) }
  })
  await app.inject(`/articles/${SYRIA}`)
  await app.inject(`/articles/${SYRIA}`)
  assert.equal(reads, 2)
})
