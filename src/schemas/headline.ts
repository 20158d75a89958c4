// Owns the headline rail schemas: a curated, ordered list of links to articles.
import { Type, type Static } from 'typebox'
import { exampleHeadlineItems, exampleHeadlines } from './examples.js'
import { AbsoluteUrl, ref } from './shared.js'
import { Slug } from './article.js'
import { SLUG_PATTERN } from '../content/slug.js'

export const Headline = Type.Object({
  position: Type.Integer({ minimum: 1, description: '1-based position in the rail' }),
  title: Type.String({ description: 'Headline as shown in the rail' }),
  slug: Slug,
  url: { ...AbsoluteUrl, description: 'URL of the article (GET /articles/{slug})' }
}, { $id: 'Headline', title: 'Headline', description: 'One entry of a headline rail', examples: [exampleHeadlineItems[0]] })

export const HeadlineRail = Type.Object({
  slug: Type.String({ description: 'Identifier of the rail' }),
  title: Type.String({ description: 'Rail title as displayed' }),
  items: Type.Array(ref(Headline), { description: 'Items in display order' })
}, { $id: 'HeadlineRail', title: 'HeadlineRail', description: 'The "More No Comment" headline rail', examples: [exampleHeadlines] })
export type HeadlineRail = Static<typeof HeadlineRail>

const SLUG_BODY = SLUG_PATTERN.slice(1, -1)

export const HeadlineQuery = Type.Object({
  exclude: Type.Optional(Type.String({
    maxLength: 4000,
    pattern: `^${SLUG_BODY}(?:,${SLUG_BODY})*$`,
    description: 'Comma-separated slugs of articles already on the page; they are left out of the rail',
    examples: [`${exampleHeadlineItems[0]?.slug ?? ''},${exampleHeadlineItems[1]?.slug ?? ''}`]
  })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'At most this many items (after exclude); default all' }))
}, { additionalProperties: false })
