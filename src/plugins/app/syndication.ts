// Owns the syndication decoration: the configured rights statement, the syndication store and the ninjs mapping.
import fp from 'fastify-plugin'
import { SyndicationStore } from '../../db/syndication-store.js'
import type { Article } from '../../schemas/article.js'
import type { NinjsItem } from '../../schemas/ninjs.js'
import { toNinjs } from '../../syndication/ninjs.js'
import type { RightsConfig } from '../../syndication/rights.js'

export interface Syndication {
  rights: RightsConfig
  store: SyndicationStore
  /** The article as a ninjs 2.1 item, with its stored revision number. */
  ninjs: (article: Article) => NinjsItem
  /** The article's JSON representation (GET /articles/{slug}, and what writes answer): the article and its rights. */
  represent: (article: Article) => Article & { rights: RightsConfig }
}

declare module 'fastify' {
  interface FastifyInstance { syndication: Syndication }
}

export default fp<{ rights: RightsConfig }>(async (app, { rights }) => {
  const store = new SyndicationStore(app.db)
  app.decorate('syndication', {
    rights,
    store,
    ninjs: (article: Article) => toNinjs({ ...article, version: store.articleVersion(article.slug) ?? 1 }, rights),
    represent: (article: Article) => ({ ...article, rights })
  })
}, { name: 'syndication', dependencies: ['database'] })
