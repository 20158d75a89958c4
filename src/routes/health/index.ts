// Owns GET /health/live and GET /health/ready for orchestrators and load balancers; registered before the rate
// limiter (never limited) and answered live every time (no-store, never from the response cache).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Liveness, Readiness } from '../../schemas/health.js'
import { problemResponses } from '../../schemas/problem.js'
import { ref } from '../../schemas/shared.js'
import { checkDatabaseReadiness } from '../../db/health.js'
import { HttpProblem } from '../../http/errors.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', async (_request, reply) => { reply.setCachePolicy('no-store') })

  app.get('/health/live', {
    schema: {
      operationId: 'getLiveness',
      tags: ['health'],
      summary: 'Liveness: the process answers',
      description: 'Always 200 while the process runs and its event loop turns; restart the process when this fails. Not rate limited.',
      querystring: NoQuery,
      response: { 200: { ...ref(Liveness), description: 'Alive' }, ...problemResponses(400) }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/health/ready', {
    schema: {
      operationId: 'getReadiness',
      tags: ['health'],
      summary: 'Readiness: the database answers and migrations are current',
      description: '200 when a database query succeeds and the applied migrations are exactly those shipped; otherwise 503 ' +
        '(take the instance out of rotation). Not rate limited.',
      querystring: NoQuery,
      response: { 200: { ...ref(Readiness), description: 'Ready to serve' }, ...problemResponses(400, 503) }
    }
  }, async () => {
    const readiness = checkDatabaseReadiness(app.db)
    if (!readiness.ready) throw new HttpProblem(503, readiness.reason ?? 'Not ready', { 'retry-after': '5' })
    return {
      status: 'ready' as const,
      database: 'ok' as const,
      migrations: { applied: readiness.appliedMigrations, expected: readiness.expectedMigrations }
    }
  })
}

export default health
