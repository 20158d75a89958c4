import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { EnvSchema, loadConfig } from '../src/config.js'

test('defaults: 127.0.0.1:3000, data/newsdesk.db, info, public URL from host and port', () => {
  assert.deepEqual(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databasePath: 'data/newsdesk.db',
    sqliteCacheMiB: 2,
    logLevel: 'info',
    logFormat: 'json',
    accessLog: true,
    publicUrl: 'http://127.0.0.1:3000',
    corsOrigins: '*',
    cacheControl: { maxAge: 60, sMaxAge: 300, staleWhileRevalidate: 60, staleIfError: 86400 },
    compressionThreshold: 1024,
    responseCacheEntries: 10000,
    responseCacheBytes: 64 * 1024 * 1024,
    rights: {
      copyrightHolder: 'Newsdesk',
      usageTerms: 'All rights reserved. Republication requires the copyright holder\'s permission.',
      licenseUrl: null
    },
    rateLimit: { enabled: true, timeWindow: '1 minute', max: 300, keyMax: 3000 },
    serverLimits: {
      bodyLimit: 1048576,
      maxUrlLength: 8192,
      maxHeaderSize: 16384,
      connectionTimeoutMs: 120000,
      keepAliveTimeoutMs: 72000,
      requestTimeoutMs: 30000,
      headersTimeoutMs: 10000
    }
  })
})

test('rights and rate limits come from RIGHTS_* and RATE_LIMIT_*', () => {
  const config = loadConfig({
    RIGHTS_HOLDER: 'Acme News Ltd',
    RIGHTS_USAGE_TERMS: 'Partners only',
    RIGHTS_LICENSE_URL: 'https://example.org/licence',
    RATE_LIMIT_ENABLED: 'false',
    RATE_LIMIT_WINDOW: '30 s',
    RATE_LIMIT_MAX: '10',
    RATE_LIMIT_KEY_MAX: '100'
  })
  assert.deepEqual(config.rights, { copyrightHolder: 'Acme News Ltd', usageTerms: 'Partners only', licenseUrl: 'https://example.org/licence' })
  assert.deepEqual(config.rateLimit, { enabled: false, timeWindow: '30 s', max: 10, keyMax: 100 })
  assert.throws(() => loadConfig({ RATE_LIMIT_WINDOW: 'soon' }), /RATE_LIMIT_WINDOW must match pattern/)
  assert.throws(() => loadConfig({ RATE_LIMIT_MAX: '0' }), /RATE_LIMIT_MAX must be >= 1/)
  assert.throws(() => loadConfig({ RIGHTS_LICENSE_URL: 'licence.html' }), /RIGHTS_LICENSE_URL must match pattern/)
})

test('values come from the environment, coerced and validated', () => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/tmp/x.db', LOG_LEVEL: 'warn', PUBLIC_URL: 'https://api.example.org/news/' })
  assert.equal(config.port, 8080)
  assert.equal(config.logLevel, 'warn')
  assert.equal(config.logFormat, 'json')
  assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat, 'pretty')
  assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), /LOG_FORMAT must be equal to one of the allowed values \(json, pretty\)/)
  assert.equal(loadConfig({ ACCESS_LOG: 'false' }).accessLog, false)
  assert.throws(() => loadConfig({ ACCESS_LOG: 'off' }), /ACCESS_LOG must be boolean/)
  assert.equal(config.publicUrl, 'https://api.example.org/news')
})

test('a bad value is rejected with a message naming the variable', () => {
  assert.throws(() => loadConfig({ PORT: '70000' }), /Invalid configuration: PORT must be <= 65535/)
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be equal to one of the allowed values \(fatal, error, warn, info, debug, trace, silent\)/)
  assert.throws(() => loadConfig({ PUBLIC_URL: 'ftp://x' }), /PUBLIC_URL must match pattern/)
  assert.throws(() => loadConfig({ COMPRESSION_THRESHOLD: '1.5', RATE_LIMIT_ENABLED: 'maybe' }),
    /COMPRESSION_THRESHOLD must be integer; RATE_LIMIT_ENABLED must be boolean/)
  assert.throws(() => loadConfig({ PORT: '80.5' }), /PORT must be integer/, 'not truncated to 80')
})

test('an empty variable counts as unset; booleans accept true/false and 1/0', () => {
  const config = loadConfig({ HOST: '', PORT: '', RATE_LIMIT_ENABLED: '0' })
  assert.equal(config.host, '127.0.0.1')
  assert.equal(config.port, 3000)
  assert.equal(config.rateLimit.enabled, false)
  assert.equal(loadConfig({ RATE_LIMIT_ENABLED: '1' }).rateLimit.enabled, true)
})

test('delivery settings: CORS origins list, cache lifetimes and compression threshold', () => {
  const config = loadConfig({
    CORS_ORIGINS: 'https://www.newsdesk.test, http://localhost:5173',
    CACHE_MAX_AGE: '30',
    CACHE_S_MAXAGE: '600',
    CACHE_STALE_WHILE_REVALIDATE: '120',
    CACHE_STALE_IF_ERROR: '3600',
    COMPRESSION_THRESHOLD: '0'
  })
  assert.deepEqual(config.corsOrigins, ['https://www.newsdesk.test', 'http://localhost:5173'])
  assert.deepEqual(config.cacheControl, { maxAge: 30, sMaxAge: 600, staleWhileRevalidate: 120, staleIfError: 3600 })
  assert.equal(config.compressionThreshold, 0)
  assert.throws(() => loadConfig({ CORS_ORIGINS: 'www.newsdesk.test' }), /CORS_ORIGINS must match pattern/)
  assert.throws(() => loadConfig({ CORS_ORIGINS: 'https://a.test/path' }), /CORS_ORIGINS must match pattern/)
  assert.throws(() => loadConfig({ CACHE_MAX_AGE: '-1' }), /CACHE_MAX_AGE must be >= 0/)
  assert.throws(() => loadConfig({ COMPRESSION_THRESHOLD: 'big' }), /COMPRESSION_THRESHOLD must be integer/)
})

test('.env.example lists every variable of the config schema, with its default', () => {
  const lines = readFileSync(new URL('../.env.example', import.meta.url), 'utf8').split('\n')
  const entries = new Map(lines
    .map((line) => /^#? ?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => [match[1] as string, match[2] as string]))
  const properties = EnvSchema.properties as Record<string, { default?: unknown }>
  assert.deepEqual([...entries.keys()].sort(), Object.keys(properties).sort())
  for (const [name, schema] of Object.entries(properties)) {
    if (schema.default !== undefined) assert.equal(entries.get(name), String(schema.default), name)
  }
  assert.doesNotThrow(() => loadConfig(Object.fromEntries([...entries].filter(([, value]) => value !== ''))))
})
