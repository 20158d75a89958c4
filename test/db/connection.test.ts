// How connections are opened: WAL, foreign keys, and SQLite's page cache sized by SQLITE_CACHE_MB (2 MiB by default,
// not better-sqlite3's built-in 16 MiB).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/connection.js'
import { loadConfig } from '../../src/config.js'
import { buildTestApp, tempDatabasePath } from '../helpers/app.js'

test('a connection gets WAL, foreign keys and a 2 MiB page cache unless told otherwise', (t) => {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1)
  assert.equal(db.pragma('cache_size', { simple: true }), -2048)
  const bigger = openDatabase(':memory:', 8)
  t.after(() => bigger.close())
  assert.equal(bigger.pragma('cache_size', { simple: true }), -8192)
})

test('SQLITE_CACHE_MB reaches the app\'s connection', async (t) => {
  const config = loadConfig({ SQLITE_CACHE_MB: '5' })
  const app = await buildTestApp(t, { sqliteCacheMiB: config.sqliteCacheMiB })
  assert.equal(app.db.pragma('cache_size', { simple: true }), -5120)
  assert.throws(() => loadConfig({ SQLITE_CACHE_MB: '0' }), /SQLITE_CACHE_MB must be >= 1/)
})
