// Owns the content store decoration: one ArticleStore (prepared statements) per app.
import fp from 'fastify-plugin'
import { ArticleStore } from '../../db/article-store.js'

declare module 'fastify' {
  interface FastifyInstance { articles: ArticleStore }
}

export default fp<{ publicUrl: string }>(async (app, options) => {
  app.decorate('articles', new ArticleStore(app.db, options.publicUrl))
}, { name: 'content-store', dependencies: ['database'] })
