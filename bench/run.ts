// `npm run bench`: the compiled server vs a bare node:http ceiling replaying the same bytes, per dataset size and
// scenario; interleaved, repeated runs (medians), ratios to the ceiling, PASS/FAIL against the targets, JSON results.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ARTICLE_PATH, ensureBenchDatabase } from './dataset.js'
import { chooseLoadTool, runLoad, unexpectedResponses, type LoadResult, type LoadTool } from './loadgen.js'
import { readBenchOptions, type BenchOptions } from './options.js'
import { markdownReport } from './markdown.js'
import { captureFixture } from './fixture.js'
import { codeCachePresent, httpGet, memoryOf, PINNING, pinSelfToLoadCore, primeCodeCache, ROOT, startApp, startCeiling, stop, withCpuPerResponse, type Managed } from './processes.js'
import {
  atLeast, atMost, formatNumber, median, pairedRatios, ratio, RSS_MAX_RATIO, scalingCheck, SCALING_SCENARIOS, scenarioChecks, SCENARIOS,
  STARTUP_MAX_MS, summarizeRuns, type Check, type RunStats, type ScenarioId, type ScenarioResult, type ScenarioSpec
} from './targets.js'

interface Target { spec: ScenarioSpec, path: string, headers: Record<string, string>, status: number, skipped: string | null }

interface MeasuredScenario extends ScenarioResult {
  label: string
  path: string
  appRuns: MeasuredLoad[]
  ceilingRuns: MeasuredLoad[]
  /** Median server CPU time per response, us: app, ceiling, and ceiling/app (a req/s-like ratio free of load-core noise). */
  cpu: { appUs: number | null, ceilingUs: number | null, ratio: number | null }
  unexpected: number
  checks: Check[]
}

interface DatasetResult {
  synthetic: number
  articles: number | null
  databasePath: string
  generatedMs: number | null
  startupMs: number
  /** Whether that start found V8's code cache (the first start after a build does not). */
  codeCache: boolean
  checks: Check[]
  scenarios: MeasuredScenario[]
  rss: { appMiB: number | null, ceilingMiB: number | null, appPeakMiB: number | null }
}

const log = (line: string): void => { process.stderr.write(`${line}\n`) }

/** A cursor about 90% of the way through the list, found by walking the API's own nextCursor links. */
async function deepCursor (base: string, total: number): Promise<string | null> {
  const limit = Math.max(1, Math.min(100, Math.floor(total / 10)))
  let cursor: string | null = null
  let seen = 0
  while (seen < total * 0.9) {
    const response = await httpGet(`${base}/articles?limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`)
    if (response.status !== 200) throw new Error(`walking the list failed with ${response.status}`)
    const page = JSON.parse(response.body.toString()) as { items: unknown[], nextCursor: string | null }
    seen += page.items.length
    if (page.nextCursor === null) break
    cursor = page.nextCursor
  }
  return cursor
}

/** Turns each scenario into a concrete request against this app (or a reason it cannot run yet). */
async function resolveTargets (app: Managed, options: BenchOptions): Promise<{ targets: Target[], articles: number | null }> {
  const spec = (id: ScenarioId): ScenarioSpec => SCENARIOS.find((s) => s.id === id)!
  const list = await httpGet(`${app.baseUrl}/articles`)
  const total = list.status === 200 ? (JSON.parse(list.body.toString()) as { total?: number }).total ?? null : null
  const article = await httpGet(`${app.baseUrl}${ARTICLE_PATH}`)
  const etag = article.headers.etag
  let notModified: string | null = etag === undefined ? 'n/a - the app sends no ETag' : null
  if (etag !== undefined) {
    const revalidated = await httpGet(`${app.baseUrl}${ARTICLE_PATH}`, { 'if-none-match': etag })
    if (revalidated.status !== 304) notModified = `n/a - If-None-Match with the ETag answered ${revalidated.status}`
  }
  const searchPath = `/articles?q=${options.query}`
  const search = await httpGet(`${app.baseUrl}${searchPath}`)
  const cursor = total === null ? null : await deepCursor(app.baseUrl, total)
  return {
    articles: total,
    targets: [
      { spec: spec('article200'), path: ARTICLE_PATH, headers: {}, status: 200, skipped: null },
      { spec: spec('article304'), path: ARTICLE_PATH, headers: etag === undefined ? {} : { 'if-none-match': etag }, status: 304, skipped: notModified },
      { spec: spec('headlines'), path: '/headlines', headers: {}, status: 200, skipped: null },
      { spec: spec('listFirst'), path: '/articles', headers: {}, status: 200, skipped: null },
      { spec: spec('listDeep'), path: `/articles?cursor=${cursor ?? ''}`, headers: {}, status: 200, skipped: cursor === null ? 'n/a - the list has a single page' : null },
      { spec: spec('search'), path: searchPath, headers: {}, status: 200, skipped: search.status === 200 ? null : `n/a - ?q= answered ${search.status} (search not available)` }
    ]
  }
}

const stats = (result: LoadResult): RunStats => ({ rps: result.rps, p50: result.p50 ?? Number.NaN, p99: result.p99 ?? Number.NaN })

function cpuSummary (app: MeasuredLoad[], ceiling: MeasuredLoad[]): MeasuredScenario['cpu'] {
  const med = (runs: MeasuredLoad[]): number | null => {
    const values = runs.map((r) => r.cpuUsPerRequest).filter((v): v is number => v !== null)
    return values.length === 0 ? null : median(values)
  }
  const appUs = med(app)
  const ceilingUs = med(ceiling)
  return { appUs, ceilingUs, ratio: appUs === null || ceilingUs === null ? null : ratio(ceilingUs, appUs) }
}

/** A load run, plus the server's CPU time per response (us): unlike req/s, it hardly moves when neighbours steal the load core. */
type MeasuredLoad = LoadResult & { cpuUsPerRequest: number | null }

async function load (tool: LoadTool, server: Managed, target: Target, options: BenchOptions, durationS: number): Promise<MeasuredLoad> {
  return await withCpuPerResponse(server.pid, async () =>
    await runLoad(tool, { url: `${server.baseUrl}${target.path}`, connections: options.connections, durationS, headers: target.headers }))
}

async function benchDataset (synthetic: number, options: BenchOptions, tool: LoadTool, workDir: string): Promise<DatasetResult> {
  const { path: databasePath, generatedMs } = ensureBenchDatabase(synthetic, log)
  const codeCache = codeCachePresent()
  const app = await startApp(databasePath, ARTICLE_PATH, options)
  let ceiling: Managed | undefined
  try {
    log(`dataset seed + ${synthetic}: app pid ${app.pid} up in ${app.startupMs.toFixed(0)} ms (${codeCache ? 'with' : 'without'} V8 code cache)`)
    const { targets, articles } = await resolveTargets(app, options)
    const fixturePath = join(workDir, `ceiling-${synthetic}.json`)
    writeFileSync(fixturePath, JSON.stringify(await captureFixture(app.baseUrl, targets.filter((target) => target.skipped === null))))
    ceiling = await startCeiling(fixturePath)
    const active = targets.filter((t) => t.skipped === null && (options.scenarios === null || options.scenarios.includes(t.spec.id)))

    if (options.warmupS > 0) {
      log(`  warm-up ${options.warmupS} s per scenario and server`)
      for (const target of active) for (const server of [ceiling, app]) await load(tool, server, target, options, options.warmupS)
    }
    const runs = new Map<ScenarioId, { app: MeasuredLoad[], ceiling: MeasuredLoad[] }>(active.map((t) => [t.spec.id, { app: [], ceiling: [] }]))
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      for (const target of active) {
        // Alternate which server goes first so slow drift (thermal, neighbours) does not favour either.
        const order: Array<['app' | 'ceiling', Managed]> = repeat % 2 === 0 ? [['ceiling', ceiling], ['app', app]] : [['app', app], ['ceiling', ceiling]]
        for (const [kind, server] of order) {
          const result = await load(tool, server, target, options, options.durationS)
          runs.get(target.spec.id)![kind].push(result)
          log(`  run ${repeat + 1}/${options.repeats} ${target.spec.id.padEnd(10)} ${kind.padEnd(7)} ${formatNumber(result.rps)} req/s p99 ${formatNumber(result.p99)} ms, ${formatNumber(result.cpuUsPerRequest)} us CPU/req`)
        }
      }
    }
    const appMemory = memoryOf(app.pid)
    const ceilingMemory = memoryOf(ceiling.pid)

    const scenarios = targets.map((target): MeasuredScenario => {
      const measured = runs.get(target.spec.id)
      const unexpected = measured === undefined ? 0
        : [...measured.app, ...measured.ceiling].reduce((sum, r) => sum + unexpectedResponses(r, target.status), 0)
      const result: ScenarioResult = {
        id: target.spec.id,
        skipped: target.skipped ?? (unexpected > 0 ? `invalid - ${unexpected} responses were not ${target.status} or failed` : null),
        app: measured === undefined ? null : summarizeRuns(measured.app.map(stats)),
        ceiling: measured === undefined ? null : summarizeRuns(measured.ceiling.map(stats)),
        ratios: measured === undefined ? null : pairedRatios(measured.app.map(stats), measured.ceiling.map(stats))
      }
      const checkable = result.skipped === null ? result : { ...result, app: null, ceiling: null, ratios: null }
      return {
        ...result,
        label: target.spec.label,
        path: target.path,
        appRuns: measured?.app ?? [],
        ceilingRuns: measured?.ceiling ?? [],
        cpu: cpuSummary(measured?.app ?? [], measured?.ceiling ?? []),
        unexpected,
        checks: scenarioChecks(target.spec, checkable)
      }
    })
    const rssRatio = appMemory === null || ceilingMemory === null ? null : ratio(appMemory.rssMiB, ceilingMemory.rssMiB)
    return {
      synthetic,
      articles,
      databasePath,
      generatedMs,
      startupMs: app.startupMs,
      codeCache,
      checks: [
        atMost(`startup ms (spawn to first 200, ${codeCache ? 'code cache' : 'no code cache: first start after the build'})`, app.startupMs, STARTUP_MAX_MS),
        atMost('RSS after load ratio', rssRatio, RSS_MAX_RATIO)
      ],
      scenarios,
      rss: { appMiB: appMemory?.rssMiB ?? null, ceilingMiB: ceilingMemory?.rssMiB ?? null, appPeakMiB: appMemory?.peakMiB ?? null }
    }
  } finally {
    if (ceiling !== undefined) await stop(ceiling)
    await stop(app)
  }
}

/** The uncached scaling runs of one scenario: each app's runs (pairs by index) and the check on their ratios. */
interface ScalingScenario {
  id: ScenarioId
  paths: { reference: string, large: string }
  reference: MeasuredLoad[]
  large: MeasuredLoad[]
  check: Check
}

/**
 * Connections of the uncached scaling runs. Uncached requests cost 0.5-8 ms of server CPU each; 10 connections keep
 * the server's core busy. With 50, wrk reports a long tail at such rates (p99 ~15x the mean) and counts responses
 * later than 2 s as timeouts, which void the run: a bare node:http server doing 0.5 ms of work per request measured
 * p99 640 ms (max 1.05 s) with `wrk -t1 -c50` and 59 ms (max 76 ms) with autocannon at 50 connections, at the same
 * ~1,600 req/s, so the tail is the load generator's, not the server's.
 */
const SCALING_CONNECTIONS = 10

/**
 * List and search at the largest dataset against 10k, with the response cache off (RESPONSE_CACHE_ENTRIES=0) so
 * every request runs its SQL: the bench's scenarios repeat one URL, so with the cache on they are cache hits at both
 * sizes. Two apps, one per dataset, start side by side on the server core; per scenario each gets a warm-up run, then
 * `repeats` rounds of one run each, back to back, the order alternating. Each dataset's own deep cursor (~90% of its
 * list) is used. The check is the median of per-round req/s ratios (large / reference).
 */
async function databaseScaling (reference: DatasetResult, large: DatasetResult, options: BenchOptions, tool: LoadTool): Promise<ScalingScenario[]> {
  const uncached = { ...options, connections: SCALING_CONNECTIONS, env: { RESPONSE_CACHE_ENTRIES: '0' } }
  const ids = SCALING_SCENARIOS.filter((id) => options.scenarios === null || options.scenarios.includes(id))
  const apps: Managed[] = []
  const results: ScalingScenario[] = []
  if (ids.length === 0) return results
  log(`scaling: ${large.synthetic} vs ${reference.synthetic} articles, response cache off`)
  try {
    apps.push(await startApp(reference.databasePath, ARTICLE_PATH, uncached))
    apps.push(await startApp(large.databasePath, ARTICLE_PATH, uncached))
    const [referenceApp, largeApp] = apps as [Managed, Managed]
    const label = `${large.synthetic}/${reference.synthetic} req/s, cache off`
    for (const id of ids) {
      const of = (dataset: DatasetResult): MeasuredScenario | undefined => dataset.scenarios.find((s) => s.id === id)
      const [ref, big] = [of(reference), of(large)]
      if (ref === undefined || big === undefined || ref.skipped !== null || big.skipped !== null) {
        results.push({ id, paths: { reference: ref?.path ?? '', large: big?.path ?? '' }, reference: [], large: [],
          check: scalingCheck(id, [], [], label, ref?.skipped ?? big?.skipped ?? 'n/a - not measured') })
        continue
      }
      const targetOf = (s: MeasuredScenario): Target => ({ spec: SCENARIOS.find((x) => x.id === id)!, path: s.path, headers: {}, status: 200, skipped: null })
      const referenceRuns: MeasuredLoad[] = []
      const largeRuns: MeasuredLoad[] = []
      const sides: Array<[Managed, Target, MeasuredLoad[]]> = [[referenceApp, targetOf(ref), referenceRuns], [largeApp, targetOf(big), largeRuns]]
      if (options.warmupS > 0) for (const [app, target] of sides) await load(tool, app, target, uncached, options.warmupS)
      for (let round = 0; round < options.repeats; round++) {
        for (const [app, target, runs] of round % 2 === 0 ? sides : [...sides].reverse()) {
          const result = await load(tool, app, target, uncached, options.durationS)
          runs.push(result)
          log(`  cache off, round ${round + 1}/${options.repeats} ${id.padEnd(10)} ${app === referenceApp ? reference.synthetic : large.synthetic} articles: ` +
            `${formatNumber(result.rps)} req/s p99 ${formatNumber(result.p99)} ms, ${formatNumber(result.cpuUsPerRequest)} us CPU/req`)
        }
      }
      const unexpected = [...referenceRuns, ...largeRuns].reduce((sum, r) => sum + unexpectedResponses(r, 200), 0)
      results.push({
        id,
        paths: { reference: ref.path, large: big.path },
        reference: referenceRuns,
        large: largeRuns,
        check: unexpected > 0
          ? scalingCheck(id, [], [], label, `invalid - ${unexpected} responses were not 200 or failed`)
          : scalingCheck(id, referenceRuns.map(stats), largeRuns.map(stats), label,
            `req/s ${formatNumber(median(referenceRuns.map((r) => r.rps)))} / ${formatNumber(median(largeRuns.map((r) => r.rps)))}`)
      })
    }
  } finally {
    for (const app of apps) await stop(app)
  }
  return results
}

/** One post-idle run of the idle check: the app's article 200 and the ceiling's runs right before and after it. */
interface IdleRun { idleS: number, app: LoadResult, ceilingBefore: LoadResult, ceilingAfter: LoadResult, ratio: number | null }

/**
 * Fresh servers left idle for at least idleS after start, then article 200 measured with no warm-up of their own,
 * each against a warm ceiling measured right before and right after it (the mean of the two): on this VM, whose
 * speed drifts up to 2x within minutes, one ceiling run on either side alone moved the ratio by more than the idle
 * period did. `repeats` apps start together and sit idle side by side (idle processes cost the others nothing), then
 * are measured one after another, ceiling / app 1 / ceiling / app 2 / ... / ceiling (neighbouring apps share the
 * ceiling run between them): the check is the median of their ratios, as for the other scenarios, and the k-th app
 * has sat idle (k - 1) x 2 x durationS longer than the first. The ceiling's warm-up and first run fall at the end of
 * the idle period (or, when idleS is too short to hold them, before the apps start).
 */
async function idleCheck (dataset: DatasetResult, options: BenchOptions, tool: LoadTool, workDir: string):
Promise<{ idleS: number, synthetic: number, runs: IdleRun[], check: Check }> {
  const target = { path: ARTICLE_PATH, headers: {} } as Target
  const ceiling = await startCeiling(join(workDir, `ceiling-${dataset.synthetic}.json`))
  const ceilingRun = async (): Promise<LoadResult> => {
    if (options.warmupS > 0) await load(tool, ceiling, target, options, options.warmupS)
    return await load(tool, ceiling, target, options, options.durationS)
  }
  const lead = options.warmupS + options.durationS
  const duringIdle = options.idleS >= lead
  const apps: Managed[] = []
  const runs: IdleRun[] = []
  try {
    const early = duringIdle ? undefined : await ceilingRun()
    const startedAt: number[] = []
    for (let i = 0; i < options.repeats; i++) {
      const started = await startApp(dataset.databasePath, ARTICLE_PATH, options)
      apps.push(started)
      startedAt.push(performance.now())
      log(`idle check: app ${i + 1} of ${options.repeats} up in ${started.startupMs.toFixed(0)} ms`)
    }
    log(`idle check: idle ${options.idleS} s ...`)
    const untilRun = (i: number): number => startedAt[i]! + options.idleS * 1000 - performance.now()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, untilRun(0) - (duringIdle ? lead * 1000 : 0))))
    let before = early ?? await ceilingRun()
    for (const [i, app] of apps.entries()) {
      const wait = untilRun(i)
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const idleS = (performance.now() - startedAt[i]!) / 1000
      const appResult = await load(tool, app, target, options, options.durationS)
      await stop(app)
      const after = await load(tool, ceiling, target, options, options.durationS)
      const valid = [before, after].every((r) => unexpectedResponses(r, 200) === 0) && unexpectedResponses(appResult, 200) === 0
      const run = { idleS, app: appResult, ceilingBefore: before, ceilingAfter: after, ratio: valid ? ratio(appResult.rps, (before.rps + after.rps) / 2) : null }
      runs.push(run)
      log(`idle check: app ${i + 1} after ${idleS.toFixed(0)} s idle: ceiling ${formatNumber(before.rps)} req/s before, app ${formatNumber(appResult.rps)} ` +
        `(p99 ${formatNumber(appResult.p99)} ms), ceiling ${formatNumber(after.rps)} after: ${formatNumber(run.ratio)}`)
      before = after
    }
  } finally {
    for (const app of apps) await stop(app)
    await stop(ceiling)
  }
  const ratios = runs.map((r) => r.ratio)
  return {
    idleS: options.idleS,
    synthetic: dataset.synthetic,
    runs,
    check: atLeast(`article200 req/s ratio after ${options.idleS} s idle (median of ${runs.length})`,
      ratios.some((r) => r === null) ? null : median(ratios as number[]),
      SCENARIOS.find((s) => s.id === 'article200')!.minRpsRatio, `runs ${ratios.map((r) => formatNumber(r)).join(' / ')}`)
  }
}

const pad = (value: string, width: number): string => value.padStart(width)

function printDataset (dataset: DatasetResult): void {
  console.log(`\n== seed + ${dataset.synthetic} synthetic articles (${dataset.articles ?? '?'} published) ==`)
  console.log(`${'scenario'.padEnd(30)}${pad('app req/s', 11)}${pad('ceil req/s', 11)}${pad('ratio', 7)}${pad('target', 8)}` +
    `${pad('p50 app/ceil ms', 17)}${pad('p99 app/ceil ms', 17)}${pad('p99 ratio', 10)}  verdict  ${pad('CPU us/req app/ceil', 20)}${pad('cpu ratio', 10)}`)
  for (const s of dataset.scenarios) {
    if (s.skipped !== null || s.app === null || s.ceiling === null) {
      console.log(`${s.label.padEnd(30)}  ${s.skipped ?? 'n/a'}`)
      continue
    }
    const [rpsCheck, p99Check] = s.checks
    const verdicts = s.checks.map((c) => c.verdict).filter((v) => v !== '-')
    console.log(`${s.label.padEnd(30)}${pad(formatNumber(s.app.rps), 11)}${pad(formatNumber(s.ceiling.rps), 11)}` +
      `${pad(formatNumber(rpsCheck?.value ?? null), 7)}${pad(rpsCheck?.limit ?? '-', 8)}` +
      `${pad(`${formatNumber(s.app.p50)}/${formatNumber(s.ceiling.p50)}`, 17)}${pad(`${formatNumber(s.app.p99)}/${formatNumber(s.ceiling.p99)}`, 17)}` +
      `${pad(p99Check === undefined ? '-' : `${formatNumber(p99Check.value)}`, 10)}  ${(verdicts.length === 0 ? '-' : verdicts.includes('FAIL') ? 'FAIL' : 'PASS').padEnd(7)}` +
      `${pad(`${formatNumber(s.cpu.appUs, 1)}/${formatNumber(s.cpu.ceilingUs, 1)}`, 20)}${pad(formatNumber(s.cpu.ratio), 10)}`)
  }
  console.log(`RSS after load: app ${formatNumber(dataset.rss.appMiB, 1)} MiB (peak ${formatNumber(dataset.rss.appPeakMiB, 1)}), ` +
    `ceiling ${formatNumber(dataset.rss.ceilingMiB, 1)} MiB`)
  for (const check of dataset.checks) printCheck(check)
}

function printCheck (check: Check): void {
  console.log(`  ${check.verdict.padEnd(4)} ${check.name}: ${formatNumber(check.value)} (target ${check.limit})${check.note === undefined ? '' : ` - ${check.note}`}`)
}

function gitCommit (): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return null
  }
}

async function main (): Promise<void> {
  const options = readBenchOptions()
  const unknown = (options.scenarios ?? []).filter((id) => !SCENARIOS.some((s) => s.id === id))
  if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')}; one of ${SCENARIOS.map((s) => s.id).join(', ')}`)
  const tool = chooseLoadTool(options.loadgen)
  pinSelfToLoadCore()
  const startedAt = new Date()
  log(`load generator: ${tool}; pinning: ${PINNING.enabled ? 'servers on core 0, load on core 1' : `off (${PINNING.reason})`}; ` +
    `${options.connections} connections, ${options.durationS} s x ${options.repeats} runs, warm-up ${options.warmupS} s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  log(`server: LOG_LEVEL=${options.logLevel}, access log ${options.accessLog ? 'on' : 'off'}, rate limiter ${options.rateLimit ? 'on (limits raised out of reach)' : 'off (as behind a CDN that limits)'}`)
  const workDir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'))
  try {
    await benchmark(options, tool, workDir, startedAt)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

async function benchmark (options: BenchOptions, tool: LoadTool, workDir: string, startedAt: Date): Promise<void> {
  const datasets: DatasetResult[] = []
  // The start-up checks measure starts with V8's code cache, as production runs after its first start.
  log('priming the code cache: one start of the measured command, held 3 s')
  await primeCodeCache(ensureBenchDatabase(options.sizes[0]!, log).path, ARTICLE_PATH, options)
  for (const synthetic of options.sizes) datasets.push(await benchDataset(synthetic, options, tool, workDir))
  datasets.forEach(printDataset)

  const bySize = (n: number): DatasetResult | undefined => datasets.find((d) => d.synthetic === n)
  const reference = bySize(10_000)
  const largest = bySize(Math.max(...options.sizes))
  let scalingRuns: ScalingScenario[] = []
  if (reference !== undefined && largest !== undefined && largest !== reference) {
    scalingRuns = await databaseScaling(reference, largest, options, tool)
    if (scalingRuns.length > 0) {
      console.log(`\n== ${largest.synthetic} vs ${reference.synthetic} articles, response cache off (req/s keeps >= 90%) ==`)
      for (const s of scalingRuns) printCheck(s.check)
    }
  }
  const scaling = scalingRuns.map((s) => s.check)

  let idle: Awaited<ReturnType<typeof idleCheck>> | null = null
  if (options.idle) {
    idle = await idleCheck(reference ?? datasets[0]!, options, tool, workDir)
    console.log('\n== idle ==')
    printCheck(idle.check)
  }

  const allChecks = [...datasets.flatMap((d) => [...d.checks, ...d.scenarios.flatMap((s) => s.checks)]), ...scaling, ...(idle === null ? [] : [idle.check])]
  const count = (verdict: string): number => allChecks.filter((c) => c.verdict === verdict).length
  const summary = { pass: count('PASS'), fail: count('FAIL'), notApplicable: count('n/a') }
  console.log(`\n${summary.pass} PASS, ${summary.fail} FAIL, ${summary.notApplicable} n/a`)

  const resultsDir = join(ROOT, 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const markdown = markdownReport(datasets, [...scaling, ...(idle === null ? [] : [idle.check])],
    `Run ${startedAt.toISOString()} (commit ${gitCommit() ?? '?'}, ${process.version}, ${tool}, ${options.connections} connections, ` +
    `${options.durationS} s x ${options.repeats} interleaved runs after ${options.warmupS} s warm-up, LOG_LEVEL=${options.logLevel}, access log ${options.accessLog ? 'on' : 'off'}, ` +
    `rate limiter ${options.rateLimit ? 'on' : 'off'}; medians; results ${file.replace(`${ROOT}`, '')})`)
  console.log(`\n${markdown}`)
  writeFileSync(file.replace(/\.json$/, '.md'), markdown)
  writeFileSync(file, `${JSON.stringify({
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpus: cpus().map((c) => c.model),
    loadAverageAtEnd: loadavg(),
    pinning: PINNING,
    loadTool: tool,
    options,
    datasets,
    scaling: scalingRuns,
    idle,
    summary
  }, null, 2)}\n`)
  console.log(`results: ${file}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
