// GET /articles and GET /articles/:slug through app.inject: happy paths, paging and every error path.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, pathOf, TEST_BASE_URL } from '../helpers/app.js'
import { sourcePageLines } from '../helpers/source-page.js'

const SYRIA = 'syrian-army-retakes-maaret-al-numan'

interface Page { items: Array<{ slug: string, title: string, publishedAt: string | null, url: string }>, total: number, limit: number, nextCursor: string | null, links: { self: string, next: string | null } }

test('GET /articles lists newest first with undated stories last, 20 by default', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/articles')
  assert.equal(res.statusCode, 200)
  assert.match(res.headers['content-type'] as string, /^application\/json/)
  const page = res.json<Page>()
  assert.equal(page.total, 15)
  assert.equal(page.limit, 20)
  assert.equal(page.items.length, 15)
  assert.equal(page.nextCursor, null)
  assert.equal(page.links.next, null)
  assert.equal(page.items[0]?.slug, SYRIA)
  assert.equal(page.items[0]?.publishedAt, '2020-01-28T00:00:00.000Z')
  assert.deepEqual(Object.keys(page.items[0] ?? {}).sort(), ['publishedAt', 'section', 'slug', 'summary', 'title', 'url'])
  assert.ok(page.items.slice(1).every((item) => item.publishedAt === null))
  assert.equal(page.items[0]?.url, `${TEST_BASE_URL}/articles/${SYRIA}`)
})

test('GET /articles pages with cursors through every article exactly once, in a stable order', async (t) => {
  const app = await buildTestApp(t)
  const all = (await app.inject('/articles?limit=100')).json<Page>().items.map((item) => item.slug)
  const seen: string[] = []
  let url: string | null = `${TEST_BASE_URL}/articles?limit=4`
  let pages = 0
  while (url !== null) {
    const res: { statusCode: number, json: () => Page } = await app.inject(pathOf(url))
    assert.equal(res.statusCode, 200)
    const page = res.json()
    assert.equal(page.total, 15)
    assert.ok(page.items.length <= 4)
    seen.push(...page.items.map((item) => item.slug))
    if (page.nextCursor !== null) assert.equal(page.links.next, `${TEST_BASE_URL}/articles?limit=4&cursor=${page.nextCursor}`)
    url = page.links.next
    pages++
  }
  assert.equal(pages, 4)
  assert.deepEqual(seen, all)
  assert.equal(new Set(seen).size, 15)
})

test('GET /articles rejects bad paging input with a 400 problem naming it', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, RegExp]> = [
    ['/articles?limit=0', /limit must be >= 1/],
    ['/articles?limit=101', /limit must be <= 100/],
    ['/articles?limit=ten', /limit must be integer/],
    ['/articles?cursor=not-a-cursor', /cursor is malformed/],
    ['/articles?cursor=%2F%2F', /cursor must match pattern/],
    [`/articles?cursor=${Buffer.from('["x",-1]').toString('base64url')}`, /cursor is malformed/],
    ['/articles?page=2', /page is not a known parameter/]
  ]
  for (const [url, detail] of cases) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, url)
    const body = res.json()
    assert.equal(body.status, 400)
    assert.equal(body.title, 'Bad Request')
    assert.equal(body.type, 'about:blank')
    assert.equal(body.instance, '/articles')
    assert.match(body.detail, detail, url)
  }
})

test('GET /articles/:slug returns the full Syria article, verbatim from the source page', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject(`/articles/${SYRIA}`)
  assert.equal(res.statusCode, 200)
  const lines = sourcePageLines()
  assert.deepEqual(res.json(), {
    slug: SYRIA,
    title: 'Syrian army retakes most of Maaret al-Numan',
    summary: lines[0],
    body: lines.slice(1, 8),
    section: { slug: 'no-comment', name: 'No Comment' },
    tags: [
      { slug: 'syria', name: 'Syria' },
      { slug: 'idlib', name: 'Idlib' },
      { slug: 'maaret-al-numan', name: 'Maaret al-Numan' }
    ],
    place: { name: 'Maaret al-Numan', region: 'Idlib', country: 'Syria' },
    publishedAt: '2020-01-28T00:00:00.000Z',
    updatedAt: '2020-01-28T00:00:00.000Z',
    url: `${TEST_BASE_URL}/articles/${SYRIA}`,
    rights: {
      copyrightHolder: 'Newsdesk',
      usageTerms: 'All rights reserved. Republication requires the copyright holder\'s permission.',
      licenseUrl: null
    }
  })
})

test('GET /articles/:slug serves a rail story with no body and an unknown date', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/articles/deer-rescued-from-freezing-swimming-pool')
  assert.equal(res.statusCode, 200)
  const article = res.json()
  assert.equal(article.title, 'Deer rescued from freezing swimming pool')
  assert.deepEqual(article.body, [])
  assert.equal(article.summary, null)
  assert.equal(article.publishedAt, null)
  assert.equal(article.updatedAt, null)
  assert.equal(article.place, null)
  assert.deepEqual(article.tags, [])
})

test('GET /articles/:slug answers 404 for an unknown slug and 400 for a malformed one', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject('/articles/no-such-story')
  assert.equal(missing.statusCode, 404)
  assert.match(missing.headers['content-type'] as string, /^application\/problem\+json/)
  assert.deepEqual(missing.json(), {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'No article has the slug "no-such-story"',
    instance: '/articles/no-such-story',
    requestId: missing.headers['x-request-id']
  })

  for (const slug of ['Syria', 'two--hyphens', '-leading', 'under_score', 'a'.repeat(121), '%E2%9C%93']) {
    const res = await app.inject(`/articles/${slug}`)
    assert.equal(res.statusCode, 400, slug)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    const body = res.json()
    assert.equal(body.status, 400)
    assert.equal(body.errors[0].in, 'params')
    assert.equal(body.errors[0].pointer, '/slug')
  }
})

test('HEAD /articles/:slug answers like GET without a body', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'HEAD', url: `/articles/${SYRIA}` })
  assert.equal(res.statusCode, 200)
  assert.equal(res.body, '')
  assert.match(res.headers['content-type'] as string, /^application\/json/)
})
