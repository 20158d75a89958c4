// `npm run bench:profile`: the compiled server under `node --cpu-prof`, loaded on one scenario at a time, and a
// summary of where its CPU time goes (self time per function and per package) during the load window.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTICLE_PATH, ensureBenchDatabase, BENCH_DIR } from './dataset.js'
import { chooseLoadTool, runLoad, unexpectedResponses } from './loadgen.js'
import { readBenchOptions } from './options.js'
import { httpGet, pinSelfToLoadCore, startApp, stop } from './processes.js'
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

for (const scenario of scenarios) {
  const path = PATHS[scenario]
  if (path === undefined) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(PATHS).join(', ')}`)
  const app = await startApp(databasePath, ARTICLE_PATH, { ...options, entry: 'dist/server.js' }, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${scenario}.cpuprofile`])
  let requests = 0
  try {
    const first = await httpGet(`${app.baseUrl}${path}`)
    if (first.status !== 200) throw new Error(`GET ${path} is not 200`)
    const revalidate = scenario === 'article304' && first.headers.etag !== undefined
    const headers: Record<string, string> = revalidate ? { 'if-none-match': first.headers.etag! } : {}
    const status = revalidate ? 304 : 200
    if (options.warmupS > 0) await runLoad(tool, { url: `${app.baseUrl}${path}`, connections: options.connections, durationS: options.warmupS, headers })
    const result = await runLoad(tool, { url: `${app.baseUrl}${path}`, connections: options.connections, durationS: options.durationS, headers })
    requests = result.total
    if (unexpectedResponses(result, status) > 0) console.error(`warning: ${unexpectedResponses(result, status)} responses were not ${status}`)
    console.log(`\n== ${scenario}: GET ${path}, seed + ${size}, ${result.rps.toFixed(0)} req/s (${tool}, ${options.connections} connections, ${options.durationS} s) ==`)
  } finally {
    await stop(app) // SIGTERM: the server exits normally, so V8 writes the profile
  }
  const file = readdirSync(dir).find((name) => name.startsWith(scenario))
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
