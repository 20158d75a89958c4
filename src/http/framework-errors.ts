// Owns answers to requests Fastify's router rejects before any route or hook runs (an over-long path parameter, a
// path that is not valid percent-encoding): RFC 9457 problem documents, like every other error.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { problem } from '../plugins/app/problem-details.js'
import type { CorsHeaders } from '../plugins/external/cors.js'
import type { SecurityHeaders } from '../plugins/external/helmet.js'
import type { AccessLog } from './access-log.js'

const ANSWERS: Record<string, [number, string]> = {
  FST_ERR_MAX_PARAM_LENGTH: [414, 'A path segment is longer than the limit of 200 characters'],
  FST_ERR_BAD_URL: [400, 'The request path is not valid percent-encoded UTF-8']
}

/**
 * Fastify's `frameworkErrors` handler: no hooks have run, so the headers the hooks would add are set here: the CORS
 * plugin's (`corsHeaders`: plugins/external/cors.ts corsHeadersFor), so a browser app can read the problem, and the
 * security headers every other answer carries (`security`: plugins/external/helmet.ts securityHeaders).
 * Fastify gives these replies no access-log line of its own: `accessLog` (the app's logController) writes it.
 */
export function frameworkErrorAnswerer (corsHeaders: CorsHeaders, security: SecurityHeaders, accessLog: AccessLog) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const [status, detail] = ANSWERS[error.code] ?? [400, 'The request cannot be routed']
    accessLog.completeOutsideRoute(request, reply)
    void reply.code(status)
      .headers(security)
      .headers(corsHeaders(request.headers.origin))
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-request-id', request.id)
      .send(JSON.stringify(problem(request, status, detail)))
  }
}
