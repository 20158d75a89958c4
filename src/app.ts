// Owns the application factory: buildApp(options) wires plugins, schemas and routes; used by the server and the tests.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { readFileSync } from 'node:fs'
import database from './plugins/app/database.js'
import contentStore from './plugins/app/content-store.js'
import apiKeys from './plugins/app/api-keys.js'
import contentVersion from './plugins/app/content-version.js'
import editorial from './plugins/app/editorial.js'
import problemDetails from './plugins/app/problem-details.js'
import httpCaching from './plugins/app/http-caching.js'
import cors, { corsHeadersFor } from './plugins/external/cors.js'
import syndication from './plugins/app/syndication.js'
import swagger from './plugins/external/swagger.js'
import helmet, { helmetOptions, securityHeaders } from './plugins/external/helmet.js'
import requestGuards from './plugins/app/request-guards.js'
import healthRoutes from './routes/health/index.js'
import { connectionsCheckingIntervalMs, DEFAULT_SERVER_LIMITS, type ServerLimits } from './http/server-limits.js'
import { buildPartAwareValidator } from './http/validation.js'
import { requestIdOf } from './http/request-id.js'
import { clientErrorAnswerer } from './http/client-errors.js'
import { frameworkErrorAnswerer } from './http/framework-errors.js'
import rateLimitPlugin, { anonymousLimit, DEFAULT_RATE_LIMIT, type RateLimitConfig } from './plugins/external/rate-limit.js'
import { RateWindows } from './http/rate-windows.js'
import feedRoutes from './routes/feeds/index.js'
import { DEFAULT_RIGHTS, type RightsConfig } from './syndication/rights.js'
import articleRoutes from './routes/articles/index.js'
import headlineRoutes from './routes/headlines/index.js'
import taxonomyRoutes from './routes/taxonomy/index.js'
import readerRoutes from './routes/reader/index.js'
import { DEFAULT_CACHE_CONTROL, DEFAULT_COMPRESSION_THRESHOLD, DEFAULT_RESPONSE_CACHE_BYTES, DEFAULT_RESPONSE_CACHE_ENTRIES } from './config.js'
import type { CacheControlSettings } from './http/cache-control.js'
import articleWriteRoutes from './routes/articles/write.js'
import articleRevisionRoutes from './routes/articles/revisions.js'
import headlineWriteRoutes from './routes/headlines/write.js'
import { componentSchemas } from './schemas/index.js'
import { PROJECT_ROOT } from './project-root.js'
import { schemaCompilers, type SchemaCompilation } from './http/lazy-schema-compilers.js'
import { AccessLog } from './http/access-log.js'
import { EarlyReplies } from './http/early-replies.js'

export interface BuildAppOptions {
  databasePath: string
  /** SQLite page cache in MiB (SQLITE_CACHE_MB); SQLite's 2 MiB default when absent. */
  sqliteCacheMiB?: number
  /** Absolute base URL for links, without trailing slash. */
  publicUrl: string
  seedIfEmpty?: boolean
  logger?: FastifyServerOptions['logger']
  /** One info line per finished request (default true); errors are logged either way. */
  accessLog?: boolean
  /** '*' (default) or the exact origins browser apps may call from. */
  corsOrigins?: '*' | string[]
  /** Cache-Control of API reads; defaults to DEFAULT_CACHE_CONTROL. */
  cacheControl?: CacheControlSettings
  /** Compress bodies of at least this many bytes; defaults to DEFAULT_COMPRESSION_THRESHOLD. */
  compressionThreshold?: number
  /** In-memory cache of finished GET responses, invalidated by every write; defaults to DEFAULT_RESPONSE_CACHE_ENTRIES. */
  responseCacheEntries?: number
  /** ...holding at most this many bytes of bodies; defaults to DEFAULT_RESPONSE_CACHE_BYTES (64 MiB). */
  responseCacheBytes?: number
  /** How often (ms) to notice writes made by other processes on the same database file; default 1000, 0 = never. */
  externalChangePollMs?: number
  /** Copyright holder, usage terms and licence link for syndicated content; defaults to DEFAULT_RIGHTS. */
  rights?: RightsConfig
  /** Per-key / per-IP limits; defaults to DEFAULT_RATE_LIMIT (enabled). */
  rateLimit?: RateLimitConfig
  /** Body, URL and header size limits and server timeouts; defaults to DEFAULT_SERVER_LIMITS. */
  serverLimits?: ServerLimits
  /** Compile route schemas on first use ('lazy', default: fast start-up) or all at ready ('eager'). */
  schemaCompilation?: SchemaCompilation
}

const { version } = JSON.parse(readFileSync(new URL('package.json', PROJECT_ROOT), 'utf8')) as { version: string }

export async function buildApp (options: BuildAppOptions): Promise<FastifyInstance> {
  const limits = options.serverLimits ?? DEFAULT_SERVER_LIMITS
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT
  const corsOrigins = options.corsOrigins ?? '*'
  const accessLog = options.accessLog ?? true
  // The headers the CORS plugin adds to a simple request, for the answers given before its hook runs.
  const corsHeaders = corsHeadersFor(corsOrigins)
  // helmet's headers, computed once: every request gets them (plugins/external/helmet.ts), router answers too; HSTS
  // only when the public URL is https.
  const security = securityHeaders(helmetOptions(options.publicUrl))
  // The rate limiter's counters, shared by its plugin and the early replies, which count anonymous cache hits in them.
  const rateWindows = new RateWindows()
  // Cache hits for anonymous GETs are answered before Fastify (http/early-replies.ts), counted by the rate limiter when
  // it is on; requests with an API key, and hits over the limit, go through Fastify's hooks.
  const earlyReplies = new EarlyReplies(corsHeaders, accessLog, rateLimit.enabled ? anonymousLimit(rateLimit, rateWindows) : undefined)
  // One access-log line per request instead of two, or none with accessLog off (http/access-log.ts).
  const logController = new AccessLog(accessLog)
  const schemaCompilation = options.schemaCompilation ?? 'lazy'
  const app = Fastify({
    serverFactory: earlyReplies.serverFactory,
    logger: options.logger ?? false,
    logController,
    // Strict inputs: unknown query parameters or body fields are reported (400), not silently dropped; bodies are
    // validated as sent (no coercion, see http/validation.ts), string-only parts are coerced.
    // Schemas are checked against the JSON Schema meta-schema only when compiled eagerly (the test that compiles them
    // all): compiling the meta-schema itself cost ~50 ms of every start-up, and Ajv's strict mode still refuses
    // unknown keywords when a route's validator is compiled.
    // allowUnionTypes: nullable primitives are `type: [type, "null"]` (schemas/shared.ts Nullable).
    ajv: { customOptions: { removeAdditional: false, useDefaults: true, allowUnionTypes: true, validateSchema: schemaCompilation === 'eager' } },
    schemaController: schemaCompilers(schemaCompilation, buildPartAwareValidator),
    routerOptions: { maxParamLength: 200 },
    // JSON bodies carrying __proto__ or constructor.prototype are refused (400), never merged into objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    bodyLimit: limits.bodyLimit,
    // Request ids: a sane X-Request-Id is kept, else a UUID; logged as reqId, echoed, put in problem documents.
    requestIdHeader: false,
    genReqId: requestIdOf,
    clientErrorHandler: clientErrorAnswerer(security),
    frameworkErrors: frameworkErrorAnswerer(corsHeaders, security, logController),
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      maxHeaderSize: limits.maxHeaderSize,
      connectionsCheckingInterval: connectionsCheckingIntervalMs(limits)
    },
    // On close (SIGTERM, see server.ts): the listener stops accepting, idle keep-alive connections are closed at once,
    // and requests in flight or already arriving on open connections are served in full with Connection: close (not
    // 503: a request the server has accepted is answered properly); the database closes after the last one.
    return503OnClosing: false,
    forceCloseConnections: 'idle'
  }).withTypeProvider<TypeBoxTypeProvider>()

  for (const schema of componentSchemas) app.addSchema(schema)

  await app.register(problemDetails)
  await app.register(requestGuards, { maxUrlLength: limits.maxUrlLength })
  await app.register(helmet, { headers: security })
  await app.register(httpCaching, {
    cacheControl: options.cacheControl ?? DEFAULT_CACHE_CONTROL,
    compressionThreshold: options.compressionThreshold ?? DEFAULT_COMPRESSION_THRESHOLD,
    responseCacheEntries: options.responseCacheEntries ?? DEFAULT_RESPONSE_CACHE_ENTRIES,
    responseCacheBytes: options.responseCacheBytes ?? DEFAULT_RESPONSE_CACHE_BYTES,
    earlyReplies
  })
  await app.register(cors, { origins: corsOrigins })
  await app.register(swagger, { publicUrl: options.publicUrl, version })
  await app.register(database, { path: options.databasePath, seedIfEmpty: options.seedIfEmpty ?? false, cacheMiB: options.sqliteCacheMiB })
  await app.register(contentStore, { publicUrl: options.publicUrl })
  await app.register(apiKeys)
  await app.register(contentVersion, { externalChangePollMs: options.externalChangePollMs ?? 1000 })
  await app.register(editorial, { publicUrl: options.publicUrl })
  await app.register(syndication, { rights: options.rights ?? DEFAULT_RIGHTS })
  await app.register(healthRoutes)
  // The reader example's static files: not API calls, so registered before (and not counted by) the rate limiter.
  await app.register(readerRoutes)
  // Limits every route registered after this point (not Swagger UI / openapi.json / health / the reader files, registered above).
  await app.register(rateLimitPlugin, { ...rateLimit, windows: rateWindows })
  await app.register(articleRoutes, { publicUrl: options.publicUrl })
  await app.register(headlineRoutes)
  await app.register(taxonomyRoutes, { publicUrl: options.publicUrl })
  await app.register(articleWriteRoutes, { publicUrl: options.publicUrl })
  await app.register(articleRevisionRoutes, { publicUrl: options.publicUrl })
  await app.register(headlineWriteRoutes)
  await app.register(feedRoutes, { publicUrl: options.publicUrl })
  return app
}
