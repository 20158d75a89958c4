// GET /sections and GET /tags: navigation with published article counts and links to the filtered lists.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, pathOf, TEST_BASE_URL } from '../helpers/app.js'
import { insertArticle } from '../helpers/fixtures.js'

test('GET /sections lists every section with its published article count and list URL', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/sections')
  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.json(), {
    items: [{ slug: 'no-comment', name: 'No Comment', articleCount: 15, url: `${TEST_BASE_URL}/articles?section=no-comment` }]
  })
  insertArticle(app.db, { slug: 'fixture-desk-story', section: 'fixture-desk' })
  insertArticle(app.db, { slug: 'fixture-draft', section: 'fixture-desk', status: 'draft' })
  insertArticle(app.db, { slug: 'fixture-withdrawn', status: 'unpublished' })
  app.contentVersion.bump() // fixtures write behind the API's back; every real writer bumps the version after commit
  const after = (await app.inject('/sections')).json()
  assert.deepEqual(after.items.map((s: { slug: string, articleCount: number }) => [s.slug, s.articleCount]), [['fixture-desk', 1], ['no-comment', 15]])
  const list = await app.inject(pathOf(after.items[0].url))
  assert.equal(list.json().total, 1, 'the count matches the list it links to')
})

test('GET /tags lists tags most used first with counts of published articles only', async (t) => {
  const app = await buildTestApp(t)
  insertArticle(app.db, { slug: 'fixture-a', tags: ['idlib'] })
  insertArticle(app.db, { slug: 'fixture-b', tags: ['idlib', 'fixture'], status: 'draft' })
  const res = await app.inject('/tags')
  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.json().items.map((tag: { slug: string, articleCount: number }) => [tag.slug, tag.articleCount]),
    [['idlib', 2], ['maaret-al-numan', 1], ['syria', 1], ['fixture', 0]])
  const idlib = res.json().items[0]
  assert.equal(idlib.name, 'Idlib')
  assert.equal(idlib.url, `${TEST_BASE_URL}/articles?tag=idlib`)
  assert.equal((await app.inject(pathOf(idlib.url))).json().total, 2)
})

test('taxonomy routes take no query parameters', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/sections?limit=5', '/tags?q=x']) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(res.json().detail, /is not a known parameter/)
  }
})
