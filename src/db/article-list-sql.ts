// Owns the SQL text of article list queries: one statement per query shape, built only from fixed fragments.
// Every value is a bound named parameter; the shape (sort, direction, which filters) picks fragments, never user text.

export type ListSort = 'newest' | 'oldest' | 'relevance'
export type ListDirection = 'after' | 'before'

/** Which parts a list query has; statements are prepared once per distinct shape. */
export interface ListShape {
  sort: ListSort
  /** Keyset position: rows after (next page) or before (previous page) a key; absent on the first page. */
  direction?: ListDirection
  section: boolean
  tags: boolean
  dates: boolean
  search: boolean
  /**
   * A search by date, with no other filter but perhaps a section, that walks the date order's index (the section's,
   * with a section) and keeps the rows among the search's matches, instead of reading every match and sorting: for
   * searches matching a large share of the articles they look through (see walksOrderIndex). Both plans return the
   * same rows.
   */
  walkOrder?: boolean
}

/** Sort keys; they match the index expressions of migrations 001 and 003 exactly, so SQLite can use those indexes. */
export const NEWEST_KEY = `coalesce(a.published_at, '')`
export const OLDEST_KEY = `coalesce(a.published_at, '~')`
/** bm25 with column weights title 10, summary 5, body 1; lower is more relevant. */
export const RELEVANCE_KEY = 'bm25(articles_fts, 10.0, 5.0, 1.0)'

/** Snippet markers: private-use characters, replaced by <mark> after the text is HTML-escaped (see content/snippet.ts). */
export const SNIPPET_OPEN = '\uE000'
export const SNIPPET_CLOSE = '\uE001'
const SNIPPET = `snippet(articles_fts, -1, char(${SNIPPET_OPEN.codePointAt(0)}), char(${SNIPPET_CLOSE.codePointAt(0)}), '…', 24)`

export const SUMMARY_COLUMNS = `a.id, a.slug, a.title, a.summary, s.slug AS section_slug, s.name AS section_name, a.published_at, a.updated_at`

export function shapeKey (shape: ListShape): string {
  return [shape.sort, shape.direction ?? 'first', +shape.section, +shape.tags, +shape.dates, +shape.search, +(shape.walkOrder ?? false)].join('|')
}

function sortKey (sort: ListSort): string {
  return sort === 'oldest' ? OLDEST_KEY : sort === 'relevance' ? RELEVANCE_KEY : NEWEST_KEY
}

/** Ascending in the list's reading order? newest reads descending; oldest and relevance (bm25) ascending. */
function readsAscending (sort: ListSort): boolean {
  return sort !== 'newest'
}

function fromClause (shape: ListShape): string {
  return shape.search
    ? 'articles_fts JOIN articles a ON a.id = articles_fts.rowid JOIN sections s ON s.id = a.section_id'
    : 'articles a JOIN sections s ON s.id = a.section_id'
}

function filterClauses (shape: ListShape): string[] {
  const clauses = [`a.status = 'published'`]
  if (shape.search) clauses.push('articles_fts MATCH @match')
  if (shape.section) clauses.push('a.section_id = (SELECT id FROM sections WHERE slug = @section)')
  if (shape.tags) {
    // Every requested tag (AND): the article carries as many of them as were asked for (@tags holds distinct slugs).
    clauses.push(`a.id IN (SELECT at.article_id FROM article_tags at
      WHERE at.tag_id IN (SELECT t.id FROM tags t WHERE t.slug IN (SELECT value FROM json_each(@tags)))
      GROUP BY at.article_id HAVING count(*) = json_array_length(@tags))`)
  }
  if (shape.dates) {
    // Compared through the sort key so the order index also serves the range; the bounds exclude undated rows
    // ('' < '0' for newest, '~' is not < '~' for oldest).
    const key = shape.sort === 'oldest' ? OLDEST_KEY : NEWEST_KEY
    clauses.push(`${key} >= @from AND ${key} < @until`)
  }
  return clauses
}

/** A search with no other filter: the search index alone holds its rows (published articles only, migration 007). */
const searchOnly = (shape: ListShape): boolean => shape.search && !shape.section && !shape.tags && !shape.dates

/**
 * A search with no other filter, by relevance: ranked by FTS5 alone. The page's rows are the index's best @limit
 * matches: only those are joined to articles (the general statement joins every match first: ~7,500 primary-key
 * lookups for a common word at 100,000 articles).
 */
const ranksInIndex = (shape: ListShape): boolean => searchOnly(shape) && shape.sort === 'relevance'

/** A search by date with no other filter but perhaps a section: the shapes walkOrder applies to. */
export const walkableSearch = (shape: ListShape): boolean => shape.search && shape.sort !== 'relevance' && !shape.tags && !shape.dates

/**
 * Whether a search by date should walk the order index (walkOrder) rather than join its matches; `published` is the
 * number of published articles the walk looks through (the section's, with a section). Joining costs a row
 * lookup per match (~2.3 us each at 100,000 articles: 17-20 ms for a word in 7.5% of them); the walk costs a look at
 * ~limit x published / matches index entries (~0.1 us each) plus ~0.07 us per match for the set it probes (2.4 ms
 * for the same word; 10.7 ms for a word in one article, where joining takes 0.1 ms). The walk wins when
 * matches^2 x 20 > limit x published (at 100,000 articles and a page of 21: from ~325 matches).
 */
export function walksOrderIndex (matches: number, published: number, limit: number): boolean {
  return matches * matches * 20 > limit * published
}

/** The keyset bound on `key` and `id` in the direction of travel (absent on a first page). */
function keysetClause (shape: ListShape, key: string, id: string, ascending: boolean): string[] {
  if (shape.direction === undefined) return []
  // The plain bound on the key lets SQLite turn the keyset into an index range (SEARCH, not SCAN from the top);
  // the row-value comparison then skips rows of the boundary key already shown.
  const op = ascending ? '>' : '<'
  return [`${key} ${op}= @key AND (${key}, ${id}) ${op} (@key, @id)`]
}

/**
 * A search page whose rows `pageIds` chose (a SELECT of id and sort_key, in page order, with its LIMIT): only those
 * rows are joined, one lookup each in articles, sections and the search index (for the snippet). CROSS JOIN keeps
 * that join order instead of a second full MATCH scan; the status test stays as a guard.
 */
function joinPageSql (pageIds: string, order: string): string {
  return `WITH page AS (
      ${pageIds})
    SELECT ${SUMMARY_COLUMNS}, p.sort_key AS sort_key, ${SNIPPET} AS snippet
    FROM page p CROSS JOIN articles a CROSS JOIN sections s CROSS JOIN articles_fts
    WHERE a.id = p.id AND s.id = a.section_id AND articles_fts.rowid = p.id AND articles_fts MATCH @match
      AND a.status = 'published'
    ORDER BY p.sort_key ${order}, a.id ${order}
    LIMIT @limit`
}

/** The statement for one page: up to @limit rows in the direction of travel (reverse them for 'before'). */
export function pageSql (shape: ListShape): string {
  const key = sortKey(shape.sort)
  const ascending = readsAscending(shape.sort) !== (shape.direction === 'before')
  const order = ascending ? 'ASC' : 'DESC'
  if (ranksInIndex(shape)) {
    // The page's rowids ranked by FTS5 alone, then only those joined (joinPageSql).
    const where = ['articles_fts MATCH @match', ...keysetClause(shape, key, 'rowid', ascending)]
    return joinPageSql(`SELECT rowid AS id, ${key} AS sort_key FROM articles_fts
      WHERE ${where.join('\n        AND ')}
      ORDER BY sort_key ${order}, rowid ${order}
      LIMIT @limit`, order)
  }
  if (shape.walkOrder === true && walkableSearch(shape)) {
    // The order index read in order, each entry's id probed in the set of matching rowids (built once), stopping at
    // @limit; INDEXED BY, because SQLite's planner, unable to tell how many rows MATCH yields, would rather join
    // every match. Only the page's rows are then joined and get a snippet (joinPageSql).
    const oldest = shape.sort === 'oldest'
    const index = shape.section
      ? (oldest ? 'articles_section_oldest' : 'articles_section_newest')
      : (oldest ? 'articles_oldest_order' : 'articles_published_order')
    const where = [...filterClauses({ ...shape, search: false }),
      'a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)', ...keysetClause(shape, key, 'a.id', ascending)]
    return joinPageSql(`SELECT a.id AS id, ${key} AS sort_key FROM articles a INDEXED BY ${index}
      WHERE ${where.join('\n        AND ')}
      ORDER BY sort_key ${order}, a.id ${order}
      LIMIT @limit`, order)
  }
  const where = [...filterClauses(shape), ...keysetClause(shape, key, 'a.id', ascending)]
  return `SELECT ${SUMMARY_COLUMNS}, ${key} AS sort_key${shape.search ? `, ${SNIPPET} AS snippet` : ''}
    FROM ${fromClause(shape)}
    WHERE ${where.join('\n      AND ')}
    ORDER BY ${key} ${order}, a.id ${order}
    LIMIT @limit`
}

/** The statement counting every row of the list (all pages). */
export function countSql (shape: ListShape): string {
  if (searchOnly(shape)) return 'SELECT count(*) FROM articles_fts WHERE articles_fts MATCH @match'
  const from = shape.search ? 'articles_fts JOIN articles a ON a.id = articles_fts.rowid' : 'articles a'
  return `SELECT count(*) FROM ${from} WHERE ${filterClauses(shape).join(' AND ')}`
}
