// Owns error responses: ONE handler shaping every error (validation, not found, wrong method, crash) as RFC 9457 problem+json,
// each carrying the request id (also in X-Request-Id and in the server's log lines) so a report can be traced.
import { STATUS_CODES } from 'node:http'
import fp from 'fastify-plugin'
import FindMyWay from 'find-my-way'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ProblemDetails } from '../../schemas/problem.js'
import { HttpProblem } from '../../http/errors.js'

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'

/** The problem document of an error answered to `request` (also used for router errors, http/framework-errors.ts). */
export function problem (request: FastifyRequest, status: number, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...extra
  }
}

function sendProblem (reply: FastifyReply, body: ProblemDetails): FastifyReply {
  return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(body)
}

function validationProblem (request: FastifyRequest, error: FastifyError): ProblemDetails {
  const where = error.validationContext ?? 'request'
  const errors = (error.validation ?? []).map((issue) => {
    const missing = (issue.params as { missingProperty?: string }).missingProperty
    const extra = (issue.params as { additionalProperty?: string }).additionalProperty
    const pointer = issue.instancePath + (missing !== undefined ? `/${missing}` : extra !== undefined ? `/${extra}` : '')
    const name = pointer.replace(/^\//, '').replaceAll('/', '.') || where
    const allowed = (issue.params as { allowedValues?: unknown[] }).allowedValues
    const message = extra !== undefined
      ? `${extra} is not a known parameter`
      : `${name} ${issue.message ?? 'is invalid'}${Array.isArray(allowed) ? ` (${allowed.join(', ')})` : ''}`
    return { in: where, pointer, message }
  })
  const detail = errors.length > 0 ? `Invalid ${where}: ${errors.map((e) => e.message).join('; ')}` : error.message
  return problem(request, 400, detail, { errors })
}

export default fp(async (app) => {
  // Method-agnostic copy of the route table, so an unmatched request can tell 405 (path exists) from 404.
  const paths = FindMyWay({ ignoreTrailingSlash: false })
  const methodsByPath = new Map<string, Set<string>>()
  app.addHook('onRoute', (route) => {
    // The CORS preflight catch-all (OPTIONS *) would make every path "known": unknown paths must stay 404.
    if (route.url === '*') return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    let known = methodsByPath.get(route.url)
    if (known === undefined) {
      known = new Set()
      methodsByPath.set(route.url, known)
      paths.on('GET', route.url, () => {}, { url: route.url })
    }
    for (const method of methods) known.add(method)
  })

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const match = paths.find('GET', path)
    const allowed = match === null ? undefined : methodsByPath.get((match.store as { url: string }).url)
    if (allowed !== undefined && !allowed.has(request.method)) {
      const allow = [...allowed].sort().join(', ')
      reply.header('allow', allow)
      return sendProblem(reply, problem(request, 405, `${request.method} is not allowed on ${path}; allowed: ${allow}`))
    }
    return sendProblem(reply, problem(request, 404, `No resource at ${path}`))
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.validation !== undefined) return sendProblem(reply, validationProblem(request, error))
    if (error instanceof HttpProblem) {
      reply.headers(error.headers)
      return sendProblem(reply, problem(request, error.statusCode, error.detail))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, unsupported media type, body too large): their messages are safe.
      return sendProblem(reply, problem(request, status, error.message))
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(reply, problem(request, 500, 'An unexpected error occurred; it has been logged'))
  })
}, { name: 'problem-details' })
