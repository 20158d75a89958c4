// Owns the SQL for navigation: sections and tags with the number of published articles in each.
import type { Db } from './connection.js'

export interface TaxonomyEntry { slug: string, name: string, articleCount: number }

export class TaxonomyStore {
  readonly #sections
  readonly #tags

  constructor (db: Db) {
    // Counted through the partial indexes of migration 003 (section) and 001 (article_tags_tag).
    this.#sections = db.prepare<[], TaxonomyEntry>(`
      SELECT s.slug, s.name,
             (SELECT count(*) FROM articles a WHERE a.section_id = s.id AND a.status = 'published') AS articleCount
      FROM sections s ORDER BY s.name, s.slug`)
    this.#tags = db.prepare<[], TaxonomyEntry>(`
      SELECT t.slug, t.name,
             (SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
              WHERE at.tag_id = t.id AND a.status = 'published') AS articleCount
      FROM tags t ORDER BY articleCount DESC, t.name, t.slug`)
  }

  /** Every section, by name, with its published article count (0 included). */
  sections (): TaxonomyEntry[] {
    return this.#sections.all()
  }

  /** Every tag, most used first, then by name, with its published article count (0 included). */
  tags (): TaxonomyEntry[] {
    return this.#tags.all()
  }
}
