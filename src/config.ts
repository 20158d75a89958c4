// Owns the runtime configuration: one TypeBox schema for the environment, validated once at start.
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import type { CacheControlSettings } from './http/cache-control.js'
import { DEFAULT_RIGHTS, type RightsConfig } from './syndication/rights.js'
import { DEFAULT_RATE_LIMIT, TIME_WINDOW_PATTERN, type RateLimitConfig } from './plugins/external/rate-limit.js'
import { DEFAULT_SQLITE_CACHE_MIB } from './db/connection.js'
import { DEFAULT_SERVER_LIMITS as LIMITS, type ServerLimits } from './http/server-limits.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export const LOG_FORMATS = ['json', 'pretty'] as const

// The defaults buildApp uses when not told; the environment schema below declares the same values.
export const DEFAULT_CACHE_CONTROL: CacheControlSettings = { maxAge: 60, sMaxAge: 300, staleWhileRevalidate: 60, staleIfError: 86400 }
export const DEFAULT_COMPRESSION_THRESHOLD = 1024
export const DEFAULT_RESPONSE_CACHE_ENTRIES = 10000
const MIB = 1024 * 1024
export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * MIB

export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on (0 = any free port)' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Interface to bind' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'data/newsdesk.db', description: 'SQLite file; its directory is created' }),
  LOG_LEVEL: Type.Enum([...LOG_LEVELS], { default: 'info', description: 'Pino log level' }),
  ACCESS_LOG: Type.Boolean({ default: true, description: 'One info line per finished request (request completed); false when a load balancer, proxy or CDN in front already logs requests' }),
  LOG_FORMAT: Type.Enum([...LOG_FORMATS], { default: 'json', description: 'json: one JSON object per line (production); pretty: colourised lines for development (needs the pino-pretty dev dependency)' }),
  PUBLIC_URL: Type.Optional(Type.String({
    pattern: '^https?://[^/?#\\s]+(/[^?#\\s]*)?$',
    description: 'Absolute base URL used in links and canonical URLs; defaults to http://HOST:PORT. An https URL (TLS proxy in front) also turns on HSTS'
  })),
  CORS_ORIGINS: Type.String({
    pattern: '^(\\*|https?://[^/,\\s]+(\\s*,\\s*https?://[^/,\\s]+)*)$',
    default: '*',
    description: "Origins browser apps may call from: '*' (any) or a comma-separated list of scheme://host[:port]"
  }),
  CACHE_MAX_AGE: Type.Integer({ minimum: 0, default: DEFAULT_CACHE_CONTROL.maxAge, description: 'Cache-Control max-age (seconds) of API reads' }),
  CACHE_S_MAXAGE: Type.Integer({ minimum: 0, default: DEFAULT_CACHE_CONTROL.sMaxAge, description: 'Cache-Control s-maxage (seconds): CDN freshness' }),
  CACHE_STALE_WHILE_REVALIDATE: Type.Integer({ minimum: 0, default: DEFAULT_CACHE_CONTROL.staleWhileRevalidate, description: 'Cache-Control stale-while-revalidate (seconds)' }),
  CACHE_STALE_IF_ERROR: Type.Integer({ minimum: 0, default: DEFAULT_CACHE_CONTROL.staleIfError, description: 'Cache-Control stale-if-error (seconds)' }),
  COMPRESSION_THRESHOLD: Type.Integer({ minimum: 0, default: DEFAULT_COMPRESSION_THRESHOLD, description: 'Bodies of at least this many bytes are sent gzip/brotli-compressed when accepted' }),
  RESPONSE_CACHE_ENTRIES: Type.Integer({ minimum: 0, default: DEFAULT_RESPONSE_CACHE_ENTRIES, description: 'Finished GET responses kept in memory until the next write (0 = off)' }),
  SQLITE_CACHE_MB: Type.Integer({ minimum: 1, default: DEFAULT_SQLITE_CACHE_MIB, description: "SQLite's page cache in MiB: pages of the database file kept in memory besides the OS file cache" }),
  RESPONSE_CACHE_MB: Type.Integer({ minimum: 0, default: DEFAULT_RESPONSE_CACHE_BYTES / MIB, description: 'At most this many MiB of cached response bodies (identity and compressed; 0 = off)' }),
  RIGHTS_HOLDER: Type.String({ minLength: 1, default: DEFAULT_RIGHTS.copyrightHolder, description: 'Copyright holder named on articles and feeds (also the Atom feed author)' }),
  RIGHTS_USAGE_TERMS: Type.String({ minLength: 1, default: DEFAULT_RIGHTS.usageTerms, description: 'Natural-language usage terms for syndicated content' }),
  RIGHTS_LICENSE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'Link to the licence / syndication terms' })),
  RATE_LIMIT_ENABLED: Type.Boolean({ default: DEFAULT_RATE_LIMIT.enabled, description: 'Rate limit requests per API key and per IP' }),
  RATE_LIMIT_WINDOW: Type.String({ pattern: TIME_WINDOW_PATTERN, default: DEFAULT_RATE_LIMIT.timeWindow, description: 'Length of the rate-limit window, e.g. "1 minute", "30 s"' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: DEFAULT_RATE_LIMIT.max, description: 'Requests per window for a client without an API key (per IP)' }),
  RATE_LIMIT_KEY_MAX: Type.Integer({ minimum: 1, default: DEFAULT_RATE_LIMIT.keyMax, description: 'Requests per window for a client presenting a valid API key (per key)' }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: LIMITS.bodyLimit, description: 'Largest request body in bytes (413 above it); write routes allow 256 KiB' }),
  MAX_URL_LENGTH: Type.Integer({ minimum: 256, default: LIMITS.maxUrlLength, description: 'Longest path + query string in characters (414 above it)' }),
  MAX_HEADER_SIZE: Type.Integer({ minimum: 4096, default: LIMITS.maxHeaderSize, description: 'Largest request head in bytes (431 above it)' }),
  CONNECTION_TIMEOUT_MS: Type.Integer({ minimum: 0, default: LIMITS.connectionTimeoutMs, description: 'Socket inactivity timeout (0 = none)' }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 1, default: LIMITS.keepAliveTimeoutMs, description: 'Idle keep-alive connection lifetime' }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1, default: LIMITS.requestTimeoutMs, description: 'Time to receive a whole request (408 after it)' }),
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1, default: LIMITS.headersTimeoutMs, description: 'Time to receive the request head; at most REQUEST_TIMEOUT_MS' })
})
export type Env = Static<typeof EnvSchema>

export interface AppConfig {
  port: number
  host: string
  databasePath: string
  sqliteCacheMiB: number
  logLevel: (typeof LOG_LEVELS)[number]
  logFormat: (typeof LOG_FORMATS)[number]
  /** Whether finished requests are logged (at LOG_LEVEL info or lower). */
  accessLog: boolean
  publicUrl: string
  /** '*' or the exact allowed origins. */
  corsOrigins: '*' | string[]
  cacheControl: CacheControlSettings
  compressionThreshold: number
  responseCacheEntries: number
  responseCacheBytes: number
  rights: RightsConfig
  rateLimit: RateLimitConfig
  serverLimits: ServerLimits
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Validates the environment and returns typed config; throws ConfigError naming the bad variable. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): AppConfig {
  // TypeBox checks the schema it declares, without compiling it: variables converted to the declared numbers and
  // booleans, defaults filled in, then every violation reported by name. (env-schema did this with an Ajv instance of
  // its own, whose set-up cost ~70 ms of every start.) An empty variable (`PORT=` in an env file) counts as unset.
  const given: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(EnvSchema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') given[name] = fromEnv((schema as { type?: unknown }).type, value)
  }
  const data = Value.Default(EnvSchema, given)
  const issues = [...Value.Errors(EnvSchema, data)]
  if (issues.length > 0) throw new ConfigError(`Invalid configuration: ${describeEnvIssues(issues)}`)
  const parsed = data as Env
  if (parsed.HEADERS_TIMEOUT_MS > parsed.REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration: HEADERS_TIMEOUT_MS must be <= REQUEST_TIMEOUT_MS')
  }
  const displayHost = parsed.HOST.includes(':') ? `[${parsed.HOST}]` : parsed.HOST
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databasePath: parsed.DATABASE_PATH,
    sqliteCacheMiB: parsed.SQLITE_CACHE_MB,
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
    accessLog: parsed.ACCESS_LOG,
    publicUrl: (parsed.PUBLIC_URL ?? `http://${displayHost}:${parsed.PORT}`).replace(/\/+$/, ''),
    corsOrigins: parsed.CORS_ORIGINS === '*' ? '*' : parsed.CORS_ORIGINS.split(',').map((origin) => origin.trim()),
    cacheControl: {
      maxAge: parsed.CACHE_MAX_AGE,
      sMaxAge: parsed.CACHE_S_MAXAGE,
      staleWhileRevalidate: parsed.CACHE_STALE_WHILE_REVALIDATE,
      staleIfError: parsed.CACHE_STALE_IF_ERROR
    },
    compressionThreshold: parsed.COMPRESSION_THRESHOLD,
    responseCacheEntries: parsed.RESPONSE_CACHE_ENTRIES,
    responseCacheBytes: parsed.RESPONSE_CACHE_MB * MIB,
    rights: {
      copyrightHolder: parsed.RIGHTS_HOLDER,
      usageTerms: parsed.RIGHTS_USAGE_TERMS,
      licenseUrl: parsed.RIGHTS_LICENSE_URL ?? null
    },
    rateLimit: {
      enabled: parsed.RATE_LIMIT_ENABLED,
      timeWindow: parsed.RATE_LIMIT_WINDOW,
      max: parsed.RATE_LIMIT_MAX,
      keyMax: parsed.RATE_LIMIT_KEY_MAX
    },
    serverLimits: {
      bodyLimit: parsed.BODY_LIMIT,
      maxUrlLength: parsed.MAX_URL_LENGTH,
      maxHeaderSize: parsed.MAX_HEADER_SIZE,
      connectionTimeoutMs: parsed.CONNECTION_TIMEOUT_MS,
      keepAliveTimeoutMs: parsed.KEEP_ALIVE_TIMEOUT_MS,
      requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: parsed.HEADERS_TIMEOUT_MS
    }
  }
}

/**
 * A variable's text as the declared JSON type: numbers only when the whole text is one ("1.5" stays a string for an
 * integer, so it is reported rather than truncated), booleans from true/false and 1/0; anything else is left as text
 * for the schema check to name.
 */
function fromEnv (type: unknown, value: string): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(?:\.\d+)?$/.test(value)) return Number(value)
  if (type === 'boolean') return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value
  return value
}

interface EnvIssue { instancePath: string, message?: string, params?: object }

function describeEnvIssues (issues: EnvIssue[]): string {
  return issues.map((issue) => {
    const name = issue.instancePath.replace(/^\//, '')
    const allowed = issue.params !== undefined && 'allowedValues' in issue.params && Array.isArray(issue.params.allowedValues) ? issue.params.allowedValues : undefined
    return `${name} ${issue.message ?? 'is invalid'}${allowed ? ` (${allowed.join(', ')})` : ''}`
  }).join('; ')
}
