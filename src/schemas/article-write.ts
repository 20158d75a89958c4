// Owns the editorial write schemas: request bodies for create / merge patch / rail replacement, revisions, If-Match.
import { Type, type Static } from 'typebox'
import { exampleArticle, exampleHeadlineItems } from './examples.js'
import { Article, Slug } from './article.js'
import { Nullable, ref, Timestamp } from './shared.js'
import { PUBLISHED_AT_SKEW_MS } from '../content/article-fields.js'

/** Request bodies larger than this are refused with 413 on every write route. */
export const WRITE_BODY_LIMIT = 256 * 1024
export const MERGE_PATCH_MEDIA_TYPE = 'application/merge-patch+json'
/** Fields the server owns; a body naming any of them is a 400 that lists them. */
export const SERVER_OWNED_FIELDS = ['id', 'createdAt', 'updatedAt', 'version', 'url'] as const

const NonBlank = (options: { maxLength: number, description: string }) =>
  Type.String({ minLength: 1, pattern: '\\S', ...options })

const Title = NonBlank({ maxLength: 300, description: 'Headline' })
const Summary = NonBlank({ maxLength: 2000, description: 'Standfirst' })
const Body = Type.Array(NonBlank({ maxLength: 20000, description: 'One paragraph, plain text' }), {
  maxItems: 500,
  description: 'Body paragraphs in reading order; no empty paragraphs'
})
const SectionSlug = { ...Slug, description: 'Slug of an existing section (GET an article to see its section); unknown -> 422' }
const Tags = Type.Array(NonBlank({ maxLength: 100, description: 'Tag name; its slug is slugify(name)' }), {
  maxItems: 50,
  description: 'Tag names, most relevant first; unknown tags are created; names with the same slug count once'
})
const PlaceFields = {
  name: NonBlank({ maxLength: 200, description: 'The locality the story is about' }),
  region: Type.String({ maxLength: 200, description: 'Province or region' }),
  country: Type.String({ maxLength: 200 })
}
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')], {
  description: 'draft: invisible on public endpoints; published: public. Unpublish with DELETE.'
})
const PublishedAt = {
  ...Timestamp,
  description: 'First publication time; set by the server when first published unless given. Backdating only: a time more ' +
    `than ${PUBLISHED_AT_SKEW_MS / 1000} s ahead of the server clock is refused (422); there is no scheduled publication`
}
const ChangeNote = NonBlank({ maxLength: 500, description: 'Why the change was made; stored with the revision' })

export const ArticleCreate = Type.Object({
  slug: Type.Optional({ ...Slug, description: 'Defaults to slugify(title); must not be used by any article or old slug' }),
  title: Title,
  summary: Type.Optional(Nullable(Summary)),
  body: Type.Optional(Body),
  section: SectionSlug,
  tags: Type.Optional(Tags),
  place: Type.Optional(Nullable(Type.Object(PlaceFields, { additionalProperties: false }))),
  status: Type.Optional({ ...Status, default: 'draft' }),
  publishedAt: Type.Optional(PublishedAt)
}, {
  $id: 'ArticleCreate',
  title: 'ArticleCreate',
  description: 'A new article (POST /articles). Server-owned fields (id, createdAt, updatedAt, version, url) are refused.',
  additionalProperties: false,
  examples: [{
    title: 'Example headline',
    summary: 'Example standfirst.',
    body: ['Example paragraph.'],
    section: exampleArticle.section.slug,
    tags: ['Example tag'],
    status: 'draft'
  }]
})
export type ArticleCreate = Static<typeof ArticleCreate>

export const ArticlePatch = Type.Object({
  slug: Type.Optional({ ...Slug, description: 'New slug; the old one keeps working as a 301 redirect' }),
  title: Type.Optional(Title),
  summary: Type.Optional({ ...Nullable(Summary), description: 'Standfirst; null removes it' }),
  body: Type.Optional(Body),
  section: Type.Optional(SectionSlug),
  tags: Type.Optional(Tags),
  place: Type.Optional({
    ...Nullable(Type.Object({
      name: Type.Optional(PlaceFields.name),
      region: Type.Optional(PlaceFields.region),
      country: Type.Optional(PlaceFields.country)
    }, { additionalProperties: false })),
    description: 'Merged into the current place (RFC 7396); null removes the place'
  }),
  status: Type.Optional(Status),
  publishedAt: Type.Optional(PublishedAt),
  changeNote: ChangeNote
}, {
  $id: 'ArticlePatch',
  title: 'ArticlePatch',
  description: 'A JSON merge patch (RFC 7396) of an article\'s writable fields, plus a required changeNote. ' +
    'Absent fields are unchanged; null removes an optional field (summary, place).',
  additionalProperties: false,
  examples: [
    { summary: 'Example corrected standfirst.', changeNote: 'Example change note' },
    { place: null, changeNote: 'Example change note' }
  ]
})
export type ArticlePatch = Static<typeof ArticlePatch>

export const ArticleRevision = Type.Object({
  version: Type.Integer({ minimum: 1, description: 'The version this revision replaced' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('unpublished')], {
    description: 'Status of the replaced version'
  }),
  recordedAt: { ...Timestamp, description: 'When the change that replaced this version was made' },
  changeNote: Type.String({ description: 'The editor\'s note on that change' }),
  changedFields: Type.Array(Type.String(), { description: 'Fields that change altered (besides updatedAt)' }),
  snapshot: Type.Union([ref(Article), Type.Null()], {
    description: 'The replaced version as GET /articles/{slug} served it; null when it was never public (a draft)'
  })
}, {
  $id: 'ArticleRevision',
  title: 'ArticleRevision',
  description: 'One earlier version of an article and the change that replaced it',
  examples: [{
    version: 1,
    status: 'published',
    recordedAt: '2020-01-28T00:00:00.000Z',
    changeNote: 'Example change note',
    changedFields: ['summary'],
    snapshot: exampleArticle
  }]
})
export type ArticleRevision = Static<typeof ArticleRevision>

export const ArticleRevisionList = Type.Object({
  slug: Slug,
  version: Type.Integer({ minimum: 1, description: 'Current version of the article' }),
  items: Type.Array(ref(ArticleRevision), { description: 'Earlier versions, newest first' })
}, {
  $id: 'ArticleRevisionList',
  title: 'ArticleRevisionList',
  description: 'The revision history of a published article, newest first',
  examples: [{ slug: exampleArticle.slug, version: 1, items: [] }]
})
export type ArticleRevisionList = Static<typeof ArticleRevisionList>

export const HeadlinesReplace = Type.Object({
  items: Type.Array(Slug, {
    uniqueItems: true,
    maxItems: 100,
    description: 'Slugs of published articles, in display order; replaces the whole rail'
  })
}, {
  $id: 'HeadlinesReplace',
  title: 'HeadlinesReplace',
  description: 'The new content of the "More No Comment" rail (PUT /headlines)',
  additionalProperties: false,
  examples: [{ items: exampleHeadlineItems.slice(0, 3).map((item) => item.slug) }]
})
export type HeadlinesReplace = Static<typeof HeadlinesReplace>

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({
    description: 'The ETag of the current representation (from GET or the last write). Missing -> 428, stale -> 412.'
  }))
})

/** Write routes that take no query parameters still refuse unknown ones (400), like every read. */
export const NoWriteQuery = Type.Object({}, { additionalProperties: false })

export const UnpublishQuery = Type.Object({
  changeNote: Type.Optional(ChangeNote)
}, { additionalProperties: false })

/** Response headers of writes that return the resource. */
export const EtagHeader = { type: 'string', description: 'Strong ETag of the returned representation; send it as If-Match' }
export const LocationHeader = { type: 'string', format: 'uri', description: 'Absolute URL of the article' }
