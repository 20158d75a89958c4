// Owns the OpenAPI 3.1 document (generated from route schemas by @fastify/swagger) and Swagger UI at /docs.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { SECURITY_SCHEMES } from '../app/api-keys.js'

/**
 * Swagger UI's static files (swagger-ui-dist, logo) stay in its package folder while the server bundle inlines the
 * plugin's code (scripts/bundle-server.mjs), so it is told where they are instead of finding them next to itself.
 */
const SWAGGER_UI_STATIC = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static')

export interface SwaggerOptions { publicUrl: string, version: string }

export default fp<SwaggerOptions>(async (app, options) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Newsdesk content API',
        version: options.version,
        description: 'Read articles, article lists and the "More No Comment" headline rail as JSON; syndicate articles ' +
          'as IPTC ninjs 2.1 and the newest articles and the rail as JSON Feed 1.1, Atom and RSS 2.0. ' +
          'Editors create, change and unpublish articles and reorder the rail with an API key (use Authorize); ' +
          'changes need If-Match with the current ETag. ' +
          'Responses are rate limited (RateLimit-* headers); an optional partner API key raises the limit. ' +
          'Errors are RFC 9457 problem documents (application/problem+json).\n\n' +
          'Every GET 200 carries a strong ETag (hash of the body bytes; compressed bodies get "-br" / "-gzip" tags), ' +
          'Last-Modified when known, news Cache-Control and Surrogate-Key / Cache-Tag purge keys; send If-None-Match ' +
          'or If-Modified-Since to get 304 Not Modified. Larger bodies (1 KiB by default) are br/gzip-compressed per Accept-Encoding. ' +
          'CORS is enabled for browser apps.'
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          [SECURITY_SCHEMES.bearer]: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key sent as `Authorization: Bearer <key>`. Create one with `npm run keys -- create --name <name>`.'
          },
          [SECURITY_SCHEMES.header]: {
            type: 'apiKey',
            in: 'header',
            name: 'X-API-Key',
            description: 'The same API key sent as `X-API-Key: <key>`.'
          }
        }
      },
      tags: [
        { name: 'articles', description: 'Articles and article lists' },
        { name: 'headlines', description: 'Curated headline rails' },
        { name: 'navigation', description: 'Sections and tags with article counts' },
        { name: 'feeds', description: 'Syndication feeds (JSON Feed 1.1, Atom, RSS 2.0); an optional partner key raises the rate limit' },
        { name: 'health', description: 'Liveness and readiness for orchestrators and load balancers (never rate limited)' }
      ]
    },
    // Name components after each schema's $id (Article, Problem, ...) instead of def-0, def-1, ...
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    }
  })
  // The docs change only with a deploy: brief caching, no news/CDN directives. The hook lives in an encapsulated
  // scope so it covers Swagger UI's page and its static files, and nothing else.
  await app.register(async (docs) => {
    docs.addHook('onRequest', async (_request, reply) => { reply.setCachePolicy('docs') })
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      baseDir: SWAGGER_UI_STATIC,
      logo: { type: 'image/svg+xml', content: readFileSync(join(SWAGGER_UI_STATIC, 'logo.svg')) },
      // No validator badge: it is an image from validator.swagger.io, which the CSP (img-src 'self' data:) refuses.
      uiConfig: { deepLinking: true, defaultModelsExpandDepth: 1, persistAuthorization: true, validatorUrl: null }
    })
  })
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.setCachePolicy('docs')
    return app.swagger()
  })
}, { name: 'swagger', dependencies: ['http-caching'] })
