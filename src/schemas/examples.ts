// Owns the example values shown in the OpenAPI document: drawn from the seed files so they never drift from the data.
import { slugify } from '../content/slug.js'
import { loadArticlesFile, loadRailFile } from '../db/seed-data.js'

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
