// Feeds: JSON Feed 1.1, Atom (RFC 4287 + RFC 5005 paging) and RSS 2.0, parsed with a real XML parser and checked
// against each spec's required elements, ids, dates, links, paging, rail order and rights.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, pathOf, TEST_BASE_URL } from '../helpers/app.js'

const RIGHTS = { copyrightHolder: 'Test Holder', usageTerms: 'For partner use only.', licenseUrl: 'https://rights.test/licence' }
const SYRIA_URL = `${TEST_BASE_URL}/articles/syrian-army-retakes-maaret-al-numan`
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

// biome-ignore lint/suspicious/noExplicitAny: parsed XML has no static shape; the assertions check it
type Xml = Record<string, any>
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  isArray: (name, jpath) => ['entry', 'item', 'atom:link', 'category', 'author'].includes(name) ||
    (name === 'link' && String(jpath).startsWith('feed.'))
})

async function getXml (app: FastifyInstance, url: string, mediaType: string): Promise<Xml> {
  const res = await app.inject(url)
  assert.equal(res.statusCode, 200, url)
  assert.equal(res.headers['content-type'], `${mediaType}; charset=utf-8`)
  assert.equal(XMLValidator.validate(res.body), true, `${url} is well-formed XML`)
  return parser.parse(res.body) as Xml
}

const text = (node: unknown): string => typeof node === 'object' && node !== null ? String((node as Xml)['#text'] ?? '') : String(node ?? '')
const linkHref = (links: Xml[], rel: string): string | undefined => links.find((l) => l['@rel'] === rel)?.['@href']

function assertAtomFeed (feed: Xml): void {
  // RFC 4287 §4.1.1: id, title, updated; author unless every entry has one; SHOULD link rel=self.
  for (const name of ['id', 'title', 'updated']) assert.ok(feed[name] !== undefined, `feed ${name}`)
  assert.match(text(feed.updated), RFC3339)
  assert.ok(feed.author?.[0]?.name, 'feed author name')
  assert.ok(linkHref(feed.link, 'self'), 'rel=self link')
  for (const entry of feed.entry as Xml[]) {
    // §4.1.2: id, title, updated; content or a rel=alternate link.
    assert.ok(text(entry.id).startsWith(`${TEST_BASE_URL}/articles/`), 'entry id is the canonical URL')
    assert.ok(text(entry.title).length > 0)
    assert.match(text(entry.updated), RFC3339)
    if (entry.published !== undefined) assert.match(text(entry.published), RFC3339)
    assert.ok(entry.content !== undefined || linkHref(entry.link, 'alternate') !== undefined)
    assert.equal(linkHref(entry.link, 'alternate'), text(entry.id))
  }
}

function assertRssChannel (rss: Xml): Xml {
  assert.equal(rss['@version'], '2.0')
  const channel = rss.channel as Xml
  for (const name of ['title', 'link', 'description']) assert.ok(channel[name] !== undefined, `channel ${name}`)
  for (const item of channel.item as Xml[]) {
    assert.ok(item.title !== undefined || item.description !== undefined, 'item has title or description')
    assert.equal(item.guid['@isPermaLink'], 'true')
    assert.equal(text(item.guid), item.link)
    assert.ok(String(item.link).startsWith(`${TEST_BASE_URL}/articles/`))
    if (item.pubDate !== undefined) {
      assert.match(item.pubDate, RFC822)
      assert.ok(!Number.isNaN(Date.parse(item.pubDate)))
    }
  }
  return channel
}

function assertJsonFeed (feed: Xml): void {
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1')
  assert.equal(typeof feed.title, 'string')
  assert.ok(Array.isArray(feed.items))
  for (const item of feed.items as Xml[]) {
    assert.equal(typeof item.id, 'string')
    assert.equal(item.id, item.url)
    assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string', 'content_html or content_text')
    if (item.date_published !== undefined) assert.match(item.date_published, RFC3339)
    if (item.date_modified !== undefined) assert.match(item.date_modified, RFC3339)
  }
}

async function articleOrder (app: FastifyInstance): Promise<string[]> {
  return (await app.inject('/articles?limit=100')).json<{ items: Array<{ url: string }> }>().items.map((i) => i.url)
}

test('JSON Feed of the newest articles: valid 1.1, dated items RFC 3339, undated without dates, rights, paged by next_url', async (t) => {
  const app = await buildTestApp(t, { rights: RIGHTS })
  const first = await app.inject('/feeds/articles.json?limit=4')
  assert.equal(first.statusCode, 200)
  assert.equal(first.headers['content-type'], 'application/feed+json; charset=utf-8')
  const feed = first.json()
  assertJsonFeed(feed)
  assert.equal(feed.feed_url, `${TEST_BASE_URL}/feeds/articles.json?limit=4`)
  assert.equal(feed.home_page_url, `${TEST_BASE_URL}/articles`)
  assert.deepEqual(feed._rights, { about: `${TEST_BASE_URL}/docs`, copyright_holder: 'Test Holder', usage_terms: 'For partner use only.', license_url: 'https://rights.test/licence' })
  const [syria, undated] = feed.items
  assert.equal(syria.id, SYRIA_URL)
  assert.equal(syria.date_published, '2020-01-28T00:00:00.000Z')
  assert.match(syria.content_html, /^<p>Regime forces/)
  assert.deepEqual(syria.tags, ['Syria', 'Idlib', 'Maaret al-Numan'])
  assert.equal('date_published' in undated, false, 'unknown dates are omitted')
  assert.equal(undated.content_text, '')

  const seen: string[] = []
  let url: string | undefined = feed.feed_url
  while (url !== undefined) {
    const page = (await app.inject(pathOf(url))).json()
    assertJsonFeed(page)
    seen.push(...page.items.map((i: { id: string }) => i.id))
    url = page.next_url
  }
  assert.deepEqual(seen, await articleOrder(app))
})

test('Atom feed of the newest articles: RFC 4287 required elements, RFC 5005 first/next paging, rights, undated entries', async (t) => {
  const app = await buildTestApp(t, { rights: RIGHTS })
  const { feed } = await getXml(app, '/feeds/articles.atom?limit=4', 'application/atom+xml')
  assertAtomFeed(feed)
  assert.equal(text(feed.id), `${TEST_BASE_URL}/feeds/articles.atom`)
  assert.equal(text(feed.updated), '2020-01-28T00:00:00.000Z', 'feed updated = newest known date')
  assert.equal(feed.author[0].name, 'Test Holder')
  assert.match(text(feed.rights), /^© Test Holder\. For partner use only\. Licence: https:\/\/rights\.test\/licence$/)
  assert.equal(linkHref(feed.link, 'license'), 'https://rights.test/licence')
  assert.equal(linkHref(feed.link, 'self'), `${TEST_BASE_URL}/feeds/articles.atom?limit=4`)
  assert.equal(linkHref(feed.link, 'first'), `${TEST_BASE_URL}/feeds/articles.atom?limit=4`)
  const [syria, undated] = feed.entry
  assert.equal(text(syria.id), SYRIA_URL)
  assert.equal(text(syria.published), '2020-01-28T00:00:00.000Z')
  assert.equal(syria.content['@type'], 'html')
  assert.match(text(syria.content), /^<p>Regime forces on Tuesday/)
  assert.deepEqual(syria.category.map((c: Xml) => c['@term']), ['syria', 'idlib', 'maaret-al-numan'])
  assert.equal(linkHref(syria.link.filter((l: Xml) => l['@type'] === 'application/ninjs+json'), 'alternate'), `${SYRIA_URL}?format=ninjs`)
  assert.equal(undated.published, undefined, 'no invented publication date')
  assert.equal(text(undated.updated), text(feed.updated), 'undated entry carries the feed date (documented rule)')

  const seen: string[] = []
  let url: string | undefined = linkHref(feed.link, 'self')
  let pages = 0
  while (url !== undefined) {
    const page = (await getXml(app, pathOf(url), 'application/atom+xml')).feed as Xml
    assertAtomFeed(page)
    assert.equal(text(page.id), text(feed.id), 'the feed id is stable across pages')
    seen.push(...(page.entry as Xml[]).map((e) => text(e.id)))
    url = linkHref(page.link, 'next')
    pages++
  }
  assert.equal(pages, 4)
  assert.deepEqual(seen, await articleOrder(app))
})

test('RSS feed of the newest articles: channel elements, guid permalinks, RFC 822 pubDate, copyright, atom:link paging', async (t) => {
  const app = await buildTestApp(t, { rights: RIGHTS })
  const channel = assertRssChannel((await getXml(app, '/feeds/articles.rss?limit=4', 'application/rss+xml')).rss)
  assert.equal(channel.link, `${TEST_BASE_URL}/articles`)
  assert.match(channel.copyright, /^© Test Holder\. For partner use only\./)
  assert.equal(channel.lastBuildDate, 'Tue, 28 Jan 2020 00:00:00 GMT')
  const [syria, undated] = channel.item
  assert.equal(syria.link, SYRIA_URL)
  assert.equal(syria.pubDate, 'Tue, 28 Jan 2020 00:00:00 GMT')
  assert.equal(new Date(syria.pubDate).toISOString(), '2020-01-28T00:00:00.000Z')
  assert.equal(undated.pubDate, undefined, 'pubDate omitted when unknown')
  const links = channel['atom:link'] as Xml[]
  assert.equal(linkHref(links, 'self'), `${TEST_BASE_URL}/feeds/articles.rss?limit=4`)

  const seen: string[] = []
  let url: string | undefined = linkHref(links, 'self')
  while (url !== undefined) {
    const page = assertRssChannel((await getXml(app, pathOf(url), 'application/rss+xml')).rss)
    seen.push(...(page.item as Xml[]).map((i) => String(i.link)))
    url = linkHref(page['atom:link'], 'next')
  }
  assert.deepEqual(seen, await articleOrder(app))
})

test('headline rail feeds keep rail order in every format, are complete (no paging) and carry rights', async (t) => {
  const app = await buildTestApp(t, { rights: RIGHTS })
  const rail = (await app.inject('/headlines')).json<{ title: string, items: Array<{ url: string }> }>()
  const order = rail.items.map((i) => i.url)
  assert.equal(order.length, 14)

  const json = (await app.inject('/feeds/headlines.json')).json()
  assertJsonFeed(json)
  assert.equal(json.title, rail.title)
  assert.equal(json.next_url, undefined)
  assert.deepEqual(json.items.map((i: { id: string }) => i.id), order)
  assert.equal(json._rights.copyright_holder, 'Test Holder')

  const { feed } = await getXml(app, '/feeds/headlines.atom', 'application/atom+xml')
  assertAtomFeed(feed)
  assert.deepEqual(feed.entry.map((e: Xml) => text(e.id)), order)
  assert.ok('fh:complete' in feed, 'RFC 5005 complete feed')
  assert.equal(linkHref(feed.link, 'next'), undefined)
  assert.match(text(feed.rights), /Test Holder/)
  // No rail story has a date: feed and entries fall back to the newest date of any published article (documented).
  assert.equal(text(feed.updated), '2020-01-28T00:00:00.000Z')

  const channel = assertRssChannel((await getXml(app, '/feeds/headlines.rss', 'application/rss+xml')).rss)
  assert.deepEqual(channel.item.map((i: Xml) => i.link), order)
  assert.ok(channel.item.every((i: Xml) => i.pubDate === undefined))
  assert.match(channel.copyright, /Test Holder/)
})

test('with no dated article at all, Atom still validates: updated falls back to 1970-01-01T00:00:00Z, RSS has no lastBuildDate', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  app.db.prepare('UPDATE articles SET published_at = NULL, updated_at = NULL').run()
  const { feed } = await getXml(app, '/feeds/articles.atom', 'application/atom+xml')
  assertAtomFeed(feed)
  assert.equal(text(feed.updated), '1970-01-01T00:00:00.000Z')
  assert.ok((feed.entry as Xml[]).every((e) => text(e.updated) === '1970-01-01T00:00:00.000Z' && e.published === undefined))
  const channel = assertRssChannel((await getXml(app, '/feeds/articles.rss', 'application/rss+xml')).rss)
  assert.equal(channel.lastBuildDate, undefined)
  assertJsonFeed((await app.inject('/feeds/articles.json')).json())
})

test('feeds validate their query: bad limit, bad cursor and unknown parameters are 400 problems', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/feeds/articles.atom?limit=0', '/feeds/articles.rss?cursor=nope', '/feeds/articles.json?page=2', '/feeds/headlines.atom?limit=2']) {
    const res = await app.inject(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
  }
})

test('markup in titles and rights is escaped, so feeds stay well-formed', async (t) => {
  const app = await buildTestApp(t, { rights: { copyrightHolder: 'A & B <Media>', usageTerms: '"Quoted" & <tagged>', licenseUrl: null } })
  await app.ready()
  app.db.prepare("UPDATE articles SET title = 'Tom & Jerry <b>bold</b> \"q\"' WHERE slug = 'syrian-army-retakes-maaret-al-numan'").run()
  const { feed } = await getXml(app, '/feeds/articles.atom', 'application/atom+xml')
  assert.equal(text(feed.entry[0].title), 'Tom & Jerry <b>bold</b> "q"')
  assert.equal(feed.author[0].name, 'A & B <Media>')
  assert.equal(linkHref(feed.link, 'license'), undefined)
  const channel = assertRssChannel((await getXml(app, '/feeds/articles.rss', 'application/rss+xml')).rss)
  assert.equal(channel.item[0].title, 'Tom & Jerry <b>bold</b> "q"')
})
