// GET /headlines: the "More No Comment" rail, in page order, every item resolving to its article.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, pathOf } from '../helpers/app.js'
import { sourcePageLines } from '../helpers/source-page.js'
import { slugify } from '../../src/content/slug.js'

interface Rail { slug: string, title: string, items: Array<{ position: number, title: string, slug: string, url: string }> }

test('GET /headlines returns the rail title and its 14 items verbatim in page order', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/headlines')
  assert.equal(res.statusCode, 200)
  const rail = res.json<Rail>()
  const lines = sourcePageLines()
  assert.equal(rail.title, lines[8])
  assert.equal(rail.title, 'More No Comment')
  assert.equal(rail.slug, 'more-no-comment')
  assert.deepEqual(rail.items.map((item) => item.title), lines.slice(9, 23))
  assert.deepEqual(rail.items.map((item) => item.position), Array.from({ length: 14 }, (_, i) => i + 1))
  assert.deepEqual(rail.items.map((item) => item.slug), lines.slice(9, 23).map(slugify))
  assert.equal(rail.items[7]?.slug, 'a-part-of-la-died-fans-mourn-nba-legend-kobe-bryant')
})

test('every /headlines item url resolves to 200 with the same title', async (t) => {
  const app = await buildTestApp(t)
  const rail = (await app.inject('/headlines')).json<Rail>()
  for (const item of rail.items) {
    const res = await app.inject(pathOf(item.url))
    assert.equal(res.statusCode, 200, item.url)
    const article = res.json()
    assert.equal(article.title, item.title)
    assert.equal(article.section.name, 'No Comment')
    assert.equal(article.publishedAt, null)
    assert.equal(article.url, item.url)
  }
})

test('GET /headlines rejects unknown query parameters', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/headlines?section=world')
  // The core rail takes no parameters; unknown ones are still reported rather than ignored.
  assert.equal(res.statusCode, 400)
  assert.match(res.json().detail, /section is not a known parameter/)
})
