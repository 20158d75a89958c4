// Migration 003's FTS5 index: built for existing rows, and kept in sync with articles by triggers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase, type Db } from '../../src/db/connection.js'
import { migrate, readMigrations } from '../../src/db/migrate.js'
import { seed } from '../../src/db/seed.js'
import { buildTestApp, tempDatabasePath } from '../helpers/app.js'
import { insertArticle, sourceParagraphs, sourceTitles } from '../helpers/fixtures.js'

const SYRIA = 'syrian-army-retakes-maaret-al-numan'

function open (t: Parameters<typeof tempDatabasePath>[0]): Db {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  return db
}

const hits = (db: Db, match: string): string[] => db.prepare(`
  SELECT a.slug FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
  WHERE articles_fts MATCH ? ORDER BY a.slug`).pluck().all(match) as string[]

test('the migration indexes articles that existed before it, body paragraphs joined in order', (t) => {
  const db = open(t)
  migrate(db, readMigrations().filter((m) => m.version === 1))
  seed(db)
  migrate(db)
  assert.equal(db.prepare('SELECT count(*) FROM articles_fts').pluck().get(), 15)
  assert.deepEqual(hits(db, '"recaptured"'), [SYRIA])
  const row = db.prepare(`SELECT f.title, f.summary, f.body FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE a.slug = ?`).get(SYRIA) as { title: string, summary: string, body: string }
  assert.equal(row.body, sourceParagraphs().join('\n'))
  assert.equal(row.summary.length > 0, true)
  const railRow = db.prepare(`SELECT f.summary, f.body FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE a.slug = 'deer-rescued-from-freezing-swimming-pool'`).get()
  assert.deepEqual(railRow, { summary: '', body: '' })
})

test('inserts, updates and deletes keep the index in sync', (t) => {
  const db = open(t)
  migrate(db)
  seed(db)
  const [paragraph] = sourceParagraphs()
  const titles = sourceTitles()
  const id = insertArticle(db, { slug: 'fixture-sync', title: titles[3], body: [paragraph ?? ''] })
  assert.deepEqual(hits(db, '"overshoots"'), ['fixture-sync', 'plane-overshoots-runway-skids-into-street-in-iran'])

  db.prepare('UPDATE articles SET title = ?, summary = ? WHERE id = ?').run(titles[2], 'Idlib', id)
  assert.deepEqual(hits(db, '"overshoots"'), ['plane-overshoots-runway-skids-into-street-in-iran'])
  assert.deepEqual(hits(db, '"deer"'), ['deer-rescued-from-freezing-swimming-pool', 'fixture-sync'])
  assert.ok(hits(db, 'summary:"idlib"').includes('fixture-sync'))

  db.prepare(`UPDATE articles SET body = '[]' WHERE id = ?`).run(id)
  assert.ok(!hits(db, '"semi-deserted"').includes('fixture-sync'))
  const indexed = (): number => db.prepare('SELECT count(*) FROM articles_fts WHERE rowid = ?').pluck().get(id) as number
  db.prepare('UPDATE articles SET status = ? WHERE id = ?').run('draft', id)
  assert.equal(indexed(), 0, 'leaving published removes the article from the index (migration 007)')
  db.prepare('UPDATE articles SET status = ? WHERE id = ?').run('published', id)
  assert.equal(indexed(), 1, 'publishing indexes it again')
  assert.deepEqual(hits(db, '"deer"'), ['deer-rescued-from-freezing-swimming-pool', 'fixture-sync'])
  db.prepare('UPDATE articles SET status = ? WHERE id = ?').run('unpublished', id)
  assert.equal(indexed(), 0, 'unpublishing removes it')
  db.prepare('UPDATE articles SET status = ? WHERE id = ?').run('published', id)

  db.prepare('DELETE FROM articles WHERE id = ?').run(id)
  assert.deepEqual(hits(db, '"deer"'), ['deer-rescued-from-freezing-swimming-pool'])
  insertArticle(db, { slug: 'fixture-sync-draft', title: titles[2], status: 'draft' })
  assert.deepEqual(hits(db, '"deer"'), ['deer-rescued-from-freezing-swimming-pool'], 'drafts are not indexed')
  assert.equal(db.prepare('SELECT count(*) FROM articles_fts').pluck().get(), db.prepare(`SELECT count(*) FROM articles WHERE status = 'published'`).pluck().get())
  // FTS5's integrity check compares the index with its stored text and throws when they disagree.
  assert.doesNotThrow(() => db.prepare(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`).run())
})

test('migration 007 drops the index rows of articles that are not published', (t) => {
  const db = open(t)
  migrate(db, readMigrations().filter((m) => m.version < 7))
  seed(db)
  const titles = sourceTitles()
  insertArticle(db, { slug: 'fixture-old-draft', title: titles[2], status: 'draft' })
  insertArticle(db, { slug: 'fixture-old-unpublished', title: titles[2], status: 'unpublished' })
  assert.deepEqual(hits(db, '"deer"'), ['deer-rescued-from-freezing-swimming-pool', 'fixture-old-draft', 'fixture-old-unpublished'])
  migrate(db)
  assert.deepEqual(hits(db, '"deer"'), ['deer-rescued-from-freezing-swimming-pool'])
  assert.equal(db.prepare('SELECT count(*) FROM articles_fts').pluck().get(), 15)
  assert.doesNotThrow(() => db.prepare(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`).run())
})

test('drafts and withdrawn articles are not indexed and never returned by /articles?q', async (t) => {
  const app = await buildTestApp(t)
  insertArticle(app.db, { slug: 'fixture-draft', title: sourceTitles()[2], status: 'draft' })
  insertArticle(app.db, { slug: 'fixture-unpublished', title: sourceTitles()[2], status: 'unpublished' })
  const res = await app.inject('/articles?q=deer')
  assert.deepEqual(res.json().items.map((item: { slug: string }) => item.slug), ['deer-rescued-from-freezing-swimming-pool'])
  assert.equal(res.json().total, 1)
})
