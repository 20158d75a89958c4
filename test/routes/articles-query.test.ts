// GET /articles querying: filters, sorting, sparse fieldsets, search with snippets, and every bad combination.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'
import { insertArticle, insertDatedArticles, sourceParagraphs } from '../helpers/fixtures.js'

const SYRIA = 'syrian-army-retakes-maaret-al-numan'

interface Item { slug?: string, title?: string, publishedAt?: string | null, section?: { slug: string }, snippet?: string, url?: string, summary?: string | null }
interface Page { items: Item[], total: number, limit: number, nextCursor: string | null, prevCursor: string | null, links: Record<string, string | null> }

const slugsOf = (page: Page): Array<string | undefined> => page.items.map((item) => item.slug)

test('section filter: only that section, with its own total', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 6)
  const desk = await app.inject('/articles?section=fixture-desk')
  assert.equal(desk.statusCode, 200)
  assert.deepEqual(slugsOf(desk.json<Page>()), ['fixture-06', 'fixture-04', 'fixture-02'])
  assert.equal(desk.json<Page>().total, 3)
  assert.equal(desk.headers['x-total-count'], '3')
  const noComment = (await app.inject('/articles?section=no-comment&limit=100')).json<Page>()
  assert.equal(noComment.total, 18)
  assert.ok(noComment.items.every((item) => item.section?.slug === 'no-comment'))
  const unknown = (await app.inject('/articles?section=no-such-section')).json<Page>()
  assert.deepEqual([unknown.total, unknown.items.length], [0, 0])
})

test('tag filter is repeatable and means AND', async (t) => {
  const app = await buildTestApp(t)
  insertArticle(app.db, { slug: 'fixture-tagged-both', tags: ['syria', 'fixture'], publishedAt: '2020-01-10T00:00:00.000Z' })
  insertArticle(app.db, { slug: 'fixture-tagged-one', tags: ['fixture'], publishedAt: '2020-01-11T00:00:00.000Z' })
  const syria = (await app.inject('/articles?tag=syria')).json<Page>()
  assert.deepEqual(slugsOf(syria), [SYRIA, 'fixture-tagged-both'])
  const both = (await app.inject('/articles?tag=syria&tag=fixture')).json<Page>()
  assert.deepEqual(slugsOf(both), ['fixture-tagged-both'])
  assert.equal(both.total, 1)
  const repeated = (await app.inject('/articles?tag=fixture&tag=fixture')).json<Page>()
  assert.deepEqual(slugsOf(repeated), ['fixture-tagged-one', 'fixture-tagged-both'])
  const none = (await app.inject('/articles?tag=syria&tag=no-such-tag')).json<Page>()
  assert.equal(none.total, 0)
})

test('from/to filter publishedAt inclusively, a date "to" covers its whole day, undated articles never match', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 5) // 2020-01-01T12:00Z .. 2020-01-05T12:00Z
  const range = (await app.inject('/articles?from=2020-01-02&to=2020-01-04')).json<Page>()
  assert.deepEqual(slugsOf(range), ['fixture-04', 'fixture-03', 'fixture-02'])
  assert.equal(range.total, 3)
  const exact = (await app.inject('/articles?from=2020-01-03T12:00:00Z&to=2020-01-03T12:00:00Z')).json<Page>()
  assert.deepEqual(slugsOf(exact), ['fixture-03'])
  const offset = (await app.inject(`/articles?to=${encodeURIComponent('2020-01-02T13:59:59+02:00')}`)).json<Page>()
  assert.deepEqual(slugsOf(offset), ['fixture-01'], '13:59:59+02:00 is 11:59:59Z, before fixture-02')
  const onlyTo = (await app.inject('/articles?to=2030-01-01&limit=100')).json<Page>()
  assert.equal(onlyTo.total, 6, 'five fixtures and the Syria article; the 14 undated stories are excluded')
  const onlyFrom = (await app.inject('/articles?from=2020-01-28&sort=oldest')).json<Page>()
  assert.deepEqual(slugsOf(onlyFrom), [SYRIA])
})

test('sort=newest and sort=oldest both put undated articles last', async (t) => {
  const app = await buildTestApp(t)
  insertDatedArticles(app.db, 3)
  const newest = slugsOf((await app.inject('/articles?limit=100')).json<Page>())
  assert.deepEqual(newest.slice(0, 4), [SYRIA, 'fixture-03', 'fixture-02', 'fixture-01'])
  const oldest = (await app.inject('/articles?sort=oldest&limit=100')).json<Page>()
  assert.deepEqual(slugsOf(oldest).slice(0, 4), ['fixture-01', 'fixture-02', 'fixture-03', SYRIA])
  assert.ok(oldest.items.slice(4).every((item) => item.publishedAt === null))
  assert.equal(oldest.items.length, 18)
})

test('fields returns only the named fields, in any order; unknown fields are a 400 naming them', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/articles?fields=url,slug&limit=2')
  assert.equal(res.statusCode, 200)
  for (const item of res.json<Page>().items) assert.deepEqual(Object.keys(item).sort(), ['slug', 'url'])
  assert.match(res.json<Page>().links.next ?? '', /fields=url,slug&limit=2&cursor=/)

  const bad = await app.inject('/articles?fields=slug,body')
  assert.equal(bad.statusCode, 400)
  assert.match(bad.json().detail, /Unknown field "body" in fields; available: slug, title, summary, section, publishedAt, url, snippet/)
  const snippet = await app.inject('/articles?fields=slug,snippet')
  assert.equal(snippet.statusCode, 400)
  assert.match(snippet.json().detail, /snippet needs a search query \(q\)/)
})

test('q searches title, summary and body with relevance order and a <mark> snippet', async (t) => {
  const app = await buildTestApp(t)
  const body = await app.inject('/articles?q=recaptured')
  assert.equal(body.statusCode, 200)
  const page = body.json<Page>()
  assert.deepEqual(slugsOf(page), [SYRIA])
  assert.match(page.items[0]?.snippet ?? '', /<mark>recaptured<\/mark>/)

  const summary = (await app.inject('/articles?q=displaced%20turkey')).json<Page>()
  assert.deepEqual(slugsOf(summary), [SYRIA], 'all words must match; summary is searched')
  assert.match(summary.items[0]?.snippet ?? '', /<mark>Displaced<\/mark>.*<mark>Turkey<\/mark>/)

  const kobe = (await app.inject('/articles?q=kobe')).json<Page>()
  assert.equal(kobe.total, 2)
  assert.ok(kobe.items.every((item) => /<mark>Kobe<\/mark>/.test(item.snippet ?? '')))

  const accents = (await app.inject('/articles?q=Maar%C3%A9t%20NUMAN')).json<Page>()
  assert.deepEqual(slugsOf(accents), [SYRIA], 'accents and case are ignored')
  const prefix = (await app.inject('/articles?q=recaptur*')).json<Page>()
  assert.deepEqual(slugsOf(prefix), [SYRIA])
  const phrase = (await app.inject('/articles?q=%22army%20retakes%22')).json<Page>()
  assert.deepEqual(slugsOf(phrase), [SYRIA])
  const wrongOrder = (await app.inject('/articles?q=%22retakes%20army%22')).json<Page>()
  assert.equal(wrongOrder.total, 0)
})

test('relevance ranks title hits above body hits; sort=newest also works with q', async (t) => {
  const app = await buildTestApp(t)
  const paragraphs = sourceParagraphs()
  // "Syrian" is in this fixture's body only, and in the title only of the seeded rail story "Hundreds of Syrian civilians ...".
  insertArticle(app.db, { slug: 'fixture-body-hit', title: 'Deer rescued from freezing swimming pool', body: [paragraphs[1] ?? ''], publishedAt: '2021-01-01T00:00:00.000Z' })
  const relevance = slugsOf((await app.inject('/articles?q=syrian')).json<Page>())
  assert.ok(relevance.indexOf('hundreds-of-syrian-civilians-flee-fighting-south-of-idlib-province') < relevance.indexOf('fixture-body-hit'), relevance.join())
  const newest = (await app.inject('/articles?q=syrian&sort=newest&fields=slug,publishedAt')).json<Page>()
  assert.deepEqual(slugsOf(newest).slice(0, 2), ['fixture-body-hit', SYRIA])
  const oldest = (await app.inject('/articles?q=syrian&sort=oldest&fields=slug')).json<Page>()
  assert.deepEqual(slugsOf(oldest).slice(0, 2), [SYRIA, 'fixture-body-hit'])
  assert.equal(oldest.total, 3)
})

test('a search by date matching most articles pages through all of them in order, forward and back, also in a section', async (t) => {
  const app = await buildTestApp(t)
  // 30 fixtures holding "battling" (as does the seeded article), on 8 days: matches are most of the published
  // articles, so the store walks the date index (src/db/article-list-sql.ts, walksOrderIndex) instead of joining them.
  const paragraph = sourceParagraphs().find((text) => text.includes('battling')) ?? ''
  const seeded = app.db.prepare('SELECT published_at FROM articles WHERE slug = ?').pluck().get(SYRIA) as string | null
  const dates = new Map<string, string | null>([[SYRIA, seeded]])
  for (let i = 1; i <= 30; i++) {
    const slug = `fixture-battling-${String(i).padStart(2, '0')}`
    const publishedAt = i % 10 === 0 ? null : new Date(Date.UTC(2020, 1, 1 + (i % 8), 12)).toISOString()
    insertArticle(app.db, { slug, body: [paragraph], publishedAt })
    dates.set(slug, publishedAt)
  }
  const ids = new Map((app.db.prepare('SELECT slug, id FROM articles').all() as Array<{ slug: string, id: number }>).map((r) => [r.slug, r.id]))
  for (const sort of ['newest', 'oldest'] as const) {
    // Dated first (newest or oldest first), undated last; ties by id in the same direction as the dates.
    const sign = sort === 'newest' ? -1 : 1
    const expected = [...dates.keys()].sort((a, b) => {
      const [da, db] = [dates.get(a), dates.get(b)]
      if ((da === null) !== (db === null)) return da === null ? 1 : -1
      return (da === db ? 0 : (da ?? '') < (db ?? '') ? -sign : sign) || sign * ((ids.get(a) ?? 0) - (ids.get(b) ?? 0))
    })
    // Every match is in the no-comment section: within it (the section's date index) the pages are the same.
    for (const query of [`q=battling&sort=${sort}&limit=4&fields=slug`, `q=battling&section=no-comment&sort=${sort}&limit=4&fields=slug`]) {
      const pages: Page[] = [(await app.inject(`/articles?${query}`)).json<Page>()]
      while (pages.at(-1)!.nextCursor !== null) {
        pages.push((await app.inject(`/articles?${query}&cursor=${pages.at(-1)!.nextCursor}`)).json<Page>())
      }
      assert.deepEqual(pages.flatMap(slugsOf), expected, query)
      assert.ok(pages.every((page) => page.total === 31), query)
      const back: Page[] = [pages.at(-1)!]
      while (back.at(-1)!.prevCursor !== null) {
        back.push((await app.inject(`/articles?${query}&cursor=${back.at(-1)!.prevCursor}`)).json<Page>())
      }
      assert.deepEqual(back.reverse().flatMap(slugsOf), expected, `${query}, back`)
    }
  }
})

test('snippets are HTML-escaped text with <mark> as the only markup', async (t) => {
  const app = await buildTestApp(t)
  // The title is verbatim from the source page and holds quote characters; & and < would be escaped the same way.
  const res = (await app.inject('/articles?q=died')).json<Page>()
  assert.equal(res.items[0]?.snippet, '\'A part of LA <mark>died</mark>\': Fans mourn NBA legend Kobe Bryant')
  insertArticle(app.db, { slug: 'fixture-markup', title: 'Hong Kong: Clashes on anniversary of snack stand dispute', summary: '<b>Watch</b> & see' })
  const markup = (await app.inject('/articles?q=watch%20see')).json<Page>()
  assert.equal(markup.items[0]?.snippet, '&lt;b&gt;<mark>Watch</mark>&lt;/b&gt; &amp; <mark>see</mark>')
})

test('search input never causes a 500: FTS5 syntax in q is searched as words', async (t) => {
  const app = await buildTestApp(t)
  for (const q of ['AND', 'OR kobe', 'NEAR(kobe bryant)', '"unbalanced', 'title:kobe', 'kobe*', '-kobe', '^kobe', 'a"b"c', '*kobe', 'kobe AND', 'NOT', '"kobe" OR "deer"']) {
    const res = await app.inject(`/articles?q=${encodeURIComponent(q)}`)
    assert.equal(res.statusCode, 200, q)
  }
  for (const q of ['(', '\'', '"', '* - +', '""']) {
    const res = await app.inject(`/articles?q=${encodeURIComponent(q)}`)
    assert.equal(res.statusCode, 400, q)
    assert.match(res.json().detail, /q has no searchable words/, q)
  }
  assert.equal((await app.inject('/articles?q=NEAR(kobe%20bryant)')).json<Page>().total, 0, 'NEAR( is searched as a word')
  assert.equal((await app.inject('/articles?q=kobe*')).json<Page>().total, 2, 'a trailing * is a prefix search')
})

test('bad combinations and values are 400 problems that say what is wrong', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, RegExp]> = [
    ['/articles?sort=relevance', /sort=relevance needs a search query \(q\)/],
    ['/articles?sort=popular', /sort must be equal to one of the allowed values \(newest, oldest, relevance\)/],
    ['/articles?from=2020-02-01&to=2020-01-31', /from \(2020-02-01\) is after to \(2020-01-31\)/],
    ['/articles?from=2020-02-30', /from must be an RFC 3339 date .* got "2020-02-30"/],
    ['/articles?to=yesterday', /to must NOT have fewer than 10 characters/],
    ['/articles?to=28%2F01%2F2020', /to must be an RFC 3339 date/],
    ['/articles?from=2020-01-28T25:00:00Z', /from must be an RFC 3339 date/],
    ['/articles?limit=0', /limit must be >= 1/],
    ['/articles?limit=1000', /limit must be <= 100/],
    ['/articles?cursor=bm90LWpzb24', /cursor is malformed/],
    ['/articles?q=%20%20', /q has no searchable words/],
    ['/articles?q=%2A%2A%20--', /q has no searchable words/],
    ['/articles?q=', /q must NOT have fewer than 1 characters/],
    ['/articles?section=No%20Comment', /section must match pattern/],
    [`/articles?${Array.from({ length: 11 }, (_, i) => `tag=t${i}`).join('&')}`, /tag must NOT have more than 10 items/],
    ['/articles?fields=', /fields must NOT have fewer than 1 characters/]
  ]
  for (const [url, detail] of cases) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, url)
    assert.match(res.json().detail, detail, url)
  }
})
