// Owns the SQL for reading content: prepared statements, and mapping rows to the API's Article / summary / rail shapes.
import type { Db } from './connection.js'
import type { Article, ArticleSummary } from '../schemas/article.js'
import type { HeadlineRail } from '../schemas/headline.js'
import type { Cursor } from '../content/cursor.js'

interface SummaryRow {
  id: number
  slug: string
  title: string
  summary: string | null
  section_slug: string
  section_name: string
  published_at: string | null
}

interface ArticleRow extends SummaryRow {
  body: string
  place_name: string | null
  place_region: string | null
  place_country: string | null
  updated_at: string | null
}

export interface ArticleListPage { items: ArticleSummary[], total: number, next: Cursor | null }

const SUMMARY_COLUMNS = `a.id, a.slug, a.title, a.summary, s.slug AS section_slug, s.name AS section_name, a.published_at`
const PUBLISHED_ORDER = `ORDER BY coalesce(a.published_at, '') DESC, a.id DESC`

export class ArticleStore {
  readonly #articleBySlug
  readonly #tagsOf
  readonly #firstPage
  readonly #pageAfter
  readonly #countPublished
  readonly #railBySlug
  readonly #railItems

  constructor (db: Db, private readonly publicUrl: string) {
    this.#articleBySlug = db.prepare<[string], ArticleRow>(`
      SELECT ${SUMMARY_COLUMNS}, a.body, a.place_name, a.place_region, a.place_country, a.updated_at
      FROM articles a JOIN sections s ON s.id = a.section_id
      WHERE a.slug = ? AND a.status = 'published'`)
    this.#tagsOf = db.prepare<[number], { slug: string, name: string }>(`
      SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
      WHERE at.article_id = ? ORDER BY at.position`)
    this.#firstPage = db.prepare<[number], SummaryRow>(`
      SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id
      WHERE a.status = 'published' ${PUBLISHED_ORDER} LIMIT ?`)
    this.#pageAfter = db.prepare<[string, number, number], SummaryRow>(`
      SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id
      WHERE a.status = 'published' AND (coalesce(a.published_at, ''), a.id) < (?, ?)
      ${PUBLISHED_ORDER} LIMIT ?`)
    this.#countPublished = db.prepare<[], number>(`SELECT count(*) FROM articles WHERE status = 'published'`).pluck()
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

  /** Newest first, undated last, id descending as tiebreak; `after` is the last row of the previous page. */
  listArticles (limit: number, after?: Cursor): ArticleListPage {
    const rows = after === undefined
      ? this.#firstPage.all(limit + 1)
      : this.#pageAfter.all(after.publishedKey, after.id, limit + 1)
    const hasMore = rows.length > limit
    const pageRows = hasMore ? rows.slice(0, limit) : rows
    const last = pageRows[pageRows.length - 1]
    return {
      items: pageRows.map((row) => this.#toSummary(row)),
      total: this.#countPublished.get() ?? 0,
      next: hasMore && last !== undefined ? { publishedKey: last.published_at ?? '', id: last.id } : null
    }
  }

  headlineRail (slug: string): HeadlineRail | undefined {
    const rail = this.#railBySlug.get(slug)
    if (rail === undefined) return undefined
    return {
      slug: rail.slug,
      title: rail.title,
      items: this.#railItems.all(rail.id).map((item) => ({ ...item, url: this.articleUrl(item.slug) }))
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
