// The benchmark data generator: the real seed plus N plainly synthetic articles, in a migrated database.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/connection.js'
import { generateBenchDatabase, syntheticArticle, syntheticSlug } from '../../bench/dataset.js'
import { tempDatabasePath } from '../helpers/app.js'

test('a generated database holds the seed, its rail and exactly N synthetic articles', (t) => {
  const path = tempDatabasePath(t)
  generateBenchDatabase(path, 250)
  const db = openDatabase(path)
  t.after(() => db.close())
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number
  assert.equal(count("SELECT count(*) FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = 'benchmark'"), 250)
  assert.equal(count("SELECT count(*) FROM articles WHERE slug = 'syrian-army-retakes-maaret-al-numan'"), 1)
  assert.equal(count("SELECT count(*) FROM rails WHERE slug = 'more-no-comment'"), 1)
  assert.equal(count("SELECT count(*) FROM articles WHERE title LIKE 'Synthetic article %'"), 250)
  assert.equal(count("SELECT count(*) FROM articles WHERE status = 'draft'"), 2)
  assert.ok(count("SELECT count(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug LIKE 'benchmark-tag-%'") > 250)
  assert.equal(count("SELECT count(DISTINCT published_at) FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = 'benchmark'"), 250)
})

test('synthetic rows are a pure function of their index, and plainly filler', () => {
  assert.deepEqual(syntheticArticle(7, 100), syntheticArticle(7, 100))
  const article = syntheticArticle(42, 100)
  assert.equal(article.slug, syntheticSlug(42))
  assert.equal(article.title, 'Synthetic article 42')
  assert.ok(article.body.every((paragraph) => paragraph.startsWith('Synthetic paragraph')))
  assert.match(article.publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/)
})
