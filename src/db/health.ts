// Owns the database side of readiness: can we query, and are the applied migrations exactly those shipped on disk.
import type { Db } from './connection.js'
import { readMigrations } from './migrate.js'

export interface DatabaseReadiness {
  ready: boolean
  /** Why not ready; undefined when ready. */
  reason?: string
  appliedMigrations: number
  expectedMigrations: number
}

export function checkDatabaseReadiness (db: Db): DatabaseReadiness {
  const expected = readMigrations().map((migration) => migration.version)
  let applied: number[]
  try {
    applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[]
  } catch {
    // Closed connection, unreadable or corrupt file: the message stays in the server log, not in the response.
    return { ready: false, reason: 'The database cannot be queried', appliedMigrations: 0, expectedMigrations: expected.length }
  }
  const current = applied.length === expected.length && applied.every((version, index) => version === expected[index])
  return {
    ready: current,
    ...(current ? {} : { reason: `Applied migrations (${applied.join(', ') || 'none'}) differ from those shipped (${expected.join(', ')})` }),
    appliedMigrations: applied.length,
    expectedMigrations: expected.length
  }
}
