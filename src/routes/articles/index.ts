// Owns the /articles routes: the filtered, sorted, paged list and single articles by slug.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Article, ArticleListQuery, ArticlePage, ArticleParams } from '../../schemas/article.js'
import { cachedResponses, ConditionalHeaders } from '../../schemas/delivery.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { parseListRequest } from '../../content/list-request.js'
import { servePage } from '../../content/article-list.js'
import { surrogateKey } from '../../http/surrogate-keys.js'
import { answerSlugFate, movedResponse } from './slug-fate.js'
import { articleResponses, ArticleFormatQuery, OPTIONAL_API_KEY, OPTIONAL_KEY_NOTE, tooManyRequestsResponse } from '../../schemas/syndication.js'
import { articleMediaType } from '../../syndication/article-negotiation.js'
import { appendVary } from '../../http/negotiation.js'
import { NINJS_MEDIA_TYPE } from '../../schemas/ninjs.js'
import { articleEtag } from './write.js'
import { HttpProblem } from '../../http/errors.js'

const cachedArticle = cachedResponses(ref(Article), { description: 'The article' })
const DraftStatusHeader = {
  type: 'string',
  enum: ['draft'],
  description: 'Only on an editor\'s read of a draft (a key with the articles:write scope); published articles do not carry it'
}

const articles: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  /** The JSON representation of an article, published or (to an editor) a draft: the article and its rights. */
  const represent = app.syndication.represent

  app.get('/articles', {
    schema: {
      operationId: 'listArticles',
      tags: ['articles'],
      summary: 'List, filter and search articles',
      description: 'Pages through published articles. Filters combine (AND): `section`, `tag` (repeatable), `from`/`to` ' +
        '(publication time; undated articles never match) and `q` (full-text search with a highlighted `snippet`). ' +
        'Sort with `sort` (undated articles come last in both date orders); pick item fields with `fields`.\n\n' +
        'Paging is keyset-based: follow `links.next` / `links.prev` (also in the Link header) or pass `nextCursor` / ' +
        '`prevCursor` as `cursor` with the same filters and sort. Date-sorted pages do not shift while articles are ' +
        'published (no duplicates, no gaps); relevance scores may shift when the searched text changes. ' +
        '`total` and X-Total-Count count every matching article.',
      querystring: ArticleListQuery,
      headers: ConditionalHeaders,
      response: {
        ...cachedResponses(ref(ArticlePage), { description: 'One page of articles', list: true }),
        ...problemResponses(400)
      }
    }
  }, async (request, reply) => {
    const page = servePage(app.articles, parseListRequest(request.query), publicUrl)
    reply.header('link', page.link)
    reply.header('x-total-count', String(page.body.total))
    reply.addSurrogateKeys(...page.surrogateKeys)
    reply.setLastModified(app.articles.lastPublicChange())
    return page.body
  })

  app.get('/articles/:slug', {
    schema: {
      operationId: 'getArticle',
      tags: ['articles'],
      summary: 'Get one article by slug',
      params: ArticleParams,
      querystring: ArticleFormatQuery,
      headers: ConditionalHeaders,
      security: OPTIONAL_API_KEY,
      description: 'The article as JSON, or as IPTC ninjs 2.1 with `Accept: application/ninjs+json` or `?format=ninjs` ' +
        '(`format` wins over Accept; responses carry `Vary: Accept`). ' + OPTIONAL_KEY_NOTE + ' Drafts are 404, except to a key ' +
        'with the `articles:write` scope: an editor gets the draft, marked `X-Article-Status: draft`, with ' +
        '`Cache-Control: no-store` and the ETag that PATCH takes as If-Match (JSON only: ninjs for a draft is a 406). A former slug redirects (301) to ' +
        'the current one; an unpublished article is 410 Gone.',
      response: {
        ...cachedArticle,
        200: {
          ...cachedArticle[200],
          headers: { ...cachedArticle[200].headers, ...articleResponses[200].headers, 'x-article-status': DraftStatusHeader },
          content: articleResponses[200].content
        },
        301: movedResponse,
        ...problemResponses(400, 401, 404, 406, 410),
        ...tooManyRequestsResponse
      }
    }
  }, async (request, reply) => {
    appendVary(reply, 'Accept')
    const mediaType = articleMediaType(request.query.format, request.headers.accept)
    const { slug } = request.params
    const article = app.articles.findArticleBySlug(slug)
    if (article === undefined) {
      const draft = request.apiKey?.scopes.includes('articles:write') === true ? app.articleWriter.draft(slug) : undefined
      if (draft === undefined) return answerSlugFate(app.articleWriter.fateOf(slug), slug, request, reply, publicUrl)
      // An editor's read of a draft: kept out of the response cache and shared caches (no-store), and with the ETag
      // writes check, so a draft whose last write response was lost can still be changed and published.
      reply.setCachePolicy('no-store').header('x-article-status', 'draft')
      if (mediaType === NINJS_MEDIA_TYPE) throw new HttpProblem(406, 'A draft is available as application/json only: ninjs items are published content')
      const body = represent(draft)
      reply.header('etag', articleEtag(reply, body))
      return body
    }
    reply.addSurrogateKeys(
      surrogateKey.article(article.slug),
      surrogateKey.section(article.section.slug),
      ...article.tags.map((tag) => surrogateKey.tag(tag.slug))
    )
    reply.setLastModified(article.updatedAt ?? article.publishedAt)
    if (mediaType !== NINJS_MEDIA_TYPE) return represent(article)
    reply.type(NINJS_MEDIA_TYPE)
    return app.syndication.ninjs(article)
  })
}

export default articles
