// Owns GET /sections and GET /tags: navigation lists with published article counts.
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SectionList, TagList } from '../../schemas/taxonomy.js'
import { cachedResponses, ConditionalHeaders } from '../../schemas/delivery.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { surrogateKey } from '../../http/surrogate-keys.js'
import type { TaxonomyEntry } from '../../db/taxonomy-store.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

const taxonomy: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  const withUrl = (filter: 'section' | 'tag') => (entry: TaxonomyEntry) =>
    ({ ...entry, url: `${publicUrl}/articles?${filter}=${entry.slug}` })

  // No Last-Modified: counts also change when an article is withdrawn, which leaves no timestamp; ETag covers it.
  app.get('/sections', {
    schema: {
      operationId: 'listSections',
      tags: ['navigation'],
      summary: 'Sections with article counts',
      description: 'Every section by name, with its number of published articles and the URL of its article list.',
      querystring: NoQuery,
      headers: ConditionalHeaders,
      response: { ...cachedResponses(ref(SectionList), { description: 'All sections' }), ...problemResponses(400) }
    }
  }, async (_request, reply) => {
    const items = app.taxonomy.sections().map(withUrl('section'))
    reply.addSurrogateKeys(surrogateKey.sections, ...items.map((item) => surrogateKey.section(item.slug)))
    return { items }
  })

  app.get('/tags', {
    schema: {
      operationId: 'listTags',
      tags: ['navigation'],
      summary: 'Tags with article counts',
      description: 'Every tag, most used first, with its number of published articles and the URL of its article list.',
      querystring: NoQuery,
      headers: ConditionalHeaders,
      response: { ...cachedResponses(ref(TagList), { description: 'All tags' }), ...problemResponses(400) }
    }
  }, async (_request, reply) => {
    const items = app.taxonomy.tags().map(withUrl('tag'))
    reply.addSurrogateKeys(surrogateKey.tags, ...items.map((item) => surrogateKey.tag(item.slug)))
    return { items }
  })
}

export default taxonomy
