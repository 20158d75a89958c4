// Owns GET /headlines: the "More No Comment" rail, optionally without articles already on the page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HeadlineQuery, HeadlineRail } from '../../schemas/headline.js'
import { cachedResponses, ConditionalHeaders } from '../../schemas/delivery.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { notFound } from '../../http/errors.js'
import { surrogateKey } from '../../http/surrogate-keys.js'

export const HEADLINE_RAIL_SLUG = 'more-no-comment'

const headlines: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/headlines', {
    schema: {
      operationId: 'getHeadlines',
      tags: ['headlines'],
      summary: 'The "More No Comment" headline rail',
      description: 'The curated rail in display order; each item links to GET /articles/{slug}. `exclude` leaves out ' +
        'articles the page already shows, then `limit` keeps the first items; `position` stays the place in the full rail.',
      querystring: HeadlineQuery,
      headers: ConditionalHeaders,
      response: {
        ...cachedResponses(ref(HeadlineRail), { description: 'The rail' }),
        ...problemResponses(400, 404)
      }
    }
  }, async (request, reply) => {
    const exclude = request.query.exclude?.split(',')
    const rail = app.articles.headlineRail(HEADLINE_RAIL_SLUG, { exclude, limit: request.query.limit })
    if (rail === undefined) throw notFound('The headline rail has not been created')
    const slugs = rail.items.map((item) => item.slug)
    reply.addSurrogateKeys(surrogateKey.rail(rail.slug), ...slugs.map(surrogateKey.article))
    reply.setLastModified(app.articles.railLastChange(rail.slug))
    return rail
  })
}

export default headlines
