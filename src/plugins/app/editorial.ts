// Owns the editorial writers (articles, headline rails): one of each per app, bumping the content version after commits.
import fp from 'fastify-plugin'
import { ArticleWriter } from '../../db/article-writer.js'
import { HeadlineWriter } from '../../db/headline-writer.js'

declare module 'fastify' {
  interface FastifyInstance { articleWriter: ArticleWriter, headlineWriter: HeadlineWriter }
}

export default fp<{ publicUrl: string }>(async (app, options) => {
  const bump = (): void => { app.contentVersion.bump() }
  app.decorate('articleWriter', new ArticleWriter(app.db, options.publicUrl, bump))
  app.decorate('headlineWriter', new HeadlineWriter(app.db, app.articles, bump))
}, { name: 'editorial', dependencies: ['database', 'content-store', 'content-version'] })
