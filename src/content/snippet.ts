// Owns search snippets as served: HTML-escaped text in which <mark>…</mark> around matched words is the only markup.
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../db/article-list-sql.js'

export const MARK_OPEN = '<mark>'
export const MARK_CLOSE = '</mark>'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/** FTS5 snippet text (with private-use markers) -> safe HTML fragment: escape &, <, > first, then add <mark>. */
export function snippetHtml (raw: string): string {
  return raw
    .replace(/[&<>]/g, (character) => ESCAPES[character] ?? character)
    .replaceAll(SNIPPET_OPEN, MARK_OPEN)
    .replaceAll(SNIPPET_CLOSE, MARK_CLOSE)
}
