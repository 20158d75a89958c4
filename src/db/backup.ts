// Owns online backups of the database file: `VACUUM INTO` a temporary file beside the target, then a rename.
// VACUUM INTO reads one consistent snapshot in a single read transaction, which in WAL mode blocks no writer. SQLite's
// backup API (better-sqlite3's db.backup) copies pages in steps and restarts from the first page whenever another
// connection writes between two steps, so under steady writes it could run for ever. The copy is also compacted.
import { renameSync, rmSync } from 'node:fs'
import type { Db } from './connection.js'

/** Writes a consistent copy of `db` to `target` (replacing it, atomically: a half-written copy never has its name). */
export function backupDatabase (db: Db, target: string): void {
  const partial = `${target}.partial-${process.pid}`
  rmSync(partial, { force: true })
  try {
    db.prepare('VACUUM INTO ?').run(partial)
    renameSync(partial, target)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}
