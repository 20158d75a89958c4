// Owns the mapping of an Article to an IPTC ninjs 2.1 news item (pure: data in, document out).
import type { Article } from '../schemas/article.js'
import type { NinjsItem } from '../schemas/ninjs.js'
import { bodyHtml, bodyText, placeLine } from './text.js'
import type { RightsConfig } from './rights.js'

export interface VersionedArticle extends Article { version: number }

export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json'

export function toNinjs (article: VersionedArticle, rights: RightsConfig): NinjsItem {
  const item: NinjsItem = {
    uri: article.url,
    type: 'text',
    representationtype: 'full',
    version: String(article.version),
    pubstatus: 'usable',
    language: 'en',
    slugline: article.slug,
    headlines: [{ role: 'main', contenttype: 'text/plain', value: article.title }],
    copyrightholder: rights.copyrightHolder,
    copyrightnotice: `© ${rights.copyrightHolder}`,
    usageterms: rights.usageTerms,
    standard: { name: 'ninjs', version: '2.1', schema: NINJS_SCHEMA_URI }
  }
  if (article.publishedAt !== null) item.firstcreated = article.publishedAt
  if (article.updatedAt !== null) item.versioncreated = article.updatedAt
  if (article.summary !== null) item.descriptions = [{ role: 'summary', contenttype: 'text/plain', value: article.summary }]
  if (article.body.length > 0) {
    item.bodies = [
      { role: 'main', contenttype: 'text/html', value: bodyHtml(article.body) },
      { role: 'main', contenttype: 'text/plain', value: bodyText(article.body) }
    ]
  }
  if (article.tags.length > 0) item.subjects = article.tags.map((tag) => ({ name: tag.name, literal: tag.slug }))
  if (article.place !== null) {
    item.places = [{ name: article.place.name }]
    item.located = placeLine(article.place)
  }
  if (rights.licenseUrl !== null) item.rightsinfo = { linkedrights: rights.licenseUrl }
  return item
}
