// Owns the /articles routes: the paged list and single articles by slug.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ArticleListQuery, ArticlePage, ArticleParams, DEFAULT_PAGE_SIZE } from '../../schemas/article.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { decodeCursor, encodeCursor } from '../../content/cursor.js'
import { notFound } from '../../http/errors.js'
import { articleResponses, ArticleFormatQuery, OPTIONAL_API_KEY, OPTIONAL_KEY_NOTE } from '../../schemas/syndication.js'
import { articleMediaType } from '../../syndication/article-negotiation.js'
import { appendVary } from '../../http/negotiation.js'
import { NINJS_MEDIA_TYPE } from '../../schemas/ninjs.js'

const articles: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  const listUrl = (limit: number, cursor?: string): string =>
    `${publicUrl}/articles?limit=${limit}${cursor === undefined ? '' : `&cursor=${cursor}`}`

  app.get('/articles', {
    schema: {
      operationId: 'listArticles',
      tags: ['articles'],
      summary: 'List articles, newest first',
      description: 'Pages through published articles, newest first; undated articles come last. ' +
        'Follow `links.next` (or pass `nextCursor` as `cursor`) until it is null.',
      querystring: ArticleListQuery,
      response: { 200: ref(ArticlePage), ...problemResponses(400) }
    }
  }, async (request) => {
    const { limit = DEFAULT_PAGE_SIZE, cursor } = request.query
    const page = app.articles.listArticles(limit, cursor === undefined ? undefined : decodeCursor(cursor))
    const nextCursor = page.next === null ? null : encodeCursor(page.next)
    return {
      items: page.items,
      total: page.total,
      limit,
      nextCursor,
      links: { self: listUrl(limit, cursor), next: nextCursor === null ? null : listUrl(limit, nextCursor) }
    }
  })

  app.get('/articles/:slug', {
    schema: {
      operationId: 'getArticle',
      tags: ['articles'],
      summary: 'Get one article by slug',
      description: 'As JSON, or as IPTC ninjs 2.1 with `Accept: application/ninjs+json` or `?format=ninjs` ' +
        '(`format` wins over Accept; responses carry `Vary: Accept`). ' + OPTIONAL_KEY_NOTE,
      params: ArticleParams,
      querystring: ArticleFormatQuery,
      security: OPTIONAL_API_KEY,
      response: articleResponses
    }
  }, async (request, reply) => {
    appendVary(reply, 'Accept')
    const mediaType = articleMediaType(request.query.format, request.headers.accept)
    const article = app.articles.findArticleBySlug(request.params.slug)
    if (article === undefined) throw notFound(`No article has the slug "${request.params.slug}"`)
    if (mediaType !== NINJS_MEDIA_TYPE) return { ...article, rights: app.syndication.rights }
    reply.type(NINJS_MEDIA_TYPE)
    return app.syndication.ninjs(article)
  })
}

export default articles
