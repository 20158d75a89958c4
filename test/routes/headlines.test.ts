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

test('GET /headlines?exclude drops articles already on the page; limit keeps the first items; positions stay', async (t) => {
  const app = await buildTestApp(t)
  const full = (await app.inject('/headlines')).json<Rail>()
  const [first, second, third, fourth] = full.items
  const res = await app.inject(`/headlines?exclude=${first?.slug},${third?.slug},not-in-the-rail&limit=2`)
  assert.equal(res.statusCode, 200)
  const rail = res.json<Rail>()
  assert.deepEqual(rail.items.map((item) => item.slug), [second?.slug, fourth?.slug])
  assert.deepEqual(rail.items.map((item) => item.position), [2, 4])
  assert.equal(rail.title, full.title)

  assert.equal((await app.inject('/headlines?limit=3')).json<Rail>().items.length, 3)
  assert.equal((await app.inject('/headlines?limit=100')).json<Rail>().items.length, 14)
  const all = full.items.map((item) => item.slug).join(',')
  assert.deepEqual((await app.inject(`/headlines?exclude=${all}`)).json<Rail>().items, [])
})

test('GET /headlines rejects a bad limit or exclude list with a 400 problem', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, RegExp]> = [
    ['/headlines?limit=0', /limit must be >= 1/],
    ['/headlines?limit=1000', /limit must be <= 100/],
    ['/headlines?exclude=Not%20A%20Slug', /exclude must match pattern/],
    ['/headlines?exclude=a,,b', /exclude must match pattern/]
  ]
  for (const [url, detail] of cases) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(res.json().detail, detail, url)
  }
})
