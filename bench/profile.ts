// `npm run bench:profile`: the compiled server under `node --cpu-prof`, loaded on one scenario at a time, and a
// summary of where its CPU time goes (self time per function and per package) during the load window.
// BENCH_PROFILE_CEILING=1: the ceiling (bench/ceiling-server.mjs replaying the app's own responses) is profiled the same
// way right after, under the same load, so the two can be compared function by function.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTICLE_PATH, ensureBenchDatabase, BENCH_DIR } from './dataset.js'
import { chooseLoadTool, runLoad, unexpectedResponses } from './loadgen.js'
import { readBenchOptions } from './options.js'
import { captureFixture } from './fixture.js'
import { httpGet, pinSelfToLoadCore, startApp, startCeiling, stop, type Managed } from './processes.js'
import { summarizeProfile, type CpuProfile } from './cpuprofile.js'

const PATHS: Record<string, string> = {
  article200: ARTICLE_PATH,
  headlines: '/headlines',
  listFirst: '/articles',
  /** The article again, revalidated with its ETag (If-None-Match): 304s. */
  article304: ARTICLE_PATH
}

const options = readBenchOptions()
const size = options.sizes.length === 1 ? options.sizes[0]! : 10_000
const scenarios = (process.env.BENCH_PROFILE_SCENARIOS ?? 'article200,listFirst').split(',')
const tool = chooseLoadTool(options.loadgen)
pinSelfToLoadCore()
const { path: databasePath } = ensureBenchDatabase(size, console.error)
const dir = join(BENCH_DIR, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'))
mkdirSync(dir, { recursive: true })

const withCeiling = process.env.BENCH_PROFILE_CEILING === '1'

/** Loads `server` on `path` (warm-up first) and returns the measured run's request count. */
async function load (server: Managed, label: string, path: string, headers: Record<string, string>, status: number): Promise<number> {
  if (options.warmupS > 0) await runLoad(tool, { url: `${server.baseUrl}${path}`, connections: options.connections, durationS: options.warmupS, headers })
  const result = await runLoad(tool, { url: `${server.baseUrl}${path}`, connections: options.connections, durationS: options.durationS, headers })
  if (unexpectedResponses(result, status) > 0) console.error(`warning: ${unexpectedResponses(result, status)} responses were not ${status}`)
  console.log(`\n== ${label}: GET ${path}, seed + ${size}, ${result.rps.toFixed(0)} req/s (${tool}, ${options.connections} connections, ${options.durationS} s) ==`)
  return result.total
}

/** Prints the summary of the profile `name` wrote in `dir`. */
function report (name: string, requests: number): void {
  const file = readdirSync(dir).find((entry) => entry.startsWith(`${name}.`))
  if (file === undefined) throw new Error(`no profile written in ${dir}`)
  // Only the measured load (plus shutdown), not start-up or warm-up.
  const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, (options.durationS + 0.5) * 1000)
  console.log(`profile ${join(dir, file)}: ${summary.busyMs.toFixed(0)} ms busy, ${summary.idleMs.toFixed(0)} ms idle; ` +
    `${requests > 0 ? ((summary.busyMs * 1000) / requests).toFixed(1) : '?'} us CPU per request`)
  console.log('self time by package:')
  for (const p of summary.packages.slice(0, 12)) console.log(`  ${p.percent.toFixed(1).padStart(5)}%  ${p.name}`)
  console.log('top functions by self time:')
  for (const f of summary.functions) console.log(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`)
}

const profileArgs = (name: string): string[] => ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`]

for (const scenario of scenarios) {
  const path = PATHS[scenario]
  if (path === undefined) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(PATHS).join(', ')}`)
  const app = await startApp(databasePath, ARTICLE_PATH, { ...options, entry: 'dist/server.js' }, profileArgs(scenario))
  let requests = 0
  let headers: Record<string, string> = {}
  let status = 200
  let fixturePath: string | undefined
  try {
    const first = await httpGet(`${app.baseUrl}${path}`)
    if (first.status !== 200) throw new Error(`GET ${path} is not 200`)
    const revalidate = scenario === 'article304' && first.headers.etag !== undefined
    headers = revalidate ? { 'if-none-match': first.headers.etag! } : {}
    status = revalidate ? 304 : 200
    requests = await load(app, scenario, path, headers, status)
    if (withCeiling) {
      fixturePath = join(dir, `${scenario}-fixture.json`)
      writeFileSync(fixturePath, JSON.stringify(await captureFixture(app.baseUrl, [{ path, headers: {}, status: 200 }, ...(revalidate ? [{ path, headers, status: 304 }] : [])])))
    }
  } finally {
    await stop(app) // SIGTERM: the server exits normally, so V8 writes the profile
  }
  report(scenario, requests)
  if (fixturePath === undefined) continue
  const ceiling = await startCeiling(fixturePath, profileArgs(`${scenario}-ceiling`))
  let ceilingRequests = 0
  try {
    // The ceiling answers 304 to the app's own ETag (its fixture holds the app's responses).
    ceilingRequests = await load(ceiling, `${scenario} (ceiling)`, path, headers, status)
  } finally {
    await stop(ceiling)
  }
  report(`${scenario}-ceiling`, ceilingRequests)
}
