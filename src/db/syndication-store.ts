// Owns the SQL syndication needs beyond ArticleStore: article revision numbers and the newest date known in the store.
import type { Db } from './connection.js'

export class SyndicationStore {
  readonly #versionBySlug
  readonly #latestKnownDate

  constructor (db: Db) {
    this.#versionBySlug = db.prepare<[string], number>(
      "SELECT version FROM articles WHERE slug = ? AND status = 'published'").pluck()
    this.#latestKnownDate = db.prepare<[], string | null>(
      "SELECT max(coalesce(updated_at, published_at)) FROM articles WHERE status = 'published'").pluck()
  }

  /** The article's revision number (articles.version), undefined when no published article has the slug. */
  articleVersion (slug: string): number | undefined {
    return this.#versionBySlug.get(slug)
  }

  /** The newest publication or update time of any published article; null when no article has a date. */
  latestKnownDate (): string | null {
    return this.#latestKnownDate.get() ?? null
  }
}
