// EXPLAIN QUERY PLAN over the list statements the store prepares: filters and orders are served by indexes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase, type Db } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { seed } from '../../src/db/seed.js'
import { countSql, pageSql, type ListShape, type ListSort } from '../../src/db/article-list-sql.js'
import { ARTICLE_TAGS_SQL, LAST_CHANGE_SQL } from '../../src/db/article-store.js'
import { tempDatabasePath } from '../helpers/app.js'
import { insertDatedArticles } from '../helpers/fixtures.js'

const PARAMS: Record<string, string | number> = {
  limit: 21, key: '2020-01-03T12:00:00.000Z', id: 3, section: 'no-comment', tags: '["syria","idlib"]',
  from: '2020-01-01T00:00:00.000Z', until: '2020-02-01T00:00:00.000Z', match: '"maaret"'
}

function plan (db: Db, sql: string): string[] {
  const used = Object.fromEntries(Object.entries(PARAMS).filter(([name]) => sql.includes(`@${name}`)))
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as Array<{ detail: string }>).map((row) => row.detail)
}

/** A full table scan of articles: "SCAN a" not followed by USING (COVERING) INDEX. */
const fullScan = (lines: string[]): boolean => lines.some((line) => /^SCAN (a|articles)\b(?! USING)/.test(line))

function shapes (): ListShape[] {
  const all: ListShape[] = []
  for (const sort of ['newest', 'oldest'] as ListSort[]) {
    for (const direction of [undefined, 'after', 'before'] as const) {
      for (const section of [false, true]) {
        for (const tags of [false, true]) {
          for (const dates of [false, true]) all.push({ sort, direction, section, tags, dates, search: false })
        }
      }
    }
  }
  return all
}

function seededDb (t: Parameters<typeof tempDatabasePath>[0]): Db {
  const db = openDatabase(tempDatabasePath(t))
  t.after(() => db.close())
  migrate(db)
  seed(db)
  insertDatedArticles(db, 10, { tags: (i) => (i % 3 === 0 ? ['syria'] : []) })
  return db
}

test('no list or count statement scans the articles table', (t) => {
  const db = seededDb(t)
  for (const shape of shapes()) {
    for (const sql of [pageSql(shape), countSql(shape)]) {
      const lines = plan(db, sql)
      assert.ok(!fullScan(lines), `${JSON.stringify(shape)}\n${lines.join('\n')}`)
    }
  }
})

test('each filter and order is served by its index', (t) => {
  const db = seededDb(t)
  for (const shape of shapes()) {
    const lines = plan(db, pageSql(shape)).join('\n')
    const label = `${JSON.stringify(shape)}\n${lines}`
    const orderIndex = shape.sort === 'oldest' ? 'articles_oldest_order' : 'articles_published_order'
    const sectionIndex = shape.sort === 'oldest' ? 'articles_section_oldest' : 'articles_section_newest'
    if (shape.tags) {
      assert.match(lines, /SEARCH at USING COVERING INDEX article_tags_tag \(tag_id=\?\)/, label)
      assert.match(lines, /SEARCH t USING COVERING INDEX sqlite_autoindex_tags_1 \(slug=\?\)/, label)
      continue
    }
    // Section, date and keyset conditions are ranges of one index, which also yields the order: no sort step.
    assert.doesNotMatch(lines, /USE TEMP B-TREE FOR ORDER BY/, label)
    if (shape.section) {
      assert.match(lines, new RegExp(`SEARCH a USING INDEX ${sectionIndex} \\(section_id=\\?`), label)
      if (shape.dates) assert.match(lines, /section_id=\? AND <expr>>\? AND <expr><\?/, label)
      assert.match(lines, /SEARCH sections USING COVERING INDEX sqlite_autoindex_sections_1 \(slug=\?\)/, label)
    } else if (shape.dates || shape.direction !== undefined) {
      assert.match(lines, new RegExp(`SEARCH a USING INDEX ${orderIndex} \\(<expr>`), label)
    } else {
      assert.match(lines, new RegExp(`SCAN a USING INDEX ${orderIndex}$`, 'm'), label)
    }
  }
})

test('search reads the FTS5 index and joins articles by primary key (or probes FTS5 by rowid from a filter index)', (t) => {
  const db = seededDb(t)
  for (const sort of ['relevance', 'newest', 'oldest'] as ListSort[]) {
    for (const direction of [undefined, 'after'] as const) {
      const plain = plan(db, pageSql({ sort, direction, section: false, tags: false, dates: false, search: true })).join('\n')
      assert.match(plain, /SCAN articles_fts VIRTUAL TABLE INDEX \d+:M/, plain)
      assert.match(plain, /SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/, plain)
      const filtered = plan(db, pageSql({ sort, direction, section: true, tags: true, dates: true, search: true }))
      assert.ok(filtered.some((line) => /articles_fts VIRTUAL TABLE INDEX \d+:=?M/.test(line)), filtered.join('\n'))
      assert.ok(!fullScan(filtered), filtered.join('\n'))
    }
  }
})

test("an article's tags come in display order from an index, without a sort step", (t) => {
  const db = seededDb(t)
  const lines = (db.prepare(`EXPLAIN QUERY PLAN ${ARTICLE_TAGS_SQL}`).all(1) as Array<{ detail: string }>).map((row) => row.detail).join('\n')
  assert.match(lines, /SEARCH at USING COVERING INDEX article_tags_article_order \(article_id=\?\)/, lines)
  assert.doesNotMatch(lines, /TEMP B-TREE/, lines)
})

test("lists' Last-Modified (the latest change of any article) is one seek in its index, not a scan", (t) => {
  const db = seededDb(t)
  const lines = (db.prepare(`EXPLAIN QUERY PLAN ${LAST_CHANGE_SQL}`).all() as Array<{ detail: string }>).map((row) => row.detail)
  assert.deepEqual(lines, ['SEARCH articles USING INDEX articles_last_change'])
})
