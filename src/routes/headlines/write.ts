// Owns PUT /headlines: replacing the "More No Comment" rail's ordered items (editors, If-Match).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, onRequestAsyncHookHandler } from 'fastify'
import { HeadlineRail } from '../../schemas/headline.js'
import { EtagHeader, HeadlinesReplace, IfMatchHeaders, NoWriteQuery, WRITE_BODY_LIMIT } from '../../schemas/article-write.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { strongEtag } from '../../http/etag.js'
import { HttpProblem } from '../../http/errors.js'
import { requireIfMatch } from '../../http/preconditions.js'
import { WRITE_SECURITY } from '../articles/write.js'
import { HEADLINE_RAIL_SLUG } from './index.js'

/** The same $ref GET /headlines responds with, so the ETag is that of its exact bytes. */
const RAIL_REPRESENTATION = ref(HeadlineRail) as unknown as Record<string, unknown>
const railEtag = (reply: FastifyReply, rail: HeadlineRail): string =>
  strongEtag(reply.serializeInput(rail, RAIL_REPRESENTATION))

const headlineWrites: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/headlines', {
    bodyLimit: WRITE_BODY_LIMIT,
    onRequest: app.requireScope('headlines:write') as unknown as onRequestAsyncHookHandler,
    preValidation: async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      if (type !== 'application/json') throw new HttpProblem(415, 'Send the body as Content-Type: application/json')
    },
    schema: {
      operationId: 'replaceHeadlines',
      tags: ['headlines'],
      summary: 'Replace the headline rail\'s items',
      description: 'Needs an API key with the `headlines:write` scope and `If-Match` with the ETag of GET /headlines ' +
        '(missing -> 428, stale -> 412). `items` lists slugs of published articles in display order, each once; a slug ' +
        'that is not a published article is a 422 naming it.',
      security: WRITE_SECURITY,
      headers: IfMatchHeaders,
      querystring: NoWriteQuery,
      body: ref(HeadlinesReplace),
      response: {
        200: { ...ref(HeadlineRail), description: 'The new rail', headers: { etag: EtagHeader } },
        ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 428)
      }
    }
  }, async (request, reply) => {
    const ifMatch = requireIfMatch(request.headers['if-match'], 'the headline rail')
    const rail = app.headlineWriter.replaceItems(HEADLINE_RAIL_SLUG, request.body.items, {
      ifMatch, etagOf: (r) => railEtag(reply, r)
    })
    reply.header('etag', railEtag(reply, rail))
    return rail
  })
}

export default headlineWrites
