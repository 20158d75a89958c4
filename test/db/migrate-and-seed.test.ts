// Migrations and seeding are idempotent: running either twice leaves the database as it was.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase, type Db } from '../../src/db/connection.js'
import { migrate, readMigrations } from '../../src/db/migrate.js'
import { seed } from '../../src/db/seed.js'
import { tempDatabasePath } from '../helpers/app.js'

function snapshot (db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").pluck().all() as string[]
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()]))
}

test('migrations apply once, in order, and a second run applies nothing', (t) => {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  const files = readMigrations().map((m) => m.name)
  assert.ok(files.length >= 1)
  assert.deepEqual(migrate(db), files)
  assert.deepEqual(migrate(db), [])
  assert.deepEqual(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all(), files)
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1)
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
})

test('a failing migration rolls back completely and is not recorded', (t) => {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  const broken = [...readMigrations(), { version: 99, name: '099.broken.sql', sql: 'CREATE TABLE half_done (x); INSERT INTO nowhere VALUES (1);' }]
  assert.throws(() => migrate(db, broken), /no such table: nowhere/)
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get(), 0)
  assert.equal(db.prepare('SELECT count(*) FROM schema_migrations WHERE version = 99').pluck().get(), 0)
})

test('seeding twice yields the same rows', (t) => {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  migrate(db)
  assert.deepEqual(seed(db), { articlesInserted: 15, railsInserted: 1 })
  const first = snapshot(db)
  assert.deepEqual(seed(db), { articlesInserted: 0, railsInserted: 0 })
  assert.deepEqual(snapshot(db), first)
  assert.equal((first.articles ?? []).length, 15)
  assert.equal((first.rail_items ?? []).length, 14)
  assert.equal((first.article_tags ?? []).length, 3)
})
