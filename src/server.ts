// Owns the process: reads config, builds the app, listens, logs where it is, and shuts down cleanly on signals.
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type AppConfig } from './config.js'
import { loggerOptions } from './logger.js'
import { warmUp } from './warm-up.js'

// npm start runs this with --no-flush-bytecode (package.json): V8 would otherwise drop the bytecode (and with it the
// optimized code) of functions that have not run for a few full GCs, and a server left idle (nights, quiet hours)
// would answer its next burst from cold, interpreted code. A command-line flag, not v8.setFlagsFromString: V8's code
// cache (src/start.ts) is only accepted under the flags it was made with.

const WARM_UP_DELAY_MS = 100
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost'])

async function main (): Promise<void> {
  let config: AppConfig
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }

  const app = await buildApp({
    databasePath: config.databasePath,
    sqliteCacheMiB: config.sqliteCacheMiB,
    publicUrl: config.publicUrl,
    seedIfEmpty: true,
    logger: loggerOptions(config),
    accessLog: config.accessLog,
    corsOrigins: config.corsOrigins,
    cacheControl: config.cacheControl,
    compressionThreshold: config.compressionThreshold,
    responseCacheEntries: config.responseCacheEntries,
    responseCacheBytes: config.responseCacheBytes,
    rights: config.rights,
    rateLimit: config.rateLimit,
    serverLimits: config.serverLimits
  })

  let closing = false
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    // A hung close must not keep the process alive forever.
    const force = setTimeout(() => { app.log.error('forced exit after 10 s'); process.exit(1) }, 10_000)
    force.unref()
    app.close().then(() => process.exit(0), (error: unknown) => {
      app.log.error({ err: error }, 'error while closing')
      process.exit(1)
    })
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)

  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const base = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${port}`) : config.publicUrl
  app.log.info(`Newsdesk API listening at ${base} (database ${config.databasePath})`)
  app.log.info(`API docs (Swagger UI) at ${base}/docs, OpenAPI document at ${base}/openapi.json`)
  // After listen, and only once the server has had WARM_UP_DELAY_MS to answer whoever connected first: the warm-up
  // compiles the hot routes and reads lists (count(*) on a large, cold database file), which would otherwise queue in
  // front of the first real requests. Failures only cost the warm-up, never the server.
  // Socket rounds only over loopback: only from there are they recognised as the warm-up (http/access-log.ts isWarmUp),
  // so they get no access-log lines and do not spend the rate limiter's budget for 127.0.0.1 (which a reverse proxy
  // on the same host shares with every client). A server bound to one other address warms up in-process only.
  const warmUpHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host
  const socketBase = LOOPBACK_HOSTS.has(warmUpHost) ? `http://${warmUpHost.includes(':') ? `[${warmUpHost}]` : warmUpHost}:${port}` : undefined
  setTimeout(() => {
    warmUp(app, socketBase).then(
      (result) => app.log.info(result, 'warm-up requests done'),
      (error: unknown) => app.log.warn({ err: error }, 'warm-up failed')
    )
  }, WARM_UP_DELAY_MS).unref()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
