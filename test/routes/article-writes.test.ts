// POST /articles, PATCH and DELETE /articles/:slug: auth, validation, media types, preconditions, redirects, 410.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, editorHeaders, MERGE_PATCH, patchArticle, SYRIA } from '../helpers/editor.js'
import { strongEtag } from '../../src/http/etag.js'

const draft = { title: 'Example headline', summary: 'Example standfirst.', body: ['Example paragraph.'], section: 'no-comment', tags: ['Example tag'] }

const isProblem = (res: { statusCode: number, headers: Record<string, unknown>, json: () => { status: number } }, status: number): void => {
  assert.equal(res.statusCode, status)
  assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
  assert.equal(res.json().status, status)
}

test('an editor key reads a draft (no-store, X-Article-Status, the ETag PATCH takes); nobody else sees it', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: draft })
  assert.equal(created.statusCode, 201)
  const url = '/articles/example-headline'

  for (let i = 0; i < 3; i++) {
    // Repeated: a response the cache admitted would be replayed to the anonymous request below.
    const read = await app.inject({ url, headers: editor })
    assert.equal(read.statusCode, 200)
    assert.equal(read.body, created.body, 'the draft as the write returned it')
    assert.equal(read.headers.etag, created.headers.etag)
    assert.equal(read.headers['cache-control'], 'no-store')
    assert.equal(read.headers['x-article-status'], 'draft')
    assert.equal(read.headers['surrogate-key'], undefined)
  }
  const partner = { authorization: `Bearer ${app.apiKeys.create('partner-desk', 'partner').key}` }
  const railOnly = await editorHeaders(app, ['headlines:write'])
  for (const headers of [{}, partner, railOnly]) {
    const res = await app.inject({ url, headers })
    isProblem(res, 404)
    assert.equal(res.headers['x-article-status'], undefined)
  }
  isProblem(await app.inject({ url: `${url}?format=ninjs`, headers: editor }), 406)
  const lists = await app.inject({ url: '/articles?q=example&limit=100', headers: editor })
  assert.deepEqual(lists.json().items, [], 'search never shows drafts, to any key')

  // The read's ETag is enough to publish: the editor needs nothing kept from the POST.
  const etag = (await app.inject({ url, headers: editor })).headers.etag as string
  const published = await app.inject(patchArticle('example-headline', editor, { status: 'published', changeNote: 'Publish' }, etag))
  assert.equal(published.statusCode, 200)
  const publicRead = await app.inject(url)
  assert.equal(publicRead.statusCode, 200)
  const editorRead = await app.inject({ url, headers: editor })
  assert.equal(editorRead.body, publicRead.body)
  assert.equal(editorRead.headers['x-article-status'], undefined, 'published articles are not marked')
  assert.notEqual(editorRead.headers['cache-control'], 'no-store')
})

test('writes need a key with the scope: 401 without a key, 403 with a key lacking it', async (t) => {
  const app = await buildTestApp(t)
  const railOnly = await editorHeaders(app, ['headlines:write'])
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  for (const headers of [{}, railOnly]) {
    const expected = Object.keys(headers).length === 0 ? 401 : 403
    isProblem(await app.inject({ method: 'POST', url: '/articles', headers, payload: draft }), expected)
    isProblem(await app.inject(patchArticle(SYRIA, headers, { title: 'x', changeNote: 'x' }, etag)), expected)
    isProblem(await app.inject({ method: 'DELETE', url: `/articles/${SYRIA}`, headers: { ...headers, 'if-match': etag } }), expected)
  }
  const anonymous = await app.inject({ method: 'POST', url: '/articles', payload: draft })
  assert.match(anonymous.headers['www-authenticate'] as string, /^Bearer/)
  assert.equal((await app.inject(`/articles/${SYRIA}`)).body, (await app.inject(`/articles/${SYRIA}`)).body)
  assert.equal(await currentEtag(app, `/articles/${SYRIA}`), etag, 'nothing changed')
  const viaHeader = await app.inject({ method: 'POST', url: '/articles', headers: { 'x-api-key': app.apiKeys.create('desk', 'editor', ['articles:write']).key }, payload: draft })
  assert.equal(viaHeader.statusCode, 201, 'X-API-Key works like Bearer')
})

test('POST creates a draft (invisible publicly) with 201, Location and the ETag GET will serve once published', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: draft })
  assert.equal(created.statusCode, 201)
  assert.equal(created.headers.location, `${TEST_BASE_URL}/articles/example-headline`)
  assert.equal(created.headers.etag, strongEtag(created.body))
  const body = created.json()
  assert.equal(body.slug, 'example-headline')
  assert.equal(body.publishedAt, null)
  assert.deepEqual(body.tags, [{ slug: 'example-tag', name: 'Example tag' }])
  assert.match(body.updatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

  isProblem(await app.inject('/articles/example-headline'), 404)
  assert.ok(!(await app.inject('/articles?limit=100')).json().items.some((item: { slug: string }) => item.slug === 'example-headline'))
  assert.equal((await app.inject('/articles')).json().total, 15)

  const published = await app.inject(patchArticle('example-headline', editor, { status: 'published', changeNote: 'Publish' }, created.headers.etag as string))
  assert.equal(published.statusCode, 200)
  assert.equal(published.json().publishedAt, published.json().updatedAt, 'publishedAt set when first published')
  const get = await app.inject('/articles/example-headline')
  assert.equal(get.statusCode, 200)
  assert.equal(get.body, published.body)
  assert.equal(published.headers.etag, strongEtag(get.body), 'write ETag == strongEtag(GET body)')
  assert.equal((await app.inject('/articles')).json().total, 16)
})

test('POST with an explicit slug and publishedAt (backdating) publishes at once; duplicates are 409', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const res = await app.inject({
    method: 'POST', url: '/articles', headers: editor,
    payload: { ...draft, slug: 'example-slug', status: 'published', publishedAt: '2020-01-29T10:00:00Z', place: { name: 'Example', region: '', country: '' } }
  })
  assert.equal(res.statusCode, 201)
  assert.equal(res.json().publishedAt, '2020-01-29T10:00:00.000Z')
  assert.equal((await app.inject('/articles?limit=1')).json().items[0].slug, 'example-slug')

  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, slug: 'example-slug' } }), 409)
  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, slug: SYRIA } }), 409)
  // Derived from the title of a seeded story:
  const taken = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, title: 'Syrian army retakes Maaret al-Numan' } })
  isProblem(taken, 409)
})

test('publishedAt is for backdating: a future time is 422, a leap second 400, neither stores anything; up to 60 s ahead (clock skew) is accepted', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const inADay = new Date(Date.now() + 86_400_000).toISOString()
  const future = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, status: 'published', publishedAt: inADay } })
  isProblem(future, 422)
  assert.match(future.json().detail, /publishedAt .* is in the future/)
  isProblem(await app.inject('/articles/example-headline'), 404)
  assert.equal((await app.inject('/articles')).json().total, 15, 'nothing stored')

  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  isProblem(await app.inject(patchArticle(SYRIA, editor, { publishedAt: inADay, changeNote: 'Reschedule' }, etag)), 422)
  assert.equal(await currentEtag(app, `/articles/${SYRIA}`), etag, 'the refused patch changed nothing')

  // RFC 3339 (and the schema) allow a leap second, which cannot be stored: a 400 problem, not a 500.
  const leap = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, publishedAt: '2016-12-31T23:59:60Z' } })
  isProblem(leap, 400)
  assert.match(leap.json().detail, /leap second/)
  isProblem(await app.inject(patchArticle(SYRIA, editor, { publishedAt: '2016-12-31T23:59:60Z', changeNote: 'Leap' }, etag)), 400)
  assert.equal(await currentEtag(app, `/articles/${SYRIA}`), etag, 'the refused leap-second patch changed nothing')
  isProblem(await app.inject('/articles/example-headline'), 404)

  // A client clock a little ahead is accepted as sent.
  const skewed = new Date(Date.now() + 30_000).toISOString()
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, status: 'published', publishedAt: skewed } })
  assert.equal(created.statusCode, 201)
  assert.equal(created.json().publishedAt, skewed)
})

test('POST validation: unknown and server-owned fields, empty paragraphs, bad slug, unknown section', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const cases: Array<[unknown, number, RegExp]> = [
    [{ ...draft, version: 3, id: 1 }, 400, /Server-owned fields cannot be written: id, version/],
    [{ ...draft, url: 'http://elsewhere.test/x' }, 400, /Server-owned fields cannot be written: url/],
    [{ ...draft, colour: 'red' }, 400, /colour is not a known parameter/],
    [{ ...draft, body: ['One.', ''] }, 400, /body\.1/],
    [{ ...draft, body: ['   '] }, 400, /body\.0 must match pattern/],
    [{ ...draft, slug: 'Not A Slug' }, 400, /slug must match pattern/],
    [{ ...draft, status: 'unpublished' }, 400, /status/],
    [{ ...draft, title: '!!!' }, 400, /no usable slug/],
    [{ summary: 'x', section: 'no-comment' }, 400, /title/],
    [{ ...draft, section: 'sport' }, 422, /No section has the slug "sport"/]
  ]
  for (const [payload, status, detail] of cases) {
    const res = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: payload as object })
    isProblem(res, status)
    assert.match(res.json().detail, detail, JSON.stringify(payload))
  }
  assert.equal(app.db.prepare('SELECT count(*) FROM articles').pluck().get(), 15, 'nothing was written')
})

test('media types and body limit: 415 for the wrong type, 413 beyond 256 KiB', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  const asJson = await app.inject({ ...patchArticle(SYRIA, editor, { title: 'x', changeNote: 'x' }, etag), headers: { ...editor, 'content-type': 'application/json', 'if-match': etag } })
  isProblem(asJson, 415)
  assert.match(asJson.json().detail, /application\/merge-patch\+json/)
  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: { ...editor, 'content-type': 'text/plain' }, payload: 'hello' }), 415)
  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: { ...editor, 'content-type': MERGE_PATCH }, payload: JSON.stringify(draft) }), 415)

  const huge = { ...draft, body: Array.from({ length: 30 }, () => 'x'.repeat(10_000)) }
  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: huge }), 413)
  isProblem(await app.inject(patchArticle(SYRIA, editor, { body: huge.body, changeNote: 'x' }, etag)), 413)
  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: { ...editor, 'content-type': 'application/json' }, payload: '{"title": ' }), 400)
})

test('PATCH needs If-Match: missing 428, * 428, stale 412, weak 412, malformed 400; current -> 200', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const change = { summary: 'Example corrected standfirst.', changeNote: 'Example change note' }
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  isProblem(await app.inject(patchArticle(SYRIA, editor, change)), 428)
  isProblem(await app.inject(patchArticle(SYRIA, editor, change, '*')), 428)
  isProblem(await app.inject(patchArticle(SYRIA, editor, change, '"stale"')), 412)
  isProblem(await app.inject(patchArticle(SYRIA, editor, change, `W/${etag}`)), 412)
  isProblem(await app.inject(patchArticle(SYRIA, editor, change, 'no-quotes')), 400)

  const ok = await app.inject(patchArticle(SYRIA, editor, change, `"other", ${etag}`))
  assert.equal(ok.statusCode, 200)
  assert.equal(ok.json().summary, change.summary)
  assert.equal(ok.json().publishedAt, '2020-01-28T00:00:00.000Z', 'publishedAt kept')
  assert.notEqual(ok.json().updatedAt, '2020-01-28T00:00:00.000Z')
  const get = await app.inject(`/articles/${SYRIA}`)
  assert.equal(ok.headers.etag, strongEtag(get.body))
  isProblem(await app.inject(patchArticle(SYRIA, editor, change, etag)), 412) // the old ETag is now stale
})

test('PATCH merge semantics: null removes optional fields, required fields cannot be nulled, place merges', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  let etag = await currentEtag(app, `/articles/${SYRIA}`)
  for (const payload of [{ title: null, changeNote: 'x' }, { body: null, changeNote: 'x' }, { summary: 'x' }, { id: 1, changeNote: 'x' }, { createdAt: 'x', changeNote: 'x' }]) {
    isProblem(await app.inject(patchArticle(SYRIA, editor, payload, etag)), 400)
  }
  const placed = await app.inject(patchArticle(SYRIA, editor, { place: { region: 'Example region' }, changeNote: 'x' }, etag))
  assert.equal(placed.statusCode, 200)
  assert.deepEqual(placed.json().place, { name: 'Maaret al-Numan', region: 'Example region', country: 'Syria' })
  etag = placed.headers.etag as string
  const removed = await app.inject(patchArticle(SYRIA, editor, { place: null, summary: null, tags: ['Syria', 'syria', 'Example tag'], changeNote: 'x' }, etag))
  assert.equal(removed.statusCode, 200)
  assert.equal(removed.json().place, null)
  assert.equal(removed.json().summary, null)
  assert.deepEqual(removed.json().tags, [{ slug: 'syria', name: 'Syria' }, { slug: 'example-tag', name: 'Example tag' }])
  isProblem(await app.inject(patchArticle(SYRIA, editor, { section: 'sport', changeNote: 'x' }, removed.headers.etag as string)), 422)
  isProblem(await app.inject(patchArticle(SYRIA, editor, { status: 'draft', changeNote: 'x' }, removed.headers.etag as string)), 409)
  isProblem(await app.inject(patchArticle('no-such-story', editor, { title: 'x', changeNote: 'x' }, etag)), 404)
})

test('a patch that changes nothing is not a new version', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  const res = await app.inject(patchArticle(SYRIA, editor, { title: 'Syrian army retakes most of Maaret al-Numan', changeNote: 'x' }, etag))
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers.etag, etag)
  assert.equal(app.contentVersion.value, 0)
  assert.equal((await app.inject(`/articles/${SYRIA}/revisions`)).json().items.length, 0)
})

test('slug change: the old slug 301s (query kept), chains collapse, old slugs cannot be reused, moving back works', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  let etag = await currentEtag(app, `/articles/${SYRIA}`)
  for (const slug of ['syria-example-b', 'syria-example-c']) {
    const res = await app.inject(patchArticle(slug === 'syria-example-b' ? SYRIA : 'syria-example-b', editor, { slug, changeNote: 'Slug' }, etag))
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().url, `${TEST_BASE_URL}/articles/${slug}`)
    etag = res.headers.etag as string
  }
  for (const old of [SYRIA, 'syria-example-b']) {
    const res = await app.inject(`/articles/${old}?format=json`)
    assert.equal(res.statusCode, 301)
    assert.equal(res.headers.location, `${TEST_BASE_URL}/articles/syria-example-c?format=json`)
    assert.equal(res.body, '')
  }
  assert.equal((await app.inject('/articles/syria-example-c')).statusCode, 200)
  const list = (await app.inject('/articles?limit=1')).json()
  assert.equal(list.items[0].slug, 'syria-example-c')
  const rail = (await app.inject('/headlines')).json()
  assert.ok(rail.items.every((item: { slug: string }) => item.slug !== SYRIA))

  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, slug: SYRIA } }), 409)
  const other = 'deer-rescued-from-freezing-swimming-pool'
  isProblem(await app.inject(patchArticle(other, editor, { slug: 'syria-example-b', changeNote: 'x' }, await currentEtag(app, `/articles/${other}`))), 409)
  const patchOld = await app.inject(patchArticle(SYRIA, editor, { title: 'x', changeNote: 'x' }, etag))
  isProblem(patchOld, 404)
  assert.match(patchOld.json().detail, /current slug "syria-example-c"/)

  const back = await app.inject(patchArticle('syria-example-c', editor, { slug: SYRIA, changeNote: 'Back' }, etag))
  assert.equal(back.statusCode, 200)
  assert.equal((await app.inject(`/articles/${SYRIA}`)).statusCode, 200)
  assert.equal((await app.inject('/articles/syria-example-c')).headers.location, `${TEST_BASE_URL}/articles/${SYRIA}`)
})

test('DELETE unpublishes: 204, then 410 on the slug and its old slugs, gone from lists and the rail, row kept', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const slug = 'deer-rescued-from-freezing-swimming-pool'
  isProblem(await app.inject({ method: 'DELETE', url: `/articles/${slug}`, headers: editor }), 428)
  isProblem(await app.inject({ method: 'DELETE', url: `/articles/${slug}`, headers: { ...editor, 'if-match': '"stale"' } }), 412)
  const renamed = await app.inject(patchArticle(slug, editor, { slug: 'deer-example', changeNote: 'x' }, await currentEtag(app, `/articles/${slug}`)))
  const res = await app.inject({ method: 'DELETE', url: '/articles/deer-example?changeNote=Example%20note', headers: { ...editor, 'if-match': renamed.headers.etag as string } })
  assert.equal(res.statusCode, 204)
  assert.equal(res.body, '')
  for (const url of ['/articles/deer-example', `/articles/${slug}`, '/articles/deer-example/revisions']) isProblem(await app.inject(url), 410)
  assert.equal((await app.inject('/articles')).json().total, 14)
  const rail = (await app.inject('/headlines')).json()
  assert.equal(rail.items.length, 13)
  assert.deepEqual(rail.items.map((item: { position: number }) => item.position), Array.from({ length: 13 }, (_, i) => i + 1))
  assert.equal(app.db.prepare("SELECT status FROM articles WHERE slug = 'deer-example'").pluck().get(), 'unpublished')
  assert.equal(app.db.prepare("SELECT change_note FROM article_revisions ORDER BY id DESC LIMIT 1").pluck().get(), 'Example note')
  isProblem(await app.inject({ method: 'DELETE', url: '/articles/deer-example', headers: { ...editor, 'if-match': renamed.headers.etag as string } }), 410)
  isProblem(await app.inject(patchArticle('deer-example', editor, { title: 'x', changeNote: 'x' }, renamed.headers.etag as string)), 410)
  isProblem(await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { ...draft, slug: 'deer-example' } }), 409)
})

test('drafts cannot be unpublished (409) and stay 404, not 410, on public reads', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: draft })
  isProblem(await app.inject({ method: 'DELETE', url: '/articles/example-headline', headers: { ...editor, 'if-match': created.headers.etag as string } }), 409)
  const renamed = await app.inject(patchArticle('example-headline', editor, { slug: 'example-renamed', changeNote: 'x' }, created.headers.etag as string))
  assert.equal(renamed.statusCode, 200)
  for (const url of ['/articles/example-headline', '/articles/example-renamed', '/articles/example-renamed/revisions']) isProblem(await app.inject(url), 404)
})

test('every committed write bumps the content version once, after commit', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  assert.equal(app.contentVersion.value, 0)
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: draft })
  assert.equal(app.contentVersion.value, 1)
  await app.inject(patchArticle('example-headline', editor, { title: 'x', changeNote: 'x' }, '"stale"'))
  assert.equal(app.contentVersion.value, 1, 'a failed write does not bump')
  await app.inject(patchArticle('example-headline', editor, { title: 'Example headline two', changeNote: 'x' }, created.headers.etag as string))
  assert.equal(app.contentVersion.value, 2)
})
