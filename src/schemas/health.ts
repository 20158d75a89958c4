// Owns the health check schemas: liveness (the process answers) and readiness (it can serve: database and migrations).
import { Type, type Static } from 'typebox'

export const Liveness = Type.Object({
  status: Type.Literal('ok')
}, { $id: 'Liveness', title: 'Liveness', description: 'The process is up and answering', examples: [{ status: 'ok' }] })

export const Readiness = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Literal('ok', { description: 'A query on the database succeeded' }),
  migrations: Type.Object({
    applied: Type.Integer({ minimum: 0, description: 'Migrations recorded in the database' }),
    expected: Type.Integer({ minimum: 0, description: 'Migrations shipped with this version (migrations/*.sql)' })
  }, { description: 'Equal when the schema is current' })
}, {
  $id: 'Readiness',
  title: 'Readiness',
  description: 'The process can serve requests: the database answers and its migrations are current',
  examples: [{ status: 'ready', database: 'ok', migrations: { applied: 4, expected: 4 } }]
})
export type Readiness = Static<typeof Readiness>
