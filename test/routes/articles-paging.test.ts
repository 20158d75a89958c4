// GET /articles paging: keyset cursors both ways, RFC 8288 Link headers, totals, and stability while publishing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, pathOf, TEST_BASE_URL } from '../helpers/app.js'
import { insertArticle, insertDatedArticles, sourceParagraphs, sourceTitles } from '../helpers/fixtures.js'
import { decodeCursor, encodeCursor } from '../../src/content/cursor.js'
import { toFtsQuery } from '../../src/content/search-query.js'

interface Page { items: Array<{ slug: string }>, total: number, limit: number, nextCursor: string | null, prevCursor: string | null, links: { self: string, first: string, prev: string | null, next: string | null } }

async function get (app: FastifyInstance, url: string): Promise<{ page: Page, link: string, total: string }> {
  const res = await app.inject(url.startsWith('http') ? pathOf(url) : url)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  return { page: res.json<Page>(), link: String(res.headers.link), total: String(res.headers['x-total-count']) }
}

/** rel -> URL from an RFC 8288 Link header. */
function parseLink (header: string): Record<string, string> {
  return Object.fromEntries([...header.matchAll(/<([^>]+)>;\s*rel="([^"]+)"/g)].map((m) => [m[2] ?? '', m[1] ?? '']))
}

test('Link header and links name first, prev and next; X-Total-Count and total count everything', async (t) => {
  const app = await buildTestApp(t)
  const first = await get(app, '/articles?limit=4&section=no-comment')
  assert.equal(first.total, '15')
  assert.equal(first.page.total, 15)
  assert.deepEqual(parseLink(first.link), { first: first.page.links.first, next: first.page.links.next })
  assert.equal(first.page.links.first, `${TEST_BASE_URL}/articles?section=no-comment&limit=4`)
  assert.equal(first.page.links.self, first.page.links.first)
  assert.equal(first.page.links.prev, null)
  assert.equal(first.page.prevCursor, null)
  assert.equal(first.page.links.next, `${TEST_BASE_URL}/articles?section=no-comment&limit=4&cursor=${first.page.nextCursor}`)

  const second = await get(app, first.page.links.next ?? '')
  assert.deepEqual(parseLink(second.link), { first: first.page.links.first, prev: second.page.links.prev, next: second.page.links.next })
  assert.equal(second.page.links.prev, `${TEST_BASE_URL}/articles?section=no-comment&limit=4&cursor=${second.page.prevCursor}`)
  assert.equal(second.page.links.self, first.page.links.next)
})

test('following next then prev walks every article exactly once each way', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 5)
  const all = (await get(app, '/articles?limit=100')).page.items.map((item) => item.slug)
  assert.equal(all.length, 20)

  const forward: string[][] = []
  let url: string | null = '/articles?limit=3'
  let last: Page | undefined
  while (url !== null) {
    const { page } = await get(app, url)
    forward.push(page.items.map((item) => item.slug))
    last = page
    url = page.links.next
  }
  assert.deepEqual(forward.flat(), all)
  assert.equal(forward.length, 7)

  const backward: string[][] = []
  url = last?.links.prev ?? null
  while (url !== null) {
    const { page } = await get(app, url)
    backward.unshift(page.items.map((item) => item.slug))
    url = page.links.prev
  }
  assert.deepEqual(backward, forward.slice(0, -1), 'prev pages are exactly the pages seen going forward')
})

test('cursors stay stable while new articles are published: no duplicates, no gaps, prev finds the new ones', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 6)
  const before = (await get(app, '/articles?limit=100')).page.items.map((item) => item.slug)

  const page1 = (await get(app, '/articles?limit=4')).page
  // Newer stories arrive at the top, and an undated one among the undated tail, while the reader is on page 1.
  insertArticle(app.db, { slug: 'fixture-breaking-1', publishedAt: '2024-06-01T08:00:00.000Z' })
  insertArticle(app.db, { slug: 'fixture-breaking-2', publishedAt: '2024-06-01T09:00:00.000Z' })
  insertArticle(app.db, { slug: 'fixture-undated-new', publishedAt: null })
  app.contentVersion.bump() // fixtures write behind the API's back; every real writer bumps the version after commit

  const seen = page1.items.map((item) => item.slug)
  let url = page1.links.next
  let page2: Page | undefined
  while (url !== null) {
    const { page } = await get(app, url)
    page2 ??= page
    seen.push(...page.items.map((item) => item.slug))
    url = page.links.next
  }
  assert.deepEqual(seen.filter((slug) => !slug.startsWith('fixture-breaking') && slug !== 'fixture-undated-new'), before)
  assert.equal(new Set(seen).size, seen.length, 'no duplicates')
  assert.ok(!seen.includes('fixture-breaking-1'), 'articles published above the reader are not injected into later pages')

  const back = (await get(app, page2?.links.prev ?? '')).page
  assert.deepEqual(back.items.map((item) => item.slug), page1.items.map((item) => item.slug))
  assert.equal(back.total, 24)
  const newest = (await get(app, back.links.prev ?? '')).page
  assert.deepEqual(newest.items.map((item) => item.slug), ['fixture-breaking-2', 'fixture-breaking-1'])
  assert.equal(newest.links.prev, null)
  assert.equal(newest.prevCursor, null)
})

test('sort=oldest and relevance pages are keyset-paged too', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 4)
  const oldestAll = (await get(app, '/articles?sort=oldest&limit=100')).page.items.map((item) => item.slug)
  const oldest: string[] = []
  let url: string | null = '/articles?sort=oldest&limit=5'
  while (url !== null) {
    const { page } = await get(app, url)
    oldest.push(...page.items.map((item) => item.slug))
    url = page.links.next
  }
  assert.deepEqual(oldest, oldestAll)

  // fixture-02 has the same title as a seeded rail story, so two hits tie on score and are ordered by id.
  const relevantAll = (await get(app, '/articles?q=kobe&limit=100')).page.items.map((item) => item.slug)
  assert.equal(relevantAll.length, 3)
  const pages: Page[] = []
  url = '/articles?q=kobe&limit=1'
  while (url !== null) {
    const { page } = await get(app, url)
    pages.push(page)
    url = page.links.next
  }
  assert.deepEqual(pages.flatMap((page) => page.items.map((item) => item.slug)), relevantAll)
  assert.equal(decodeCursor(pages[0]?.nextCursor ?? '').sort, 'relevance')
  assert.deepEqual((await get(app, pages[2]?.links.prev ?? '')).page.items, pages[1]?.items)
})

test('a plain search ranked inside the index: every page, both ways, in bm25 order over published articles only', async (t) => {
  // Many hits with different scores and ties (same title and body), drafts and withdrawn articles among them; the
  // reference order is bm25 over every match joined to articles, as lists ranked before migration 007.
  const app = await buildTestApp(t, { responseCacheEntries: 0 })
  const titles = sourceTitles()
  const paragraphs = sourceParagraphs()
  for (let i = 0; i < 30; i++) {
    const status = i % 7 === 3 ? 'draft' : i % 11 === 5 ? 'unpublished' : 'published'
    insertArticle(app.db, {
      slug: `fixture-rank-${String(i).padStart(2, '0')}`,
      title: titles[i % 4],
      body: paragraphs.slice(0, 1 + (i % 5)),
      status,
      publishedAt: status === 'draft' ? undefined : `2020-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`
    })
  }
  const q = 'syrian'
  const expected = app.db.prepare(`SELECT a.slug FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH ? AND a.status = 'published' ORDER BY bm25(articles_fts, 10.0, 5.0, 1.0), a.id`).pluck().all(toFtsQuery(q)) as string[]
  assert.ok(expected.length > 12, `enough hits to page through (${expected.length})`)
  const pages: Page[] = []
  let url: string | null = `/articles?q=${q}&limit=4`
  while (url !== null) {
    const { page } = await get(app, url)
    assert.equal(page.total, expected.length)
    pages.push(page)
    url = page.links.next
  }
  assert.deepEqual(pages.flatMap((page) => page.items.map((item) => item.slug)), expected)
  for (let i = pages.length - 1; i > 0; i--) {
    assert.deepEqual((await get(app, pages[i]?.links.prev ?? '')).page.items, pages[i - 1]?.items, `prev of page ${i + 1}`)
  }
  const snippets = (await app.inject(`/articles?q=${q}&limit=100`)).json<{ items: Array<{ snippet?: string }> }>().items
  assert.ok(snippets.every((item) => item.snippet?.toLowerCase().includes('<mark>syrian</mark>')), 'each hit has its snippet')
})

test('a cursor only works with the sort and filters it was issued for; limit may change', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 6)
  const { page } = await get(app, '/articles?section=fixture-desk&limit=1')
  const cursor = page.nextCursor ?? ''
  const cases: Array<[string, RegExp]> = [
    [`/articles?limit=1&cursor=${cursor}`, /cursor belongs to other filters/],
    [`/articles?section=no-comment&limit=1&cursor=${cursor}`, /cursor belongs to other filters/],
    [`/articles?section=fixture-desk&sort=oldest&limit=1&cursor=${cursor}`, /cursor belongs to sort=newest, not sort=oldest/],
    [`/articles?section=fixture-desk&q=kobe&limit=1&cursor=${cursor}`, /cursor belongs to sort=newest, not sort=relevance/]
  ]
  for (const [url, detail] of cases) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(res.json().detail, detail, url)
  }
  const wider = await get(app, `/articles?section=fixture-desk&limit=10&cursor=${cursor}`)
  assert.deepEqual(wider.page.items.map((item) => item.slug), ['fixture-04', 'fixture-02'])

  const forged = encodeCursor({ ...decodeCursor(cursor), key: 7 })
  const res = await app.inject(`/articles?section=fixture-desk&cursor=${forged}`)
  assert.equal(res.statusCode, 400)
  assert.match(res.json().detail, /cursor is malformed/)
})
