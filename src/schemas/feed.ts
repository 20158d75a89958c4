// Owns the feed schemas: JSON Feed 1.1 (with our `_rights` extension) and the Atom / RSS media types.
import { Type, type Static } from 'typebox'
import { EXAMPLE_BASE_URL, exampleArticle } from './examples.js'
import { AbsoluteUrl, ref, Timestamp } from './shared.js'
import { DEFAULT_RIGHTS } from '../syndication/rights.js'

export const FEED_MEDIA_TYPES = {
  json: 'application/feed+json',
  atom: 'application/atom+xml',
  rss: 'application/rss+xml'
} as const
export type FeedFormat = keyof typeof FEED_MEDIA_TYPES

const closed = { additionalProperties: false } as const

const exampleItem = {
  id: exampleArticle.url,
  url: exampleArticle.url,
  title: exampleArticle.title,
  summary: exampleArticle.summary,
  content_text: exampleArticle.body.join('\n\n'),
  date_published: exampleArticle.publishedAt,
  date_modified: exampleArticle.updatedAt,
  tags: exampleArticle.tags.map((tag) => tag.name)
}

export const JsonFeedItem = Type.Object({
  id: Type.String({ description: 'The canonical article URL' }),
  url: AbsoluteUrl,
  title: Type.String(),
  summary: Type.Optional(Type.String({ description: 'The standfirst, when the story has one' })),
  content_html: Type.Optional(Type.String({ description: 'The body as HTML, one <p> per paragraph; absent without body text' })),
  content_text: Type.String({ description: 'The body as plain text; without body text, the standfirst, else an empty string' }),
  date_published: Type.Optional({ ...Timestamp, description: 'RFC 3339; absent when unknown' }),
  date_modified: Type.Optional({ ...Timestamp, description: 'RFC 3339; absent when unknown' }),
  tags: Type.Optional(Type.Array(Type.String()))
}, { ...closed, $id: 'JsonFeedItem', title: 'JsonFeedItem', description: 'One JSON Feed 1.1 item', examples: [exampleItem] })
export type JsonFeedItem = Static<typeof JsonFeedItem>


export const JsonFeed = Type.Object({
  version: Type.Literal('https://jsonfeed.org/version/1.1'),
  title: Type.String(),
  home_page_url: { ...AbsoluteUrl, description: 'The JSON resource this feed mirrors' },
  feed_url: { ...AbsoluteUrl, description: 'This page of the feed' },
  next_url: Type.Optional({ ...AbsoluteUrl, description: 'The next page; absent on the last page' }),
  description: Type.String(),
  language: Type.String(),
  _rights: Type.Object({
    about: { ...AbsoluteUrl, description: 'Where this extension is documented (the API docs)' },
    copyright_holder: Type.String(),
    usage_terms: Type.String(),
    license_url: Type.Optional({ ...AbsoluteUrl, description: 'Present when RIGHTS_LICENSE_URL is configured' })
  }, { ...closed, description: 'Rights extension (JSON Feed custom object: names starting with "_" are ignored by readers that do not know them)' }),
  items: Type.Array(ref(JsonFeedItem))
}, {
  ...closed,
  $id: 'JsonFeed',
  title: 'JsonFeed',
  description: 'A JSON Feed 1.1 document (application/feed+json)',
  examples: [{
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Newsdesk: latest articles',
    home_page_url: `${EXAMPLE_BASE_URL}/articles`,
    feed_url: `${EXAMPLE_BASE_URL}/feeds/articles.json?limit=1`,
    next_url: `${EXAMPLE_BASE_URL}/feeds/articles.json?limit=1&cursor=WyIyMDIwLTAxLTI4VDAwOjAwOjAwLjAwMFoiLDFd`,
    description: 'The newest published articles, newest first; undated stories last',
    language: 'en',
    _rights: { about: `${EXAMPLE_BASE_URL}/docs`, copyright_holder: DEFAULT_RIGHTS.copyrightHolder, usage_terms: DEFAULT_RIGHTS.usageTerms },
    items: [exampleItem]
  }]
})
export type JsonFeed = Static<typeof JsonFeed>
