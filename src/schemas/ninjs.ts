// Owns the IPTC ninjs 2.1 representation of an article: the subset of the official schema we produce, closed like it.
import { Type, type Static } from 'typebox'
import { NINJS_SCHEMA_URI, toNinjs } from '../syndication/ninjs.js'
import { DEFAULT_RIGHTS } from '../syndication/rights.js'
import { exampleArticle } from './examples.js'
import { Timestamp } from './shared.js'

export const NINJS_MEDIA_TYPE = 'application/ninjs+json'

const closed = { additionalProperties: false } as const
const TextBlock = (what: string) => Type.Object({
  role: Type.Optional(Type.String({ description: `Role of this ${what}` })),
  contenttype: Type.Optional(Type.String({ description: 'IANA media type of value' })),
  value: Type.String()
}, closed)
const Concept = Type.Object({
  name: Type.String(),
  literal: Type.Optional(Type.String({ description: 'Our identifier (slug)' }))
}, closed)

const NinjsItemSchema = Type.Object({
  uri: Type.String({ format: 'uri', description: 'Canonical URL of the article (GET /articles/{slug})' }),
  type: Type.Literal('text'),
  representationtype: Type.Literal('full'),
  version: Type.String({ description: 'Our revision number of the article, as a string' }),
  firstcreated: Type.Optional({ ...Timestamp, description: 'First publication time; absent when unknown' }),
  versioncreated: Type.Optional({ ...Timestamp, description: 'Time of this version (last change); absent when unknown' }),
  pubstatus: Type.Literal('usable', { description: 'Only published articles are served' }),
  language: Type.String({ description: 'BCP 47 language tag' }),
  slugline: Type.String({ description: 'The article slug' }),
  headlines: Type.Array(TextBlock('headline'), { description: 'The headline (role "main")' }),
  descriptions: Type.Optional(Type.Array(TextBlock('description'), { description: 'The standfirst (role "summary"); absent when the story has none' })),
  bodies: Type.Optional(Type.Array(TextBlock('body'), {
    description: 'The body as HTML (text/html, one <p> per paragraph) and as plain text (text/plain, paragraphs separated by a blank line); absent when the story has no body text'
  })),
  subjects: Type.Optional(Type.Array(Concept, { description: 'The article tags' })),
  places: Type.Optional(Type.Array(Concept, { description: 'Where the story happens' })),
  located: Type.Optional(Type.String({ description: 'Place, region and country, comma separated' })),
  copyrightholder: Type.String(),
  copyrightnotice: Type.String(),
  usageterms: Type.String(),
  rightsinfo: Type.Optional(Type.Object({
    linkedrights: Type.String({ format: 'uri', description: 'The configured licence link' })
  }, { ...closed, description: 'Present when a licence link is configured (RIGHTS_LICENSE_URL)' })),
  standard: Type.Object({
    name: Type.Literal('ninjs'),
    version: Type.Literal('2.1'),
    schema: Type.Literal(NINJS_SCHEMA_URI)
  }, closed)
}, {
  ...closed,
  $id: 'NinjsItem',
  title: 'NinjsItem',
  description: `An article as an IPTC ninjs 2.1 news item (${NINJS_MEDIA_TYPE}); valid against the official schema ${NINJS_SCHEMA_URI}. ` +
    'Dates the data does not have are left out, never invented.'
})
export type NinjsItem = Static<typeof NinjsItemSchema>
// The example is built by the mapping itself (from the seed article), so it cannot drift from real output.
export const NinjsItem = Object.assign(NinjsItemSchema, { examples: [toNinjs({ ...exampleArticle, version: 1 }, DEFAULT_RIGHTS)] })
