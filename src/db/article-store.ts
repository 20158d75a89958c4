// Owns the SQL for reading content: prepared statements, and mapping rows to the API's Article / summary / rail shapes.
import type { Db } from './connection.js'
import type { Article, ArticleSummary } from '../schemas/article.js'
import type { HeadlineRail } from '../schemas/headline.js'
import type { Statement } from 'better-sqlite3'
import {
  countSql, pageSql, shapeKey, SUMMARY_COLUMNS, walkableSearch, walksOrderIndex, type ListDirection, type ListShape, type ListSort
} from './article-list-sql.js'

interface SummaryRow {
  id: number
  slug: string
  title: string
  summary: string | null
  section_slug: string
  section_name: string
  published_at: string | null
  updated_at: string | null
}

interface ArticleRow extends SummaryRow {
  body: string
  place_name: string | null
  place_region: string | null
  place_country: string | null
}

interface ListRow extends SummaryRow {
  sort_key: string | number
  snippet?: string
}

/** A normalized list query (see content/list-request.ts for how HTTP parameters become one). */
export interface ListQuery {
  sort: ListSort
  section?: string
  /** Distinct tag slugs; an article must carry all of them. */
  tags: string[]
  /** Inclusive lower and exclusive upper bound on publishedAt (ISO 8601 UTC); either one excludes undated articles. */
  from?: string
  until?: string
  /** FTS5 MATCH expression (content/search-query.ts). */
  match?: string
  limit: number
  /** Keyset position: the page starts after / ends before this row; absent for the first page. */
  position?: { direction: ListDirection, key: string | number, id: number }
}

export interface ListedArticle extends ArticleSummary {
  /** FTS5 snippet with private-use markers around hits (content/snippet.ts makes it HTML); only with `match`. */
  snippet?: string
}

export interface ArticleListPage {
  /** Items in reading order. */
  items: ListedArticle[]
  /** Sort key and id of each item (parallel to items), for cursors. */
  keys: Array<{ key: string | number, id: number }>
  /** Rows matching the filters, over all pages. */
  total: number
  /** More rows exist beyond this page in the direction of travel. */
  hasMore: boolean
}

type Params = Record<string, string | number>

const MAX_CACHED_TOTALS = 1000
/** The unfiltered list: its total is the number of published articles (with a section filter, the section's). */
const PUBLISHED: ListShape = { sort: 'newest', section: false, tags: false, dates: false, search: false }

/** An article's tags in display order (index article_tags_article_order, migration 005: no sort step). */
export const ARTICLE_TAGS_SQL = `SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
  WHERE at.article_id = ? ORDER BY at.position`

/** The latest change of a public or unpublished article: one seek in articles_last_change (migration 006). */
export const LAST_CHANGE_SQL = `SELECT max(coalesce(updated_at, published_at)) FROM articles
  WHERE status IN ('published', 'unpublished')`

export class ArticleStore {
  readonly #articleBySlug
  readonly #tagsOf
  readonly #db
  readonly #listStatements = new Map<string, Statement<[Params], ListRow>>()
  readonly #countStatements = new Map<string, Statement<[Params], number>>()
  readonly #lastChange
  readonly #railUpdatedAt
  readonly #railBySlug
  readonly #railItems

  /** Totals per list shape and filters, valid for one content version: count(*) grows with the table (~1 ms at 100k). */
  readonly #totals = new Map<string, number>()
  #totalsVersion = -1

  /** contentVersion: the app's content version (bumped by every write); cached totals live as long as it holds. */
  constructor (db: Db, private readonly publicUrl: string, private readonly contentVersion: () => number) {
    this.#articleBySlug = db.prepare<[string], ArticleRow>(`
      SELECT ${SUMMARY_COLUMNS}, a.body, a.place_name, a.place_region, a.place_country
      FROM articles a JOIN sections s ON s.id = a.section_id
      WHERE a.slug = ? AND a.status = 'published'`)
    this.#tagsOf = db.prepare<[number], { slug: string, name: string }>(ARTICLE_TAGS_SQL)
    this.#db = db
    this.#lastChange = db.prepare<[], string | null>(LAST_CHANGE_SQL).pluck()
    this.#railUpdatedAt = db.prepare<[string], string | null>('SELECT updated_at FROM rails WHERE slug = ?').pluck()
    this.#railBySlug = db.prepare<[string], { id: number, slug: string, title: string }>('SELECT id, slug, title FROM rails WHERE slug = ?')
    this.#railItems = db.prepare<[number], { position: number, title: string, slug: string }>(`
      SELECT ri.position, a.title, a.slug FROM rail_items ri JOIN articles a ON a.id = ri.article_id
      WHERE ri.rail_id = ? AND a.status = 'published' ORDER BY ri.position`)
  }

  articleUrl (slug: string): string {
    return `${this.publicUrl}/articles/${slug}`
  }

  findArticleBySlug (slug: string): Article | undefined {
    const row = this.#articleBySlug.get(slug)
    if (row === undefined) return undefined
    return {
      ...this.#toSummary(row),
      body: JSON.parse(row.body) as string[],
      tags: this.#tagsOf.all(row.id),
      place: row.place_name === null
        ? null
        : { name: row.place_name, region: row.place_region ?? '', country: row.place_country ?? '' },
      updatedAt: row.updated_at
    }
  }

  /**
   * One page of a filtered, sorted list, read with a keyset (no OFFSET): stable while articles are added.
   * Throws SQLite's error when `match` is not valid FTS5 syntax (content/search-query.ts only produces valid syntax).
   */
  listArticles (query: ListQuery): ArticleListPage {
    const shape: ListShape = {
      sort: query.sort,
      section: query.section !== undefined,
      tags: query.tags.length > 0,
      dates: query.from !== undefined || query.until !== undefined,
      search: query.match !== undefined
    }
    const filters: Params = {}
    if (query.section !== undefined) filters.section = query.section
    if (shape.tags) filters.tags = JSON.stringify(query.tags)
    if (shape.dates) {
      filters.from = query.from ?? '0'
      filters.until = query.until ?? '~'
    }
    if (query.match !== undefined) filters.match = query.match

    const total = this.#total(shape, filters)
    const position = query.position
    const pageShape: ListShape = {
      ...shape,
      ...(position === undefined ? {} : { direction: position.direction }),
      ...(this.#walksOrder(shape, filters, total, query.limit + 1) ? { walkOrder: true } : {})
    }
    const pageParams: Params = { ...filters, limit: query.limit + 1 }
    if (position !== undefined) Object.assign(pageParams, { key: position.key, id: position.id })
    const rows = this.#listStatement(pageShape).all(pageParams)
    const hasMore = rows.length > query.limit
    const pageRows = hasMore ? rows.slice(0, query.limit) : rows
    if (position?.direction === 'before') pageRows.reverse()

    return {
      items: pageRows.map((row) => {
        const item: ListedArticle = this.#toSummary(row)
        if (row.snippet !== undefined) item.snippet = row.snippet
        return item
      }),
      keys: pageRows.map((row) => ({ key: row.sort_key, id: row.id })),
      total,
      hasMore
    }
  }

  /**
   * When anything a list shows last changed: the latest publication, edit or unpublication of any article, not the
   * latest date among a page's items. An article that leaves a page (unpublished, or edited out of a filter) takes its
   * date with it, and the page's own latest date would not move: If-Modified-Since would keep the removed article in
   * caches. One value for every list: a change elsewhere costs an If-Modified-Since client a full 200, never a stale
   * 304 (If-None-Match, which compares the bytes, is unaffected). Null when no article has a date.
   */
  lastPublicChange (): string | null {
    return this.#lastChange.get() ?? null
  }

  /** When the rail `slug` last changed: its items replaced (HeadlineWriter), or any article change (as lists). */
  railLastChange (slug: string): string | null {
    return latest([this.#railUpdatedAt.get(slug) ?? null, this.lastPublicChange()])
  }

  /**
   * Whether a search by date reads the order index (walkOrder): decided from its match count (the list's total) and
   * the number of published articles it looks through (all, or the section's), both counted once per content version.
   */
  #walksOrder (shape: ListShape, filters: Params, matches: number, limit: number): boolean {
    if (!walkableSearch(shape)) return false
    const scope = shape.section
      ? this.#total({ ...PUBLISHED, section: true }, { section: filters.section ?? '' })
      : this.#total(PUBLISHED, {})
    return walksOrderIndex(matches, scope, limit)
  }

  #listStatement (shape: ListShape): Statement<[Params], ListRow> {
    const key = shapeKey(shape)
    let statement = this.#listStatements.get(key)
    if (statement === undefined) {
      statement = this.#db.prepare<[Params], ListRow>(pageSql(shape))
      this.#listStatements.set(key, statement)
    }
    return statement
  }

  #total (shape: ListShape, filters: Params): number {
    const version = this.contentVersion()
    if (version !== this.#totalsVersion) {
      this.#totals.clear()
      this.#totalsVersion = version
    }
    const key = `${shapeKey(shape)}\n${JSON.stringify(filters)}`
    let total = this.#totals.get(key)
    if (total === undefined) {
      total = this.#countStatement(shape).get(filters) ?? 0
      // Bounded like any cache keyed on client input: start over rather than grow without limit.
      if (this.#totals.size >= MAX_CACHED_TOTALS) this.#totals.clear()
      this.#totals.set(key, total)
    }
    return total
  }

  #countStatement (shape: ListShape): Statement<[Params], number> {
    const key = shapeKey(shape)
    let statement = this.#countStatements.get(key)
    if (statement === undefined) {
      statement = this.#db.prepare<[Params], number>(countSql(shape)).pluck()
      this.#countStatements.set(key, statement)
    }
    return statement
  }

  /** The rail in display order; `exclude` drops items by slug, then `limit` keeps the first n (positions are kept). */
  headlineRail (slug: string, options: { exclude?: readonly string[], limit?: number } = {}): HeadlineRail | undefined {
    const rail = this.#railBySlug.get(slug)
    if (rail === undefined) return undefined
    const excluded = new Set(options.exclude ?? [])
    const items = this.#railItems.all(rail.id).filter((item) => !excluded.has(item.slug))
    return {
      slug: rail.slug,
      title: rail.title,
      items: items.slice(0, options.limit ?? items.length).map((item) => ({ ...item, url: this.articleUrl(item.slug) }))
    }
  }

  #toSummary (row: SummaryRow): ArticleSummary {
    return {
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      section: { slug: row.section_slug, name: row.section_name },
      publishedAt: row.published_at,
      url: this.articleUrl(row.slug)
    }
  }
}

function latest (values: Array<string | null>): string | null {
  let max: string | null = null
  for (const value of values) if (value !== null && (max === null || value > max)) max = value
  return max
}
