// Owns the syndication feeds: newest articles (paged) and the headline rail (complete), as JSON Feed, Atom and RSS.
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { ArticleListQuery, DEFAULT_PAGE_SIZE, type Article } from '../../schemas/article.js'
import { FEED_MEDIA_TYPES, JsonFeed, type FeedFormat } from '../../schemas/feed.js'
import { problemResponses } from '../../schemas/problem.js'
import { cachedResponses, ConditionalHeaders } from '../../schemas/delivery.js'
import { ref } from '../../schemas/shared.js'
import { OPTIONAL_API_KEY, OPTIONAL_KEY_NOTE, rateLimitHeaders, tooManyRequestsResponse } from '../../schemas/syndication.js'
import { parseListRequest } from '../../content/list-request.js'
import { servePage } from '../../content/article-list.js'
import { notFound } from '../../http/errors.js'
import { newestKnownDate, toFeedEntry, type FeedPage } from '../../syndication/feed.js'
import { renderJsonFeed } from '../../syndication/json-feed.js'
import { renderAtom } from '../../syndication/atom.js'
import { renderRss } from '../../syndication/rss.js'
import { HEADLINE_RAIL_SLUG } from '../headlines/index.js'

/** Feeds page like GET /articles (newest first) but take no filters. */
const FeedQuery = Type.Object({
  limit: ArticleListQuery.properties.limit,
  cursor: ArticleListQuery.properties.cursor
}, { additionalProperties: false })

const FORMAT_NAMES: Record<FeedFormat, string> = { json: 'JSON Feed 1.1', atom: 'Atom (RFC 4287)', rss: 'RSS 2.0' }

export const DATES_NOTE = 'Dates are RFC 3339 in JSON Feed and Atom, RFC 822 in RSS. Stories without a known date have no ' +
  '`date_published` (JSON Feed) or `pubDate` (RSS). Atom requires `updated` on every entry: an undated entry carries the ' +
  'feed\'s `updated` (the newest date known for any entry of the page, else for any published article) — this is not ' +
  'the story\'s own date. Atom feeds name the configured copyright holder as author, since the data names none.'

// Feeds get the same delivery as every GET (ETag, Cache-Control, conditional requests -> 304): documented likewise.
const delivery = cachedResponses(Type.String(), { description: 'feed' })

const feedResponse = (format: FeedFormat): Record<number, unknown> => ({
  200: {
    description: `${FORMAT_NAMES[format]} document`,
    headers: { ...delivery[200].headers, ...rateLimitHeaders },
    content: {
      [FEED_MEDIA_TYPES[format]]: {
        schema: format === 'json' ? ref(JsonFeed) : Type.String({ description: `${FORMAT_NAMES[format]} XML` })
      }
    }
  },
  304: delivery[304],
  ...problemResponses(400, 401, 404),
  ...tooManyRequestsResponse
})

const feeds: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  const { rights, store } = app.syndication
  const docsUrl = `${publicUrl}/docs`

  function send (reply: FastifyReply, format: FeedFormat, page: FeedPage): unknown {
    if (format === 'json') {
      reply.type(FEED_MEDIA_TYPES.json)
      return renderJsonFeed(page, docsUrl)
    }
    reply.type(`${FEED_MEDIA_TYPES[format]}; charset=utf-8`)
    return format === 'atom' ? renderAtom(page) : renderRss(page)
  }

  const fullArticle = (slug: string): Article | undefined => app.articles.findArticleBySlug(slug)

  for (const format of Object.keys(FEED_MEDIA_TYPES) as FeedFormat[]) {
    const articlesPath = `/feeds/articles.${format}`
    const pageUrl = (limit: number, cursor?: string): string =>
      `${publicUrl}${articlesPath}?limit=${limit}${cursor === undefined ? '' : `&cursor=${cursor}`}`

    app.get(articlesPath, {
      schema: {
        operationId: `articlesFeed${format[0]?.toUpperCase()}${format.slice(1)}`,
        tags: ['feeds'],
        summary: `Newest articles as ${FORMAT_NAMES[format]}`,
        description: `The newest published articles, newest first (undated last), ${FEED_MEDIA_TYPES[format]}. ` +
          (format === 'json' ? 'Paged: follow `next_url`.' : format === 'atom' ? 'Paged (RFC 5005): follow `<link rel="next">`.' : 'Paged: follow `<atom:link rel="next">`.') +
          ` ${DATES_NOTE} ${OPTIONAL_KEY_NOTE}`,
        querystring: FeedQuery,
        headers: ConditionalHeaders,
        security: OPTIONAL_API_KEY,
        response: feedResponse(format)
      }
    }, async (request, reply) => {
      const { limit = DEFAULT_PAGE_SIZE, cursor } = request.query
      const list = servePage(app.articles, parseListRequest({ limit, cursor }), publicUrl).body
      const entries = list.items.map((summary) => fullArticle(summary.slug ?? '')).filter((a) => a !== undefined).map(toFeedEntry)
      return send(reply, format, {
        id: `${publicUrl}${articlesPath}`,
        title: 'Newsdesk: latest articles',
        description: 'The newest published articles, newest first; undated stories last',
        homeUrl: `${publicUrl}/articles`,
        selfUrl: pageUrl(limit, cursor),
        firstUrl: pageUrl(limit),
        nextUrl: list.nextCursor === null ? null : pageUrl(limit, list.nextCursor),
        complete: false,
        updated: newestKnownDate(entries, store.latestKnownDate()),
        entries,
        rights
      })
    })

    const headlinesPath = `/feeds/headlines.${format}`
    app.get(headlinesPath, {
      schema: {
        operationId: `headlinesFeed${format[0]?.toUpperCase()}${format.slice(1)}`,
        tags: ['feeds'],
        summary: `The "More No Comment" rail as ${FORMAT_NAMES[format]}`,
        description: `The headline rail in display order (not by date), ${FEED_MEDIA_TYPES[format]}. The rail is one ` +
          'complete list, so the feed is not paged' + (format === 'atom' ? ' (`<fh:complete/>`, RFC 5005).' : '.') +
          ` ${DATES_NOTE} ${OPTIONAL_KEY_NOTE}`,
        querystring: Type.Object({}, { additionalProperties: false }),
        headers: ConditionalHeaders,
        security: OPTIONAL_API_KEY,
        response: feedResponse(format)
      }
    }, async (_request, reply) => {
      const rail = app.articles.headlineRail(HEADLINE_RAIL_SLUG)
      if (rail === undefined) throw notFound('The headline rail has not been created')
      const entries = rail.items.map((item) => fullArticle(item.slug)).filter((a) => a !== undefined).map(toFeedEntry)
      return send(reply, format, {
        id: `${publicUrl}${headlinesPath}`,
        title: rail.title,
        description: `The "${rail.title}" headline rail, in display order`,
        homeUrl: `${publicUrl}/headlines`,
        selfUrl: `${publicUrl}${headlinesPath}`,
        firstUrl: null,
        nextUrl: null,
        complete: true,
        updated: newestKnownDate(entries, store.latestKnownDate()),
        entries,
        rights
      })
    })
  }
}

export default feeds
