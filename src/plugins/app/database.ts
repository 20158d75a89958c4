// Owns the SQLite connection for the app's lifetime: opens it, migrates, optionally seeds an empty one, closes on app close.
import fp from 'fastify-plugin'
import { openDatabase, type Db } from '../../db/connection.js'
import { migrate } from '../../db/migrate.js'
import { isEmpty, seed } from '../../db/seed.js'

declare module 'fastify' {
  interface FastifyInstance { db: Db }
}

export interface DatabaseOptions {
  path: string
  /** Seed from seed/ when the database holds no articles (npm start does; tests choose). */
  seedIfEmpty: boolean
  /** SQLite page cache in MiB (db/connection.ts's default when absent). */
  cacheMiB?: number
}

export default fp<DatabaseOptions>(async (app, options) => {
  const db = openDatabase(options.path, options.cacheMiB)
  try {
    const applied = migrate(db)
    if (applied.length > 0) app.log.info({ migrations: applied }, 'applied migrations')
    if (options.seedIfEmpty && isEmpty(db)) app.log.info(seed(db), 'seeded empty database')
  } catch (error) {
    db.close()
    throw error
  }
  app.decorate('db', db)
  app.addHook('onClose', async () => { db.close() })
}, { name: 'database' })
