// Owns the search language of `q`: words and "quoted phrases", all required; a trailing * makes a word a prefix.
// User text never reaches FTS5 as syntax: every term is emitted as a quoted FTS5 string, so operators such as
// AND, OR, NOT, NEAR, column filters or stray quotes are searched as plain words and cannot cause a syntax error.
import { badRequest } from '../http/errors.js'

const TERM = /"([^"]*)"?|(\S+)/gu
const WORD_CHARACTER = /[\p{L}\p{N}]/u
export const MAX_SEARCH_TERMS = 16

function quoted (text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** Turns the `q` parameter into an FTS5 MATCH expression; throws a 400 problem when it holds nothing searchable. */
export function toFtsQuery (q: string): string {
  const terms: string[] = []
  for (const match of q.matchAll(TERM)) {
    const phrase = match[1]
    if (phrase !== undefined) {
      if (WORD_CHARACTER.test(phrase)) terms.push(quoted(phrase.trim()))
      continue
    }
    const word = match[2] ?? ''
    const prefix = word.length > 1 && word.endsWith('*')
    const text = prefix ? word.replace(/\*+$/, '') : word
    if (!WORD_CHARACTER.test(text)) continue
    terms.push(prefix ? `${quoted(text)}*` : quoted(text))
  }
  if (terms.length === 0) throw badRequest('q has no searchable words: give at least one word of letters or digits')
  if (terms.length > MAX_SEARCH_TERMS) throw badRequest(`q has ${terms.length} terms; at most ${MAX_SEARCH_TERMS} are allowed`)
  return terms.join(' ')
}
