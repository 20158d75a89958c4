// Owns the OpenAPI pieces shared by syndication routes: optional API-key security, rate-limit headers, 429 response.
import { Type } from 'typebox'
import { SECURITY_SCHEMES } from '../plugins/app/api-keys.js'
import { ProblemDetails, problemResponses } from './problem.js'
import { Article } from './article.js'
import { NINJS_MEDIA_TYPE, NinjsItem } from './ninjs.js'
import { ref } from './shared.js'

/** OpenAPI security requirement meaning "a key is optional": anonymous ({}), or either key scheme. */
export const OPTIONAL_API_KEY: Array<Record<string, string[]>> = [{}, { [SECURITY_SCHEMES.bearer]: [] }, { [SECURITY_SCHEMES.header]: [] }]

export const OPTIONAL_KEY_NOTE = 'No key is needed. A partner key (`Authorization: Bearer <key>` or `X-API-Key: <key>`) raises the ' +
  'rate limit from RATE_LIMIT_MAX per IP to RATE_LIMIT_KEY_MAX per key; an unknown or revoked key is a 401.'

/** draft-ietf-httpapi-ratelimit-headers, as sent on every rate-limited response. */
export const rateLimitHeaders = {
  'RateLimit-Limit': Type.Integer({ description: 'Requests allowed in the current window (higher with an API key)' }),
  'RateLimit-Remaining': Type.Integer({ description: 'Requests left in the current window' }),
  'RateLimit-Reset': Type.Integer({ description: 'Seconds until the window resets' }),
  'RateLimit-Policy': Type.String({ description: 'The quota and its window in seconds, e.g. `300;w=60`' })
}

export const tooManyRequestsResponse = {
  429: {
    description: 'Too many requests: the rate limit for this API key or client address is used up; retry after Retry-After seconds',
    headers: {
      ...rateLimitHeaders,
      'Retry-After': Type.Integer({ description: 'Seconds to wait before retrying' })
    },
    content: { 'application/problem+json': { schema: ref(ProblemDetails) } }
  }
}

export const ArticleFormatQuery = Type.Object({
  format: Type.Optional(Type.Enum(['json', 'ninjs'], {
    type: 'string', // as sort in article.ts: Swagger UI shows an enum without a type as "any"
    description: 'Representation: `json` (application/json) or `ninjs` (application/ninjs+json, IPTC ninjs 2.1); overrides Accept'
  }))
}, { additionalProperties: false })

/** GET /articles/{slug}: JSON or ninjs, plus every error it can answer. */
export const articleResponses = {
  200: {
    description: 'The article as JSON (Article) or as IPTC ninjs 2.1 (NinjsItem), by Accept or `format`',
    headers: rateLimitHeaders,
    content: {
      'application/json': { schema: ref(Article) },
      [NINJS_MEDIA_TYPE]: { schema: ref(NinjsItem) }
    }
  },
  ...problemResponses(400, 401, 404, 406),
  ...tooManyRequestsResponse
}
