// Owns the headline rail schemas: a curated, ordered list of links to articles.
import { Type, type Static } from 'typebox'
import { exampleHeadlineItems, exampleHeadlines } from './examples.js'
import { AbsoluteUrl, ref } from './shared.js'
import { Slug } from './article.js'

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
