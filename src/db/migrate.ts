// Owns schema migrations: numbered .sql files in migrations/, each applied once, in order, in its own transaction.
import { readdirSync, readFileSync } from 'node:fs'
import type { Db } from './connection.js'
import { PROJECT_ROOT } from '../project-root.js'

export const MIGRATIONS_DIR = new URL('migrations/', PROJECT_ROOT)
const MIGRATION_FILE = /^(\d{3})\.[a-z0-9-]+\.sql$/

export interface Migration { version: number, name: string, sql: string }

export function readMigrations (dir: URL = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = MIGRATION_FILE.exec(file)
      if (match === null) throw new Error(`Migration file name must look like 001.what.sql: ${file}`)
      return { version: Number(match[1]), name: file, sql: readFileSync(new URL(file, dir), 'utf8') }
    })
    .sort((a, b) => a.version - b.version)
  // Numbers are unique; gaps are tolerated because parallel branches each own a number (003, 004, ...) and land apart.
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1]
    if (previous !== undefined && previous.version === migration.version) {
      throw new Error(`Two migrations share the number ${migration.version}: ${previous.name}, ${migration.name}`)
    }
  })
  return migrations
}

/** Applies pending migrations; returns the names of those applied now (empty when up to date). */
export function migrate (db: Db, migrations: Migration[] = readMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ) STRICT`)
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
  const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)')
  const appliedNow: string[] = []
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name)
    }).immediate()
    appliedNow.push(migration.name)
  }
  return appliedNow
}
