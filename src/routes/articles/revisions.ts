// Owns GET /articles/:slug/revisions: the public revision history of a published article.
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ArticleParams } from '../../schemas/article.js'
import { ArticleRevisionList } from '../../schemas/article-write.js'
import { cachedResponses, ConditionalHeaders } from '../../schemas/delivery.js'
import { problemResponses } from '../../schemas/problem.js'
import { surrogateKey } from '../../http/surrogate-keys.js'
import { ref } from '../../schemas/shared.js'
import { answerSlugFate, movedResponse } from './slug-fate.js'

const revisions: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  app.get('/articles/:slug/revisions', {
    schema: {
      operationId: 'listArticleRevisions',
      tags: ['articles'],
      summary: 'Revision history of a published article',
      description: 'Earlier versions, newest first, each with when it was replaced, the change note and the changed fields. ' +
        'Snapshots of versions that were drafts are null (never public). Old slugs redirect (301); drafts and unknown slugs ' +
        'are 404; unpublished articles are 410.',
      params: ArticleParams,
      querystring: Type.Object({}, { additionalProperties: false }),
      headers: ConditionalHeaders,
      response: {
        ...cachedResponses(ref(ArticleRevisionList), { description: 'The revisions, newest first' }),
        301: movedResponse,
        ...problemResponses(400, 404, 410)
      }
    }
  }, async (request, reply) => {
    const { slug } = request.params
    const result = app.articleWriter.revisions(slug)
    if (result !== undefined && 'items' in result) {
      reply.addSurrogateKeys(surrogateKey.article(slug))
      return result
    }
    return answerSlugFate(result, slug, request, reply, publicUrl, '/revisions')
  })
}

export default revisions
