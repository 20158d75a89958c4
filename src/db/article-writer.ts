// Owns the SQL of editorial article writes: create, merge-patch update, unpublish, slug redirects and revisions.
// Every write is one IMMEDIATE transaction that re-checks the If-Match precondition inside it.
import type { Db } from './connection.js'
import type { Article } from '../schemas/article.js'
import type { ArticleCreate, ArticlePatch, ArticleRevision, ArticleRevisionList } from '../schemas/article-write.js'
import { SLUG_PATTERN, slugify } from '../content/slug.js'
import { HttpProblem, notFound } from '../http/errors.js'
import { assertMatches } from '../http/preconditions.js'
import { givenPublicationTime, mergePlace, nextTimestamp, placeColumns } from '../content/article-fields.js'

export type ArticleStatus = 'draft' | 'published' | 'unpublished'

/** Who writes, and how to compute the ETag of an Article exactly as GET /articles/:slug serializes it. */
export interface WriteContext { author: string, etagOf: (article: Article) => string, ifMatch?: string[] }

interface Row {
  id: number, slug: string, title: string, summary: string | null, body: string, status: ArticleStatus,
  place_name: string | null, place_region: string | null, place_country: string | null,
  published_at: string | null, updated_at: string | null, version: number, section_id: number, section_slug: string, section_name: string
}
interface RevisionRow { version: number, status: ArticleStatus, snapshot: string, changed_fields: string, change_note: string, recorded_at: string }
interface Stored { article: Article, row: Row }

/** What a public read of a slug that is not a published article's current slug should answer. */
export type SlugFate = { kind: 'moved', slug: string } | { kind: 'gone' } | undefined

const ROW = `SELECT a.id, a.slug, a.title, a.summary, a.body, a.status, a.place_name, a.place_region, a.place_country,
  a.published_at, a.updated_at, a.version, a.section_id, s.slug AS section_slug, s.name AS section_name
  FROM articles a JOIN sections s ON s.id = a.section_id`
const REPRESENTED_FIELDS = ['slug', 'title', 'summary', 'body', 'section', 'tags', 'place', 'publishedAt'] as const
const slugPattern = new RegExp(SLUG_PATTERN)

/** Thrown inside an update transaction to roll it back when the patch changes nothing. */
class NoChange extends Error {
  constructor (readonly article: Article) { super('no change') }
}

const conflict = (detail: string): HttpProblem => new HttpProblem(409, detail)
const gone = (slug: string): HttpProblem => new HttpProblem(410, `The article "${slug}" has been unpublished`)

export class ArticleWriter {
  readonly #db: Db
  readonly #s

  constructor (db: Db, private readonly publicUrl: string, private readonly onCommit: () => void) {
    this.#db = db
    this.#s = {
      bySlug: db.prepare<[string], Row>(`${ROW} WHERE a.slug = ?`),
      byId: db.prepare<[number], Row>(`${ROW} WHERE a.id = ?`),
      redirect: db.prepare<[string], { slug: string, status: ArticleStatus }>(
        'SELECT a.slug, a.status FROM slug_redirects r JOIN articles a ON a.id = r.article_id WHERE r.old_slug = ?'),
      slugOwners: db.prepare<[string, string], number>(
        'SELECT article_id FROM slug_redirects WHERE old_slug = ? UNION SELECT id FROM articles WHERE slug = ?').pluck(),
      sectionId: db.prepare<[string], number>('SELECT id FROM sections WHERE slug = ?').pluck(),
      tagsOf: db.prepare<[number], { slug: string, name: string }>(
        'SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position'),
      insertTag: db.prepare('INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING'),
      tagId: db.prepare<[string], number>('SELECT id FROM tags WHERE slug = ?').pluck(),
      clearTags: db.prepare('DELETE FROM article_tags WHERE article_id = ?'),
      addTag: db.prepare('INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)'),
      insert: db.prepare<[Record<string, unknown>], { id: number }>(`
        INSERT INTO articles (slug, title, summary, body, section_id, place_name, place_region, place_country, status, published_at, updated_at, version)
        VALUES (@slug, @title, @summary, @body, @sectionId, @placeName, @placeRegion, @placeCountry, @status, @publishedAt, @updatedAt, 1)
        RETURNING id`),
      update: db.prepare(`
        UPDATE articles SET slug = @slug, title = @title, summary = @summary, body = @body, section_id = @sectionId,
          place_name = @placeName, place_region = @placeRegion, place_country = @placeCountry, status = @status,
          published_at = @publishedAt, updated_at = @updatedAt, version = version + 1
        WHERE id = @id AND version = @version`),
      unpublish: db.prepare(`UPDATE articles SET status = 'unpublished', updated_at = ?, version = version + 1
        WHERE id = ? AND version = ?`),
      addRedirect: db.prepare('INSERT INTO slug_redirects (old_slug, article_id, created_at) VALUES (?, ?, ?)'),
      dropRedirect: db.prepare('DELETE FROM slug_redirects WHERE old_slug = ? AND article_id = ?'),
      addRevision: db.prepare(`
        INSERT INTO article_revisions (article_id, version, status, snapshot, changed_fields, change_note, author, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      revisionsOf: db.prepare<[number], RevisionRow>(
        'SELECT version, status, snapshot, changed_fields, change_note, recorded_at FROM article_revisions WHERE article_id = ? ORDER BY version DESC'),
      railsOf: db.prepare<[number], number>('SELECT DISTINCT rail_id FROM rail_items WHERE article_id = ?').pluck(),
      railArticles: db.prepare<[number], number>('SELECT article_id FROM rail_items WHERE rail_id = ? ORDER BY position').pluck(),
      clearRail: db.prepare('DELETE FROM rail_items WHERE rail_id = ?'),
      addRailItem: db.prepare('INSERT INTO rail_items (rail_id, position, article_id) VALUES (?, ?, ?)')
    }
  }

  /** For public reads: an old slug of a published article moves (301), an unpublished one is gone (410), drafts 404. */
  fateOf (slug: string): SlugFate {
    const current = this.#s.bySlug.get(slug)
    const target = current ?? this.#s.redirect.get(slug)
    if (target === undefined || target.status === 'draft') return undefined
    if (target.status === 'unpublished') return { kind: 'gone' }
    return current === undefined ? { kind: 'moved', slug: target.slug } : undefined
  }

  /** A draft at its current slug, as GET /articles/:slug would serve it once published; undefined for anything else. */
  draft (slug: string): Article | undefined {
    const row = this.#s.bySlug.get(slug)
    return row?.status === 'draft' ? this.#load(row).article : undefined
  }

  // The context is unused for now: a creation records no revision, so its author is not stored.
  create (input: ArticleCreate, _ctx: WriteContext): Article {
    return this.#write(() => {
      const slug = input.slug ?? slugify(input.title)
      if (!slugPattern.test(slug)) throw new HttpProblem(400, 'The title yields no usable slug; send a slug')
      this.#assertSlugFree(slug, null)
      const status = input.status ?? 'draft'
      const now = new Date().toISOString()
      const { id } = this.#s.insert.get({
        slug,
        title: input.title,
        summary: input.summary ?? null,
        body: JSON.stringify(input.body ?? []),
        sectionId: this.#sectionId(input.section),
        ...placeColumns(input.place ?? null),
        status,
        publishedAt: givenPublicationTime(input.publishedAt) ?? (status === 'published' ? now : null),
        updatedAt: now
      }) as { id: number }
      this.#setTags(id, input.tags ?? [])
      return this.#load(this.#s.byId.get(id)).article
    })
  }

  /** Applies a merge patch; a patch that changes nothing is not a write (same representation, same ETag). */
  update (slug: string, patch: ArticlePatch, ctx: WriteContext): Article {
    try {
      return this.#update(slug, patch, ctx)
    } catch (error) {
      if (error instanceof NoChange) return error.article
      throw error
    }
  }

  #update (slug: string, patch: ArticlePatch, ctx: WriteContext): Article {
    return this.#write(() => {
      const before = this.#forWrite(slug, ctx)
      const { row } = before
      if (patch.status === 'draft' && row.status === 'published') {
        throw conflict('A published article cannot go back to draft; unpublish it with DELETE')
      }
      const newSlug = patch.slug ?? row.slug
      const status = patch.status ?? row.status
      const place = mergePlace(before.article.place, patch.place)
      const now = nextTimestamp(row.updated_at)
      const publishedAt = givenPublicationTime(patch.publishedAt) ?? row.published_at ?? (status === 'published' && row.status !== 'published' ? now : null)
      const next = {
        id: row.id,
        version: row.version,
        slug: newSlug,
        title: patch.title ?? row.title,
        summary: patch.summary === undefined ? row.summary : patch.summary,
        body: patch.body === undefined ? row.body : JSON.stringify(patch.body),
        sectionId: patch.section === undefined ? row.section_id : this.#sectionId(patch.section),
        ...placeColumns(place),
        status,
        publishedAt,
        updatedAt: now
      }
      if (newSlug !== row.slug) {
        this.#assertSlugFree(newSlug, row.id)
        this.#s.dropRedirect.run(newSlug, row.id)
        this.#s.addRedirect.run(row.slug, row.id, now)
      }
      if (this.#s.update.run(next).changes !== 1) throw new HttpProblem(412, `The article "${slug}" changed concurrently; GET it again`)
      if (patch.tags !== undefined) this.#setTags(row.id, patch.tags)
      const after = this.#load(this.#s.byId.get(row.id))
      const changed: string[] = REPRESENTED_FIELDS.filter((field) =>
        JSON.stringify(before.article[field]) !== JSON.stringify(after.article[field]))
      if (status !== row.status) changed.push('status')
      // Nothing visible changed: roll back, so a no-op patch is not a new version.
      if (changed.length === 0) throw new NoChange(before.article)
      this.#recordRevision(before, changed, patch.changeNote, ctx.author, now)
      return after.article
    })
  }

  /** Unpublishes: the row stays (status 'unpublished'), leaves lists and rails, its slug answers 410. */
  unpublish (slug: string, changeNote: string, ctx: WriteContext): void {
    this.#write(() => {
      const before = this.#forWrite(slug, ctx)
      const { row } = before
      if (row.status === 'draft') throw conflict('A draft is not public; there is nothing to unpublish')
      const now = nextTimestamp(row.updated_at)
      if (this.#s.unpublish.run(now, row.id, row.version).changes !== 1) throw new HttpProblem(412, `The article "${slug}" changed concurrently; GET it again`)
      for (const railId of this.#s.railsOf.all(row.id)) {
        const remaining = this.#s.railArticles.all(railId).filter((id) => id !== row.id)
        this.#s.clearRail.run(railId)
        remaining.forEach((articleId, index) => { this.#s.addRailItem.run(railId, index + 1, articleId) })
      }
      this.#recordRevision(before, ['status'], changeNote, ctx.author, now)
    })
  }

  /** Public revision history of a published article. */
  revisions (slug: string): ArticleRevisionList | SlugFate {
    const row = this.#s.bySlug.get(slug)
    if (row === undefined || row.status !== 'published') return this.fateOf(slug)
    return {
      slug: row.slug,
      version: row.version,
      items: this.#s.revisionsOf.all(row.id).map((revision): ArticleRevision => ({
        version: revision.version,
        status: revision.status,
        recordedAt: revision.recorded_at,
        changeNote: revision.change_note,
        changedFields: JSON.parse(revision.changed_fields) as string[],
        // Only versions that were public are shown; a draft's text was never published.
        snapshot: revision.status === 'published' ? JSON.parse(revision.snapshot) as Article : null
      }))
    }
  }

  /** Runs `work` in one IMMEDIATE transaction (rolled back on any throw) and bumps the content version after commit. */
  #write<T> (work: () => T): T {
    const result = this.#db.transaction(work).immediate()
    this.onCommit()
    return result
  }

  /** The article at its current slug, checked against If-Match inside the transaction. */
  #forWrite (slug: string, ctx: WriteContext): Stored {
    const row = this.#s.bySlug.get(slug)
    if (row === undefined) {
      const moved = this.#s.redirect.get(slug)
      throw notFound(moved === undefined
        ? `No article has the slug "${slug}"`
        : `"${slug}" is a former slug; write to the article at its current slug "${moved.slug}"`)
    }
    if (row.status === 'unpublished') throw gone(slug)
    const stored = this.#load(row)
    assertMatches(ctx.ifMatch ?? [], ctx.etagOf(stored.article), `The article "${slug}"`)
    return stored
  }

  #assertSlugFree (slug: string, articleId: number | null): void {
    const owners = this.#s.slugOwners.all(slug, slug)
    if (owners.some((owner) => owner !== articleId)) {
      throw conflict(`The slug "${slug}" is already used by another article (or was, and still redirects there)`)
    }
  }

  #sectionId (slug: string): number {
    const id = this.#s.sectionId.get(slug)
    if (id === undefined) throw new HttpProblem(422, `No section has the slug "${slug}"; sections cannot be created through the API`)
    return id
  }

  #setTags (articleId: number, names: string[]): void {
    this.#s.clearTags.run(articleId)
    const seen = new Set<string>()
    for (const name of names) {
      const slug = slugify(name)
      if (slug === '') throw new HttpProblem(400, `The tag "${name}" yields an empty slug`)
      if (seen.has(slug)) continue
      seen.add(slug)
      this.#s.insertTag.run(slug, name.trim())
      this.#s.addTag.run(articleId, this.#s.tagId.get(slug), seen.size)
    }
  }

  #recordRevision (before: Stored, changed: string[], note: string, author: string, at: string): void {
    this.#s.addRevision.run(before.row.id, before.row.version, before.row.status, JSON.stringify(before.article),
      JSON.stringify(changed), note, author, at)
  }

  #load (row: Row | undefined): Stored {
    if (row === undefined) throw new Error('article row vanished inside its transaction')
    return {
      row,
      article: {
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        section: { slug: row.section_slug, name: row.section_name },
        publishedAt: row.published_at,
        url: `${this.publicUrl}/articles/${row.slug}`,
        body: JSON.parse(row.body) as string[],
        tags: this.#s.tagsOf.all(row.id),
        place: row.place_name === null ? null : { name: row.place_name, region: row.place_region ?? '', country: row.place_country ?? '' },
        updatedAt: row.updated_at
      }
    }
  }
}
