// Owns what every request gets before any route runs: its id echoed as X-Request-Id, and a cap on the URL length.
import fp from 'fastify-plugin'
import { HttpProblem } from '../../http/errors.js'
import { REQUEST_ID_HEADER } from '../../http/request-id.js'

export interface RequestGuardOptions {
  /** Longest request target (path + query) accepted, in characters. */
  maxUrlLength: number
}

export default fp<RequestGuardOptions>(async (app, options) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    if (request.url.length > options.maxUrlLength) {
      throw new HttpProblem(414, `The request target is longer than ${options.maxUrlLength} characters`)
    }
  })
}, { name: 'request-guards' })
