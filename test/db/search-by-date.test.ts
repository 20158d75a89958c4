// A search sorted by date (alone or within a section) has two plans: join every match and sort (few matches), or walk
// the order index and probe the set of matches (many). Both must return the same pages; the store picks one from the
// counts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase, type Db } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { seed } from '../../src/db/seed.js'
import { pageSql, walksOrderIndex, type ListShape, type ListSort } from '../../src/db/article-list-sql.js'
import { tempDatabasePath } from '../helpers/app.js'
import { insertArticle, sourceParagraphs } from '../helpers/fixtures.js'

interface Row { id: number, sort_key: string, slug: string, snippet: string }
const MATCH = '"battling"'

/**
 * The seed plus 40 fixtures whose body is a source paragraph holding "battling": shared dates, undated ones, drafts,
 * and two sections.
 */
function seededDb (t: Parameters<typeof tempDatabasePath>[0]): Db {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  migrate(db)
  seed(db)
  const paragraph = sourceParagraphs().find((text) => text.includes('battling'))
  assert.ok(paragraph !== undefined)
  for (let i = 1; i <= 40; i++) {
    insertArticle(db, {
      slug: `fixture-${String(i).padStart(2, '0')}`,
      body: [paragraph],
      section: i % 3 === 0 ? 'fixture-desk' : 'no-comment',
      // Every fifth undated; the rest on 12 days, so several share a date and the id decides between them.
      publishedAt: i % 5 === 0 ? null : new Date(Date.UTC(2020, 0, 1 + (i % 12), 12)).toISOString(),
      status: i % 7 === 0 ? 'draft' : 'published'
    })
  }
  return db
}

/** Every page of one plan, following the keyset forward from the first page, then backward from the last. */
function walk (db: Db, sort: ListSort, walkOrder: boolean, limit: number, section?: string): { forward: number[][], backward: number[][] } {
  const shape = (direction?: 'after' | 'before'): ListShape =>
    ({ sort, direction, section: section !== undefined, tags: false, dates: false, search: true, walkOrder })
  const page = (direction?: 'after' | 'before', at?: Row): Row[] => {
    const rows = db.prepare<[Record<string, unknown>], Row>(pageSql(shape(direction))).all({
      match: MATCH, limit: limit + 1, ...(section === undefined ? {} : { section }), ...(at === undefined ? {} : { key: at.sort_key, id: at.id })
    })
    const kept = rows.slice(0, limit)
    return direction === 'before' ? kept.reverse() : kept
  }
  const forward: Row[][] = [page()]
  while (forward.at(-1)!.length === limit) {
    const next = page('after', forward.at(-1)!.at(-1))
    if (next.length === 0) break
    forward.push(next)
  }
  const backward: Row[][] = [forward.at(-1)!]
  for (;;) {
    const previous = page('before', backward.at(-1)![0])
    if (previous.length === 0) break
    backward.push(previous)
  }
  // Snippets come from the same FTS5 row either way; compare them too.
  for (const rows of [...forward, ...backward]) for (const row of rows) assert.match(row.snippet, /battling/)
  return { forward: forward.map((rows) => rows.map((r) => r.id)), backward: backward.map((rows) => rows.map((r) => r.id)) }
}

test('walking the order index returns the same pages as joining every match, both ways, for both date sorts', (t) => {
  const db = seededDb(t)
  const matching = (section?: string): number => db.prepare(`SELECT count(*) FROM articles a JOIN sections s ON s.id = a.section_id
    WHERE a.status = 'published' AND a.body LIKE '%battling%' AND (@section IS NULL OR s.slug = @section)`).pluck().get({ section: section ?? null }) as number
  assert.ok(matching() > 30 && matching('fixture-desk') > 8, `fixture sanity: ${matching()}, ${matching('fixture-desk')}`)
  for (const section of [undefined, 'no-comment', 'fixture-desk']) {
    for (const sort of ['newest', 'oldest'] as ListSort[]) {
      for (const limit of [1, 4, 7, 50]) {
        const label = `${section ?? 'all'}, ${sort}, limit ${limit}`
        const joined = walk(db, sort, false, limit, section)
        const walked = walk(db, sort, true, limit, section)
        assert.deepEqual(walked, joined, label)
        const ids = joined.forward.flat()
        assert.equal(ids.length, matching(section), `${label}: every published match once`)
        assert.equal(new Set(ids).size, ids.length)
        // The backward walk visits the same pages in reverse.
        assert.deepEqual(joined.backward.flat().length, ids.length)
      }
    }
  }
})

test('the walk reads the order index (the section\'s, with a section) and probes the matches; it never scans the table', (t) => {
  const db = seededDb(t)
  for (const [sort, section] of [['newest', false], ['oldest', false], ['newest', true], ['oldest', true]] as Array<[ListSort, boolean]>) {
    const index = section
      ? (sort === 'oldest' ? 'articles_section_oldest' : 'articles_section_newest')
      : (sort === 'oldest' ? 'articles_oldest_order' : 'articles_published_order')
    for (const direction of [undefined, 'after', 'before'] as const) {
      const sql = pageSql({ sort, direction, section, tags: false, dates: false, search: true, walkOrder: true })
      const params = {
        match: MATCH, limit: 21, ...(section ? { section: 'no-comment' } : {}), ...(direction === undefined ? {} : { key: '2020-01-03T12:00:00.000Z', id: 3 })
      }
      const lines = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => row.detail).join('\n')
      assert.match(lines, new RegExp(`(SCAN|SEARCH) a USING INDEX ${index}`), lines)
      assert.match(lines, /LIST SUBQUERY/, lines)
      assert.match(lines, /SCAN articles_fts VIRTUAL TABLE INDEX \d+:M/, lines)
      assert.doesNotMatch(lines, /^SCAN (a|articles)\b(?! USING)/m, lines)
    }
  }
})

test('the store walks the order index only when the matches are a large share of the published articles', () => {
  // A word in 7.5% of 99,015 articles (the benchmark's 'kilo'): walk. A word in one article: join.
  assert.equal(walksOrderIndex(7538, 99_015, 21), true)
  assert.equal(walksOrderIndex(1, 99_015, 21), false)
  // The crossover at 100,000 articles and pages of 21: ~325 matches.
  assert.equal(walksOrderIndex(320, 100_000, 21), false)
  assert.equal(walksOrderIndex(330, 100_000, 21), true)
  // Small databases: 3 matches of 16 join; 35 of 50 walk.
  assert.equal(walksOrderIndex(3, 16, 21), false)
  assert.equal(walksOrderIndex(35, 50, 21), true)
})
