// Owns rendering a feed page as an Atom 1.0 document (RFC 4287), with RFC 5005 paging links or fh:complete.
import { NINJS_MEDIA_TYPE } from '../schemas/ninjs.js'
import { UNKNOWN_DATE, type FeedEntry, type FeedPage } from './feed.js'
import { rightsStatement } from './rights.js'
import { bodyHtml, escapeMarkup as x } from './text.js'

const link = (rel: string, href: string, type?: string): string =>
  `<link rel="${rel}" href="${x(href)}"${type === undefined ? '' : ` type="${type}"`}/>`

function renderEntry (entry: FeedEntry, feedUpdated: string): string {
  const lines = [
    `<id>${x(entry.url)}</id>`,
    `<title type="text">${x(entry.title)}</title>`,
    // Atom requires `updated`; an undated story gets the feed's date (documented: not the story's own date).
    `<updated>${entry.updatedAt ?? entry.publishedAt ?? feedUpdated}</updated>`
  ]
  if (entry.publishedAt !== null) lines.push(`<published>${entry.publishedAt}</published>`)
  lines.push(link('alternate', entry.url, 'application/json'))
  lines.push(link('alternate', `${entry.url}?format=ninjs`, NINJS_MEDIA_TYPE))
  for (const tag of entry.tags) lines.push(`<category term="${x(tag.slug)}" label="${x(tag.name)}"/>`)
  if (entry.summary !== null) lines.push(`<summary type="text">${x(entry.summary)}</summary>`)
  if (entry.body.length > 0) lines.push(`<content type="html">${x(bodyHtml(entry.body))}</content>`)
  return `<entry>\n  ${lines.join('\n  ')}\n</entry>`
}

export function renderAtom (page: FeedPage): string {
  const updated = page.updated ?? UNKNOWN_DATE
  const head = [
    `<id>${x(page.id)}</id>`,
    `<title type="text">${x(page.title)}</title>`,
    `<subtitle type="text">${x(page.description)}</subtitle>`,
    `<updated>${updated}</updated>`,
    // The data names no authors; Atom requires one, so the feed names the copyright holder (documented).
    `<author><name>${x(page.rights.copyrightHolder)}</name></author>`,
    `<rights type="text">${x(rightsStatement(page.rights))}</rights>`,
    '<generator>Newsdesk</generator>',
    link('self', page.selfUrl, 'application/atom+xml'),
    link('alternate', page.homeUrl, 'application/json')
  ]
  if (page.firstUrl !== null) head.push(link('first', page.firstUrl, 'application/atom+xml'))
  if (page.nextUrl !== null) head.push(link('next', page.nextUrl, 'application/atom+xml'))
  if (page.rights.licenseUrl !== null) head.push(link('license', page.rights.licenseUrl))
  if (page.complete) head.push('<fh:complete/>')
  return '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0" xml:lang="en">\n' +
    `${head.join('\n')}\n${page.entries.map((entry) => renderEntry(entry, updated)).join('\n')}\n</feed>\n`
}
