// Owns GET /headlines: the "More No Comment" rail.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HeadlineRail } from '../../schemas/headline.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { notFound } from '../../http/errors.js'

export const HEADLINE_RAIL_SLUG = 'more-no-comment'

const headlines: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/headlines', {
    schema: {
      operationId: 'getHeadlines',
      tags: ['headlines'],
      summary: 'The "More No Comment" headline rail',
      description: 'The curated rail in display order; each item links to GET /articles/{slug}.',
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: ref(HeadlineRail), ...problemResponses(400, 404) }
    }
  }, async () => {
    const rail = app.articles.headlineRail(HEADLINE_RAIL_SLUG)
    if (rail === undefined) throw notFound('The headline rail has not been created')
    return rail
  })
}

export default headlines
