// Owns the /articles routes: the paged list and single articles by slug.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Article, ArticleListQuery, ArticlePage, ArticleParams, DEFAULT_PAGE_SIZE } from '../../schemas/article.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { decodeCursor, encodeCursor } from '../../content/cursor.js'
import { answerSlugFate, movedResponse } from './slug-fate.js'

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
      params: ArticleParams,
      description: 'Drafts are 404. A former slug redirects (301) to the current one; an unpublished article is 410 Gone.',
      response: { 200: ref(Article), 301: movedResponse, ...problemResponses(400, 404, 410) }
    }
  }, async (request, reply) => {
    const { slug } = request.params
    const article = app.articles.findArticleBySlug(slug)
    if (article !== undefined) return article
    return answerSlugFate(app.articleWriter.fateOf(slug), slug, request, reply, publicUrl)
  })
}

export default articles
