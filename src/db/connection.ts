// Owns how the SQLite file is opened: directory creation and the pragmas every connection needs.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

export type Db = Database.Database

/** SQLite's page cache per connection, in MiB, unless told: SQLite's own default (better-sqlite3 builds it with 16). */
export const DEFAULT_SQLITE_CACHE_MIB = 2

export function openDatabase (path: string, cacheMiB = DEFAULT_SQLITE_CACHE_MIB): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  // Negative: a size in KiB rather than pages. Hot responses are answered from the response cache and misses read
  // pages the OS already caches, so a large page cache mostly adds resident memory (see the SQLITE_CACHE_MB setting).
  db.pragma(`cache_size = -${Math.round(cacheMiB * 1024)}`)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = NORMAL')
  return db
}
