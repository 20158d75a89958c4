// `npm run bench:startup`: spawn -> first 200 (GET /articles/{slug}) of the compiled server as npm start runs it, in
// interleaved pairs: with V8's code cache (dist/server.bundle.cjs.v8cache, see src/start.ts) and without it (the first
// start after a build). Servers on core 0, this process on core 1, as in `npm run bench`.
// Settings: BENCH_STARTUP_RUNS (pairs, default 5), BENCH_SIZES (first size: the dataset, default seed + 10).
import { renameSync, rmSync } from 'node:fs'
import { ARTICLE_PATH, ensureBenchDatabase } from './dataset.js'
import { readBenchOptions } from './options.js'
import { codeCacheFile } from '../src/code-cache.js'
import { codeCachePresent, pinSelfToLoadCore, primeCodeCache, SERVER_BUNDLE, startApp, stop } from './processes.js'
import { median } from './targets.js'

const CACHE = codeCacheFile(SERVER_BUNDLE)

const options = readBenchOptions()
const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 5)
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('BENCH_STARTUP_RUNS must be an integer >= 1')
pinSelfToLoadCore()
const { path: databasePath } = ensureBenchDatabase(options.sizes[0] ?? 10, console.error)

/** One start: spawn -> first 200 in ms, stopped right after (before the launcher would write a cache, 2 s in). */
async function once (): Promise<number> {
  const app = await startApp(databasePath, ARTICLE_PATH, options)
  await stop(app)
  return app.startupMs
}

// Also when a cache file is there: it may have been written under other flags (a profiling run), which V8 rejects.
await primeCodeCache(databasePath, ARTICLE_PATH, options)
if (!codeCachePresent()) throw new Error('the launcher wrote no code cache (is dist/ writable? run npm run build)')
const cached: number[] = []
const uncached: number[] = []
for (let i = 0; i < runs; i++) {
  cached.push(await once())
  // The uncached start runs with the cache moved aside, and the cache comes back whatever happens.
  renameSync(CACHE, `${CACHE}.aside`)
  try {
    uncached.push(await once())
  } finally {
    rmSync(CACHE, { force: true })
    renameSync(`${CACHE}.aside`, CACHE)
  }
  console.error(`pair ${i + 1}/${runs}: ${cached.at(-1)!.toFixed(0)} ms with the code cache, ${uncached.at(-1)!.toFixed(0)} ms without`)
}
const summary = (values: number[]): string =>
  `median ${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`
console.log(`spawn -> first 200, ${runs} interleaved pairs: with code cache ${summary(cached)}; without ${summary(uncached)} (target < 500 ms)`)
