// Owns the RFC 9457 problem document every error response uses.
import { Type, type Static } from 'typebox'
import { ref } from './shared.js'

export const ProblemDetails = Type.Object({
  type: Type.String({ description: 'URI reference identifying the problem type; about:blank means the status code says it all' }),
  title: Type.String({ description: 'Short summary of the problem type' }),
  status: Type.Integer({ minimum: 400, maximum: 599, description: 'HTTP status code' }),
  detail: Type.String({ description: 'Human-readable explanation of this occurrence' }),
  instance: Type.String({ description: 'The request path that produced the problem' }),
  requestId: Type.String({ description: 'Id of the request (also sent as X-Request-Id and logged as reqId): quote it when reporting a problem' }),
  errors: Type.Optional(Type.Array(Type.Object({
    in: Type.String({ description: 'Which part of the request: params, querystring, headers or body' }),
    pointer: Type.String({ description: 'JSON Pointer to the offending value within that part' }),
    message: Type.String()
  }), { description: 'Each validation failure, for 400 responses' }))
}, {
  $id: 'Problem',
  title: 'Problem',
  description: 'An RFC 9457 problem document, served as application/problem+json.',
  examples: [{
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'No article has the slug "no-such-story"',
    instance: '/articles/no-such-story',
    requestId: '6f1c2a0e-0000-4000-8000-000000000000'
  }]
})
export type ProblemDetails = Static<typeof ProblemDetails>

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: a parameter is missing, out of range or of the wrong shape',
  401: 'Missing, invalid or revoked credentials',
  403: 'The credentials lack the scope this operation needs',
  404: 'No such resource',
  405: 'The resource exists but does not support this method',
  406: 'None of the acceptable media types can be produced',
  409: 'Conflicts with the current state (e.g. the slug is taken, or the change is not allowed from this status)',
  410: 'The resource was withdrawn',
  412: 'The If-Match precondition failed: the resource changed since it was read',
  413: 'The request body is larger than the limit (256 KiB on write routes)',
  414: 'The request target (path and query string) is longer than the limit (MAX_URL_LENGTH, 8 KiB by default)',
  415: 'The request body media type is not supported',
  422: 'The body is well-formed but refers to something that does not exist or is not published (section, headline slug)',
  428: 'The request must be conditional (send If-Match)',
  429: 'Too many requests: slow down and retry after Retry-After seconds',
  503: 'Not ready: the database is unreachable or its migrations are not current'
}

/** Route `response` entries for error statuses, each an application/problem+json ProblemDetails. */
export function problemResponses (...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(statuses.map((status) => [status, {
    description: STATUS_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/problem+json': { schema: ref(ProblemDetails) } }
  }]))
}
