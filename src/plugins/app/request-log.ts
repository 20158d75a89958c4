// Owns the access log: ONE line per finished request (method, url, status, response time, request id) instead of
// Fastify's two (incoming + completed), which cost about 20% of the CPU of a cached read at LOG_LEVEL=info.
import fp from 'fastify-plugin'

const QUIETER_THAN_INFO = new Set(['fatal', 'error', 'warn', 'silent'])

export default fp(async (app) => {
  if (QUIETER_THAN_INFO.has(app.log.level)) return
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime },
      'request completed')
    done()
  })
}, { name: 'request-log' })
