// Owns the article resource's schemas: Section, Tag, Place, ArticleSummary, Article, ArticlePage, and route params.
import { Type, type Static } from 'typebox'
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../content/slug.js'
import { exampleArticle, exampleSummary, exampleUndatedSummary, EXAMPLE_BASE_URL } from './examples.js'
import { AbsoluteUrl, Nullable, ref, Timestamp } from './shared.js'
import { Rights } from './rights.js'

export const Slug = Type.String({
  pattern: SLUG_PATTERN,
  minLength: 1,
  maxLength: SLUG_MAX_LENGTH,
  description: 'Lowercase ASCII letters and digits joined by single hyphens',
  examples: [exampleArticle.slug]
})

export const Section = Type.Object({
  slug: Type.String({ description: 'Stable identifier of the section' }),
  name: Type.String({ description: 'Display name' })
}, { $id: 'Section', title: 'Section', description: 'The desk an article belongs to', examples: [exampleArticle.section] })

export const Tag = Type.Object({
  slug: Type.String(),
  name: Type.String()
}, { $id: 'Tag', title: 'Tag', description: 'A subject or place keyword', examples: [exampleArticle.tags[0]] })

export const Place = Type.Object({
  name: Type.String({ description: 'The locality the story is about' }),
  region: Type.String({ description: 'Province or region' }),
  country: Type.String()
}, { $id: 'Place', title: 'Place', description: 'Where the story happens', examples: [exampleArticle.place] })

const PublishedAt = Nullable(Timestamp)
const articleFields = {
  slug: Slug,
  title: Type.String({ description: 'Headline' }),
  summary: Type.Union([Type.String(), Type.Null()], { description: 'Standfirst; null when the story has none' }),
  section: ref(Section),
  publishedAt: { ...PublishedAt, description: 'First publication time; null when unknown (the source gives no date)' },
  url: { ...AbsoluteUrl, description: 'Canonical URL of the article' }
}

export const ArticleSummary = Type.Object({
  slug: articleFields.slug,
  title: articleFields.title,
  summary: articleFields.summary,
  section: articleFields.section,
  publishedAt: articleFields.publishedAt,
  url: articleFields.url
}, {
  $id: 'ArticleSummary',
  title: 'ArticleSummary',
  description: 'An article as it appears in lists',
  examples: [exampleSummary, exampleUndatedSummary]
})
export type ArticleSummary = Static<typeof ArticleSummary>

export const Article = Type.Object({
  ...articleFields,
  body: Type.Array(Type.String(), { description: 'Body paragraphs in reading order (plain text); empty when the story has no body text' }),
  tags: Type.Array(ref(Tag), { description: 'Subject and place keywords, most relevant first' }),
  place: Type.Union([ref(Place), Type.Null()], { description: 'Where the story happens; null when not recorded' }),
  updatedAt: { ...Nullable(Timestamp), description: 'Last change; null when unknown' },
  rights: Type.Optional(ref(Rights, { description: 'Copyright holder, usage terms and licence link (always sent by GET /articles/{slug})' }))
}, {
  $id: 'Article',
  title: 'Article',
  description: 'A full article',
  examples: [exampleArticle]
})
export type Article = Static<typeof Article>

export const ArticlePage = Type.Object({
  items: Type.Array(ref(ArticleSummary)),
  total: Type.Integer({ minimum: 0, description: 'Number of articles across all pages' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, description: 'Page size used' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` to get the next page; null on the last page' }),
  links: Type.Object({
    self: AbsoluteUrl,
    next: Type.Union([AbsoluteUrl, Type.Null()], { description: 'URL of the next page; null on the last page' })
  })
}, {
  $id: 'ArticlePage',
  title: 'ArticlePage',
  description: 'One page of article summaries, newest first; undated articles come last',
  examples: [{
    items: [exampleSummary],
    total: 15,
    limit: 1,
    nextCursor: 'WyIyMDIwLTAxLTI4VDAwOjAwOjAwLjAwMFoiLDFd',
    links: {
      self: `${EXAMPLE_BASE_URL}/articles?limit=1`,
      next: `${EXAMPLE_BASE_URL}/articles?limit=1&cursor=WyIyMDIwLTAxLTI4VDAwOjAwOjAwLjAwMFoiLDFd`
    }
  }]
})
export type ArticlePage = Static<typeof ArticlePage>

export const DEFAULT_PAGE_SIZE = 20

export const ArticleParams = Type.Object({ slug: Slug })

export const ArticleListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE, description: 'Page size, 1-100' })),
  cursor: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 512,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'Opaque cursor from a previous page\'s `nextCursor`'
  }))
}, { additionalProperties: false })
