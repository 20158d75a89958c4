// Owns the content store decorations: one ArticleStore and one TaxonomyStore (prepared statements) per app.
import fp from 'fastify-plugin'
import { ArticleStore } from '../../db/article-store.js'
import { TaxonomyStore } from '../../db/taxonomy-store.js'

declare module 'fastify' {
  interface FastifyInstance { articles: ArticleStore, taxonomy: TaxonomyStore }
}

export default fp<{ publicUrl: string }>(async (app, options) => {
  // The content-version plugin registers after this one; the getter reads it per call (0 until it exists).
  app.decorate('articles', new ArticleStore(app.db, options.publicUrl, () => app.contentVersion?.value ?? 0))
  app.decorate('taxonomy', new TaxonomyStore(app.db))
}, { name: 'content-store', dependencies: ['database'] })
