// Owns the article resource's schemas: Section, Tag, Place, ArticleSummary, Article, ArticlePage, and route params.
import { Type, type Static } from 'typebox'
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../content/slug.js'
import { exampleArticle, exampleNextCursor, exampleSnippet, exampleSummary, exampleUndatedSummary, EXAMPLE_BASE_URL } from './examples.js'
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
  summary: { ...Nullable(Type.String()), description: 'Standfirst; null when the story has none' },
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

/** Fields a list item can have; `fields` selects among them. */
export const LIST_FIELDS = ['slug', 'title', 'summary', 'section', 'publishedAt', 'url', 'snippet'] as const
export type ListField = (typeof LIST_FIELDS)[number]

export const ArticleListItem = Type.Object({
  slug: Type.Optional(articleFields.slug),
  title: Type.Optional(articleFields.title),
  summary: Type.Optional(articleFields.summary),
  section: Type.Optional(articleFields.section),
  publishedAt: Type.Optional(articleFields.publishedAt),
  url: Type.Optional(articleFields.url),
  snippet: Type.Optional(Type.String({
    description: 'Search results only (`q`): a short extract around the matched words, as an HTML fragment. ' +
      'The text is HTML-escaped (&amp; &lt; &gt;); `<mark>` and `</mark>` around matched words are its only markup; ' +
      '`…` marks cut text.',
    examples: [exampleSnippet]
  }))
}, {
  $id: 'ArticleListItem',
  title: 'ArticleListItem',
  description: 'An article in a list: the ArticleSummary fields (all of them unless `fields` selects some), ' +
    'plus `snippet` on search results',
  examples: [exampleSummary, { ...exampleSummary, snippet: exampleSnippet }, { slug: exampleSummary.slug, title: exampleSummary.title }]
})
export type ArticleListItem = Static<typeof ArticleListItem>

const PageLink = (description: string) => ({ ...Nullable(AbsoluteUrl), description })

export const ArticlePage = Type.Object({
  items: Type.Array(ref(ArticleListItem)),
  total: Type.Integer({ minimum: 0, description: 'Number of articles matching the filters, across all pages (also in X-Total-Count)' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, description: 'Page size used' }),
  nextCursor: { ...Nullable(Type.String()), description: 'Pass as `cursor` to get the next page; null on the last page' },
  prevCursor: { ...Nullable(Type.String()), description: 'Pass as `cursor` to get the previous page; null on the first page' },
  links: Type.Object({
    self: AbsoluteUrl,
    first: { ...AbsoluteUrl, description: 'URL of the first page with the same filters, sort and limit' },
    prev: PageLink('URL of the previous page; null on the first page'),
    next: PageLink('URL of the next page; null on the last page')
  }, { description: 'The same URLs as the Link header (rel self/first/prev/next)' })
}, {
  $id: 'ArticlePage',
  title: 'ArticlePage',
  description: 'One page of articles matching the filters, in the requested order',
  examples: [{
    items: [exampleSummary],
    total: 15,
    limit: 1,
    nextCursor: exampleNextCursor,
    prevCursor: null,
    links: {
      self: `${EXAMPLE_BASE_URL}/articles?limit=1`,
      first: `${EXAMPLE_BASE_URL}/articles?limit=1`,
      prev: null,
      next: `${EXAMPLE_BASE_URL}/articles?limit=1&cursor=${exampleNextCursor}`
    }
  }]
})
export type ArticlePage = Static<typeof ArticlePage>

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
export const MAX_TAG_FILTERS = 10

export const ArticleParams = Type.Object({ slug: Slug })

const FilterSlug = Type.String({ pattern: SLUG_PATTERN, minLength: 1, maxLength: SLUG_MAX_LENGTH })

export const ArticleListQuery = Type.Object({
  q: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Full-text search over title, summary and body. Every word must match (accents and case are ignored); ' +
      '"quoted words" match as a phrase; a trailing `*` matches a prefix (`retak*`). Other characters carry no syntax. ' +
      'Results get a highlighted `snippet` and default to `sort=relevance`.',
    examples: ['Maaret al-Numan']
  })),
  section: Type.Optional({ ...FilterSlug, description: 'Only articles in this section (slug, see GET /sections)', examples: [exampleArticle.section.slug] }),
  tag: Type.Optional(Type.Array({ ...FilterSlug, examples: [exampleArticle.tags[0]?.slug] }, {
    maxItems: MAX_TAG_FILTERS,
    description: `Only articles carrying this tag (slug, see GET /tags). Repeat for several: an article must carry all of them (AND); at most ${MAX_TAG_FILTERS}.`
  })),
  from: Type.Optional(Type.String({
    minLength: 10,
    maxLength: 40,
    description: 'Only articles published at or after this time: an RFC 3339 full-date (midnight UTC) or date-time. Excludes undated articles.',
    examples: ['2020-01-01', '2020-01-28T00:00:00Z']
  })),
  to: Type.Optional(Type.String({
    minLength: 10,
    maxLength: 40,
    description: 'Only articles published at or before this time: an RFC 3339 date-time, or a full-date meaning the whole of that UTC day. Excludes undated articles.',
    examples: ['2020-01-31']
  })),
  sort: Type.Optional(Type.Enum(['newest', 'oldest', 'relevance'], {
    // An explicit type: without it OpenAPI tools (Swagger UI) show the parameter as "any".
    type: 'string',
    description: 'newest (default without q): latest publication first; oldest: earliest first; both put undated articles last. ' +
      'relevance (default with q, needs q): best match first (bm25; title weighs most, then summary, then body).'
  })),
  fields: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '^[A-Za-z]+(,[A-Za-z]+)*$',
    description: `Comma-separated fields to return for each item (sparse fieldset): ${LIST_FIELDS.join(', ')}. snippet needs q.`,
    examples: ['slug,title,url']
  })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: `Page size, 1-${MAX_PAGE_SIZE}` })),
  cursor: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 512,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'Opaque cursor from a previous page\'s `nextCursor` or `prevCursor`. It only works with the same filters and sort ' +
      '(`limit` may change); follow `links` / the Link header to keep them.'
  }))
}, { additionalProperties: false })
export type ArticleListQuery = Static<typeof ArticleListQuery>
