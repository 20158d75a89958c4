// Owns the SQL of replacing a headline rail's ordered items, in one IMMEDIATE transaction checked against If-Match.
import type { Db } from './connection.js'
import type { ArticleStore } from './article-store.js'
import type { HeadlineRail } from '../schemas/headline.js'
import { HttpProblem, notFound } from '../http/errors.js'
import { assertMatches } from '../http/preconditions.js'

export interface RailWriteContext { etagOf: (rail: HeadlineRail) => string, ifMatch: string[] }

export class HeadlineWriter {
  readonly #railId
  readonly #publishedId
  readonly #clear
  readonly #add
  readonly #touch

  constructor (private readonly db: Db, private readonly store: ArticleStore, private readonly onCommit: () => void) {
    this.#railId = db.prepare<[string], number>('SELECT id FROM rails WHERE slug = ?').pluck()
    this.#publishedId = db.prepare<[string], number>("SELECT id FROM articles WHERE slug = ? AND status = 'published'").pluck()
    this.#clear = db.prepare('DELETE FROM rail_items WHERE rail_id = ?')
    this.#add = db.prepare('INSERT INTO rail_items (rail_id, position, article_id) VALUES (?, ?, ?)')
    // The rail's Last-Modified (ArticleStore.railLastChange): a new order or membership is a change of the rail.
    this.#touch = db.prepare('UPDATE rails SET updated_at = ? WHERE id = ?')
  }

  /** Replaces the rail's items with the published articles `slugs`, in that order; returns the new rail. */
  replaceItems (railSlug: string, slugs: string[], ctx: RailWriteContext): HeadlineRail {
    const rail = this.db.transaction((): HeadlineRail => {
      const railId = this.#railId.get(railSlug)
      const current = this.store.headlineRail(railSlug)
      if (railId === undefined || current === undefined) throw notFound('The headline rail has not been created')
      assertMatches(ctx.ifMatch, ctx.etagOf(current), 'The headline rail')
      const ids = slugs.map((slug) => this.#publishedId.get(slug))
      const unknown = slugs.filter((_, index) => ids[index] === undefined)
      if (unknown.length > 0) {
        throw new HttpProblem(422, `Not published articles, so they cannot be headlines: ${unknown.map((s) => `"${s}"`).join(', ')}`)
      }
      this.#clear.run(railId)
      ids.forEach((id, index) => { this.#add.run(railId, index + 1, id) })
      this.#touch.run(new Date().toISOString(), railId)
      const updated = this.store.headlineRail(railSlug)
      if (updated === undefined) throw new Error('rail vanished inside its transaction')
      return updated
    }).immediate()
    this.onCommit()
    return rail
  }
}
