// Test helper: inserts extra articles into a test database. Their text is verbatim from the source page (rail
// titles, body paragraphs); their slugs ("fixture-…"), dates, the "fixture-desk" section and the "fixture" tag are
// synthetic, test-only values that exist so filters and sorts have something to tell apart. Never seed data.
import type { Db } from '../../src/db/connection.js'
import { sourcePageLines } from './source-page.js'

export interface FixtureArticle {
  slug: string
  title?: string
  summary?: string | null
  body?: string[]
  section?: 'no-comment' | 'fixture-desk'
  tags?: string[]
  publishedAt?: string | null
  updatedAt?: string | null
  status?: 'published' | 'draft' | 'unpublished'
}

/** Rail titles from the source page (lines 10-23), verbatim. */
export const sourceTitles = (): string[] => sourcePageLines().slice(9, 23)
/** Body paragraphs of the source page (lines 2-8), verbatim. */
export const sourceParagraphs = (): string[] => sourcePageLines().slice(1, 8)

export function insertArticle (db: Db, article: FixtureArticle): number {
  db.prepare(`INSERT INTO sections (slug, name) VALUES ('fixture-desk', 'Fixture desk') ON CONFLICT (slug) DO NOTHING`).run()
  const sectionId = db.prepare('SELECT id FROM sections WHERE slug = ?').pluck().get(article.section ?? 'no-comment')
  const result = db.prepare(`
    INSERT INTO articles (slug, title, summary, body, section_id, status, published_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    article.slug,
    article.title ?? sourceTitles()[0],
    article.summary ?? null,
    JSON.stringify(article.body ?? []),
    sectionId,
    article.status ?? 'published',
    article.publishedAt ?? null,
    article.updatedAt ?? null
  )
  const id = Number(result.lastInsertRowid)
  ;(article.tags ?? []).forEach((slug, index) => {
    db.prepare(`INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING`).run(slug, slug)
    const tagId = db.prepare('SELECT id FROM tags WHERE slug = ?').pluck().get(slug)
    db.prepare('INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)').run(id, tagId, index + 1)
  })
  return id
}

/** n dated fixture articles, one per day from 2020-01-01 (fixture-01 oldest), alternating sections. */
export function insertDatedArticles (db: Db, n: number, options: { tags?: (index: number) => string[] } = {}): string[] {
  const titles = sourceTitles()
  const slugs: string[] = []
  for (let i = 1; i <= n; i++) {
    const slug = `fixture-${String(i).padStart(2, '0')}`
    insertArticle(db, {
      slug,
      title: titles[(i - 1) % titles.length],
      section: i % 2 === 0 ? 'fixture-desk' : 'no-comment',
      tags: options.tags?.(i) ?? [],
      publishedAt: new Date(Date.UTC(2020, 0, i, 12)).toISOString()
    })
    slugs.push(slug)
  }
  return slugs
}
