// Owns rendering a feed page as RSS 2.0, with atom:link rel=self/first/next for paging; RFC 822 dates.
import type { FeedEntry, FeedPage } from './feed.js'
import { rightsStatement } from './rights.js'
import { escapeMarkup as x } from './text.js'

/** RFC 822 date-time (with a four-digit year, as RFC 1123 and every RSS reader use), always GMT. */
export const rfc822 = (iso: string): string => new Date(iso).toUTCString()

const atomLink = (rel: string, href: string): string =>
  `<atom:link rel="${rel}" href="${x(href)}" type="application/rss+xml"/>`

function renderItem (entry: FeedEntry): string {
  const lines = [
    `<title>${x(entry.title)}</title>`,
    `<link>${x(entry.url)}</link>`,
    `<guid isPermaLink="true">${x(entry.url)}</guid>`
  ]
  if (entry.summary !== null) lines.push(`<description>${x(entry.summary)}</description>`)
  // pubDate is optional in RSS: an undated story simply has none.
  if (entry.publishedAt !== null) lines.push(`<pubDate>${rfc822(entry.publishedAt)}</pubDate>`)
  for (const tag of entry.tags) lines.push(`<category>${x(tag.name)}</category>`)
  return `<item>\n    ${lines.join('\n    ')}\n  </item>`
}

export function renderRss (page: FeedPage): string {
  const head = [
    `<title>${x(page.title)}</title>`,
    `<link>${x(page.homeUrl)}</link>`,
    `<description>${x(page.description)}</description>`,
    '<language>en</language>',
    `<copyright>${x(rightsStatement(page.rights))}</copyright>`,
    '<generator>Newsdesk</generator>',
    '<docs>https://www.rssboard.org/rss-specification</docs>'
  ]
  if (page.updated !== null) head.push(`<lastBuildDate>${rfc822(page.updated)}</lastBuildDate>`)
  head.push(atomLink('self', page.selfUrl))
  if (page.firstUrl !== null) head.push(atomLink('first', page.firstUrl))
  if (page.nextUrl !== null) head.push(atomLink('next', page.nextUrl))
  return '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n  ' +
    `${head.join('\n  ')}\n  ${page.entries.map(renderItem).join('\n  ')}\n</channel>\n</rss>\n`
}
