// Owns the editorial article routes: POST /articles, PATCH /articles/:slug (merge patch), DELETE /articles/:slug.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { Article, ArticleParams } from '../../schemas/article.js'
import {
  ArticleCreate, ArticlePatch, EtagHeader, IfMatchHeaders, LocationHeader, MERGE_PATCH_MEDIA_TYPE, SERVER_OWNED_FIELDS,
  NoWriteQuery, UnpublishQuery, WRITE_BODY_LIMIT
} from '../../schemas/article-write.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { strongEtag } from '../../http/etag.js'
import { HttpProblem } from '../../http/errors.js'
import { requireIfMatch } from '../../http/preconditions.js'
import { SECURITY_SCHEMES } from '../../plugins/app/api-keys.js'

/** One $ref object, so Fastify compiles (and caches) its serializer once: the same bytes GET /articles/:slug sends. */
export const ARTICLE_REPRESENTATION = ref(Article) as unknown as Record<string, unknown>
export const WRITE_SECURITY: Array<Record<string, string[]>> = [{ [SECURITY_SCHEMES.bearer]: [] }, { [SECURITY_SCHEMES.header]: [] }]

export const articleEtag = (reply: FastifyReply, article: Article): string =>
  strongEtag(reply.serializeInput(article, ARTICLE_REPRESENTATION))

const mediaTypeOf = (request: FastifyRequest): string =>
  (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/** preValidation: the body must be `type`, and must not name server-owned fields (a clearer 400 than "unknown field"). */
const writeBody = (type: string) => async (request: FastifyRequest): Promise<void> => {
  if (mediaTypeOf(request) !== type) {
    throw new HttpProblem(415, `Send the body as Content-Type: ${type}`)
  }
  const body = request.body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return
  const owned = SERVER_OWNED_FIELDS.filter((field) => Object.hasOwn(body, field))
  if (owned.length > 0) throw new HttpProblem(400, `Server-owned fields cannot be written: ${owned.join(', ')}`)
}

const articleWrites: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  // RFC 7396 bodies are JSON; parse them with Fastify's own JSON parser (prototype poisoning guarded).
  app.addContentTypeParser(MERGE_PATCH_MEDIA_TYPE, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  const requireArticlesWrite = app.requireScope('articles:write') as unknown as onRequestAsyncHookHandler
  const author = (request: FastifyRequest): string => request.apiKey?.name ?? 'unknown'
  // The JSON representation GET /articles/:slug serves: the article plus the configured rights statement.
  const represent = app.syndication.represent

  app.post('/articles', {
    bodyLimit: WRITE_BODY_LIMIT,
    onRequest: requireArticlesWrite,
    preValidation: writeBody('application/json'),
    schema: {
      operationId: 'createArticle',
      tags: ['articles'],
      summary: 'Create an article (draft or published)',
      description: 'Needs an API key with the `articles:write` scope. The slug defaults to slugify(title) and must not be used ' +
        'by any article, including unpublished ones and old slugs that redirect (409). Drafts stay invisible on public ' +
        'endpoints. publishedAt is set when the article is first published, unless given (backdating; a future time -> 422). ' +
        'Body limit 256 KiB.',
      security: WRITE_SECURITY,
      querystring: NoWriteQuery,
      body: ref(ArticleCreate),
      response: {
        201: { ...ref(Article), description: 'Created', headers: { location: LocationHeader, etag: EtagHeader } },
        ...problemResponses(400, 401, 403, 409, 413, 415, 422)
      }
    }
  }, async (request, reply) => {
    const article = app.articleWriter.create(request.body, { author: author(request), etagOf: (a) => articleEtag(reply, represent(a)) })
    reply.code(201).header('location', `${publicUrl}/articles/${article.slug}`).header('etag', articleEtag(reply, represent(article)))
    return represent(article)
  })

  app.patch('/articles/:slug', {
    bodyLimit: WRITE_BODY_LIMIT,
    onRequest: requireArticlesWrite,
    preValidation: writeBody(MERGE_PATCH_MEDIA_TYPE),
    schema: {
      operationId: 'updateArticle',
      tags: ['articles'],
      summary: 'Change an article (JSON merge patch)',
      description: 'Needs `articles:write`, `Content-Type: application/merge-patch+json` (RFC 7396; other types -> 415) and ' +
        '`If-Match` with the current ETag (missing -> 428, stale -> 412). Absent fields stay; null removes summary or place. ' +
        'A changeNote is required and stored with the revision that keeps the previous version. A slug change keeps the ' +
        'old slug redirecting (301). A future publishedAt -> 422. A patch that changes nothing returns the article unchanged. ' +
        'Body limit 256 KiB.',
      security: WRITE_SECURITY,
      params: ArticleParams,
      consumes: [MERGE_PATCH_MEDIA_TYPE],
      headers: IfMatchHeaders,
      querystring: NoWriteQuery,
      body: ref(ArticlePatch),
      response: {
        200: { ...ref(Article), description: 'The changed article', headers: { etag: EtagHeader } },
        ...problemResponses(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428)
      }
    }
  }, async (request, reply) => {
    const ifMatch = requireIfMatch(request.headers['if-match'], 'an article')
    const article = app.articleWriter.update(request.params.slug, request.body, {
      author: author(request), ifMatch, etagOf: (a) => articleEtag(reply, represent(a))
    })
    reply.header('etag', articleEtag(reply, represent(article)))
    return represent(article)
  })

  app.delete('/articles/:slug', {
    onRequest: requireArticlesWrite,
    schema: {
      operationId: 'unpublishArticle',
      tags: ['articles'],
      summary: 'Unpublish an article',
      description: 'Needs `articles:write` and `If-Match` with the current ETag (missing -> 428, stale -> 412). The article ' +
        'leaves lists, rails and search and its slug answers 410 Gone; it is kept in the database with its revisions. ' +
        'Drafts cannot be unpublished (409). The optional changeNote is stored with the revision.',
      security: WRITE_SECURITY,
      params: ArticleParams,
      headers: IfMatchHeaders,
      querystring: UnpublishQuery,
      response: {
        204: { description: 'Unpublished', type: 'null' },
        ...problemResponses(400, 401, 403, 404, 409, 410, 412, 428)
      }
    }
  }, async (request, reply) => {
    const ifMatch = requireIfMatch(request.headers['if-match'], 'an article')
    app.articleWriter.unpublish(request.params.slug, request.query.changeNote ?? 'Unpublished', {
      author: author(request), ifMatch, etagOf: (a) => articleEtag(reply, represent(a))
    })
    return reply.code(204).send(null)
  })
}

export default articleWrites
