// Owns rendering a feed page as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), rights in a `_rights` extension.
import type { JsonFeed, JsonFeedItem } from '../schemas/feed.js'
import type { FeedEntry, FeedPage } from './feed.js'
import { bodyHtml, bodyText } from './text.js'

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

function toItem (entry: FeedEntry): JsonFeedItem {
  const item: JsonFeedItem = { id: entry.url, url: entry.url, title: entry.title, content_text: '' }
  if (entry.summary !== null) item.summary = entry.summary
  // Every item needs content_html or content_text: the body when there is one, else the standfirst, else "".
  if (entry.body.length > 0) {
    item.content_html = bodyHtml(entry.body)
    item.content_text = bodyText(entry.body)
  } else {
    item.content_text = entry.summary ?? ''
  }
  if (entry.publishedAt !== null) item.date_published = entry.publishedAt
  if (entry.updatedAt !== null) item.date_modified = entry.updatedAt
  if (entry.tags.length > 0) item.tags = entry.tags.map((tag) => tag.name)
  return item
}

export function renderJsonFeed (page: FeedPage, docsUrl: string): JsonFeed {
  const feed: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: page.title,
    home_page_url: page.homeUrl,
    feed_url: page.selfUrl,
    description: page.description,
    language: 'en',
    _rights: {
      about: docsUrl,
      copyright_holder: page.rights.copyrightHolder,
      usage_terms: page.rights.usageTerms
    },
    items: page.entries.map(toItem)
  }
  if (page.rights.licenseUrl !== null) feed._rights.license_url = page.rights.licenseUrl
  if (page.nextUrl !== null) feed.next_url = page.nextUrl
  return feed
}
