// Owns the OpenAPI description of HTTP delivery: the caching headers of GET responses and the 304 response.
import { Type, type TSchema } from 'typebox'

const header = (description: string, extra: Record<string, unknown> = {}) => ({ type: 'string', description, ...extra })

const validatorHeaders = {
  ETag: header('Strong entity tag of the exact body bytes; a compressed body has its own tag (identity tag + "-br" / "-gzip"). ' +
    'Send it back in If-None-Match to revalidate.', { examples: ['"Zm9vYmFyYmF6cXV4cXV1eA"'] }),
  'Last-Modified': header('When the content last changed: an article\'s updatedAt, else publishedAt; for lists and the rail the ' +
    'latest publication, edit or unpublication of any article (and the rail\'s last replacement), not the latest date among ' +
    'the items. Never later than Date. Omitted when unknown. Send it back in If-Modified-Since.'),
  'Cache-Control': header('News caching: short max-age for browsers, longer s-maxage for CDNs, stale-while-revalidate and ' +
    'stale-if-error (configurable). Error responses are no-store.', { examples: ['public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400'] }),
  Vary: header('Accept, Accept-Encoding (and Origin when CORS is limited to listed origins)'),
  'Surrogate-Key': header('Space-separated CDN purge keys of everything the body embeds: article:<slug>, section:<slug>, ' +
    'tag:<slug>, articles (every list), sections, tags, rail:<slug>', { examples: ['article:syrian-army-retakes-maaret-al-numan section:no-comment'] }),
  'Cache-Tag': header('The Surrogate-Key keys, comma-separated')
}

const listHeaders = {
  Link: header('RFC 8288 links to the first, previous and next pages (rel="first", "prev", "next"); prev/next only when they exist'),
  'X-Total-Count': { type: 'integer', minimum: 0, description: 'Number of items matching the filters across all pages' }
}

export interface CachedResponseOptions {
  description: string
  /** A paged list: documents Link and X-Total-Count too. */
  list?: boolean
}

/**
 * Route `response` entries for a cacheable GET: 200 with its body schema and delivery headers, and 304 Not Modified
 * (no body) for conditional requests. Pair with problemResponses(...) for the error statuses.
 */
export function cachedResponses (schema: TSchema, options: CachedResponseOptions) {
  return {
    200: {
      description: options.description,
      headers: { ...validatorHeaders, ...(options.list === true ? listHeaders : {}) },
      content: { 'application/json': { schema } }
    },
    304: {
      description: 'Not Modified: the If-None-Match tag matches the current representation (or, without If-None-Match, ' +
        'it has not changed since If-Modified-Since). No body; the headers are those the 200 would carry.',
      headers: validatorHeaders,
      type: 'null'
    }
  } as const
}

/** Conditional request headers of cacheable GETs (documented as header parameters; other headers pass). */
export const ConditionalHeaders = Type.Object({
  'if-none-match': Type.Optional(Type.String({
    description: 'ETags of representations the client holds ("tag", "tag1", "tag2" or *); a match (weak comparison) answers 304. Takes precedence over If-Modified-Since.'
  })),
  'if-modified-since': Type.Optional(Type.String({
    // The example lives in the description: Swagger UI pre-fills `examples` into "Try it out", which then got a 304.
    description: 'HTTP date, e.g. `Tue, 28 Jan 2020 00:00:00 GMT`; when Last-Modified is not later, answers 304. Ignored when If-None-Match is sent.'
  }))
})
