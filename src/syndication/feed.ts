// Owns the format-neutral feed model (a page of entries plus links and rights) that JSON Feed, Atom and RSS render.
import type { Article } from '../schemas/article.js'
import type { RightsConfig } from './rights.js'

export interface FeedEntry {
  /** Canonical article URL: also the entry id / guid. */
  url: string
  title: string
  summary: string | null
  /** Body paragraphs, plain text; empty when the story has no body text. */
  body: string[]
  tags: Array<{ slug: string, name: string }>
  publishedAt: string | null
  updatedAt: string | null
}

export interface FeedPage {
  /** Stable feed identifier: the feed's URL without paging parameters. */
  id: string
  title: string
  description: string
  /** The JSON resource the feed mirrors (GET /articles or GET /headlines). */
  homeUrl: string
  selfUrl: string
  /** First / next page (RFC 5005 paged feed); both null for a complete (unpaged) feed. */
  firstUrl: string | null
  nextUrl: string | null
  complete: boolean
  /**
   * Feed-level "last updated": the newest date known for any entry of the page, else the newest date of any
   * published article, else null (nothing in the store has a date). Atom also uses it for undated entries.
   */
  updated: string | null
  entries: FeedEntry[]
  rights: RightsConfig
}

/** Used for Atom's required `updated` only when no article in the store has any date. */
export const UNKNOWN_DATE = '1970-01-01T00:00:00.000Z'

export const toFeedEntry = (article: Article): FeedEntry => ({
  url: article.url,
  title: article.title,
  summary: article.summary,
  body: article.body,
  tags: article.tags,
  publishedAt: article.publishedAt,
  updatedAt: article.updatedAt
})

/** The newest known date of the entries (update time, else publication time), else `fallback`. */
export function newestKnownDate (entries: FeedEntry[], fallback: string | null): string | null {
  let newest: string | null = null
  for (const entry of entries) {
    const date = entry.updatedAt ?? entry.publishedAt
    if (date !== null && (newest === null || Date.parse(date) > Date.parse(newest))) newest = date
  }
  return newest ?? fallback
}
