// Owns the example values shown in the OpenAPI document: drawn from the seed files so they never drift from the data.
import { slugify } from '../content/slug.js'
import { loadArticlesFile, loadRailFile } from '../db/seed-data.js'
import { encodeCursor, listScope } from '../content/cursor.js'

/** The default PUBLIC_URL, as documented; examples use it so they read like a local run. */
export const EXAMPLE_BASE_URL = 'http://127.0.0.1:3000'

const [seedArticle] = loadArticlesFile().articles
if (seedArticle === undefined) throw new Error('seed/articles.json holds no article')
const rail = loadRailFile()

const articleUrl = (slug: string): string => `${EXAMPLE_BASE_URL}/articles/${slug}`
const section = { slug: slugify(seedArticle.section), name: seedArticle.section }

export const exampleArticle = {
  slug: seedArticle.slug,
  title: seedArticle.title,
  summary: seedArticle.summary,
  body: seedArticle.body,
  section,
  tags: seedArticle.tags.map((name) => ({ slug: slugify(name), name })),
  place: seedArticle.place,
  publishedAt: seedArticle.publishedAt,
  updatedAt: seedArticle.updatedAt,
  url: articleUrl(seedArticle.slug)
}

export const exampleSummary = {
  slug: exampleArticle.slug,
  title: exampleArticle.title,
  summary: exampleArticle.summary,
  section,
  publishedAt: exampleArticle.publishedAt,
  url: exampleArticle.url
}

export const exampleUndatedSummary = {
  slug: slugify(rail.items[0] ?? ''),
  title: rail.items[0] ?? '',
  summary: null,
  section: { slug: slugify(rail.section), name: rail.section },
  publishedAt: null,
  url: articleUrl(slugify(rail.items[0] ?? ''))
}

export const exampleHeadlineItems = rail.items.map((title, index) => ({
  position: index + 1,
  title,
  slug: slugify(title),
  url: articleUrl(slugify(title))
}))

export const exampleHeadlines = { slug: rail.slug, title: rail.title, items: exampleHeadlineItems }

/** A search snippet for q=Maaret: the seed title with the hit marked, as GET /articles?q=Maaret returns it. */
export const exampleSnippet = seedArticle.title.replace('Maaret', '<mark>Maaret</mark>')

/** The nextCursor of GET /articles?limit=1 on the seed data (the seed article is row 1). */
export const exampleNextCursor = encodeCursor({
  sort: 'newest', direction: 'after', scope: listScope({ tags: [] }), key: seedArticle.publishedAt ?? '', id: 1
})

const sectionCount = loadArticlesFile().articles.filter((article) => article.section === rail.section).length + rail.items.length

export const exampleSectionSummary = { ...section, articleCount: sectionCount, url: `${EXAMPLE_BASE_URL}/articles?section=${section.slug}` }
export const exampleTagSummaries = exampleArticle.tags.map((tag) => ({
  ...tag,
  articleCount: loadArticlesFile().articles.filter((article) => article.tags.includes(tag.name)).length,
  url: `${EXAMPLE_BASE_URL}/articles?tag=${tag.slug}` }))
