// Owns the benchmark's settings: BENCH_* environment variables, validated in one place.

export interface BenchOptions {
  /** Synthetic article counts, one dataset each (the real seed is always added). */
  sizes: number[]
  durationS: number
  warmupS: number
  repeats: number
  connections: number
  loadgen: string
  query: string
  idle: boolean
  idleS: number
  /** LOG_LEVEL of the measured server (stdout goes to /dev/null). */
  logLevel: string
  /** The measured server's ACCESS_LOG: one line per request (the default) or none. */
  accessLog: boolean
  /** Run the server with its rate limiter on (limits raised so the load is never refused), or off as behind a CDN. */
  rateLimit: boolean
  /** Scenario ids to measure (all when unset): for quick A/B runs; a partial run's verdicts cover only those. */
  scenarios: string[] | null
}

export function integer (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`)
  return value
}

export function readBenchOptions (env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const sizes = (env.BENCH_SIZES ?? '10,10000,100000').split(',').map((s) => Number(s.trim()))
  if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw new Error(`BENCH_SIZES must be a comma-separated list of article counts, got "${env.BENCH_SIZES}"`)
  }
  const loadgen = env.BENCH_LOADGEN ?? 'auto'
  if (!['auto', 'wrk', 'autocannon'].includes(loadgen)) throw new Error('BENCH_LOADGEN must be auto, wrk or autocannon')
  const logLevel = env.BENCH_LOG_LEVEL ?? 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new Error('BENCH_LOG_LEVEL must be a pino level')
  const query = env.BENCH_QUERY ?? 'kilo'
  if (!/^[a-z0-9]+$/i.test(query)) throw new Error('BENCH_QUERY must be one plain word')
  return {
    sizes,
    durationS: integer(env, 'BENCH_DURATION', 5, 1),
    warmupS: integer(env, 'BENCH_WARMUP', 2, 0),
    repeats: integer(env, 'BENCH_REPEATS', 3, 1),
    connections: integer(env, 'BENCH_CONNECTIONS', 50, 1),
    loadgen,
    query,
    idle: env.BENCH_IDLE === '1',
    idleS: integer(env, 'BENCH_IDLE_SECONDS', 100, 0),
    logLevel,
    accessLog: env.BENCH_ACCESS_LOG !== '0',
    // On, as by default (limits out of reach, processes.ts); BENCH_RATE_LIMIT=0 turns it off.
    rateLimit: env.BENCH_RATE_LIMIT !== '0',
    scenarios: env.BENCH_SCENARIOS === undefined || env.BENCH_SCENARIOS === '' ? null : env.BENCH_SCENARIOS.split(',').map((s) => s.trim())
  }
}
