// Owns the navigation schemas: sections and tags with their published article counts.
import { Type, type Static } from 'typebox'
import { exampleSectionSummary, exampleTagSummaries } from './examples.js'
import { AbsoluteUrl, ref } from './shared.js'

const taxonomyFields = (what: string, filter: string) => ({
  slug: Type.String({ description: `Stable identifier of the ${what}; filter lists with ?${filter}=` }),
  name: Type.String({ description: 'Display name' }),
  articleCount: Type.Integer({ minimum: 0, description: `Published articles in this ${what}` }),
  url: { ...AbsoluteUrl, description: `The article list filtered by this ${what} (GET /articles?${filter}=…)` }
})

export const SectionSummary = Type.Object(taxonomyFields('section', 'section'), {
  $id: 'SectionSummary', title: 'SectionSummary', description: 'A section with its article count', examples: [exampleSectionSummary]
})

export const TagSummary = Type.Object(taxonomyFields('tag', 'tag'), {
  $id: 'TagSummary', title: 'TagSummary', description: 'A tag with its article count', examples: exampleTagSummaries
})

export const SectionList = Type.Object({
  items: Type.Array(ref(SectionSummary), { description: 'Every section, by name (sections without articles included)' })
}, { $id: 'SectionList', title: 'SectionList', description: 'All sections, for navigation', examples: [{ items: [exampleSectionSummary] }] })
export type SectionList = Static<typeof SectionList>

export const TagList = Type.Object({
  items: Type.Array(ref(TagSummary), { description: 'Every tag, most used first, then by name (unused tags included, count 0)' })
}, { $id: 'TagList', title: 'TagList', description: 'All tags, for navigation', examples: [{ items: exampleTagSummaries }] })
export type TagList = Static<typeof TagList>
