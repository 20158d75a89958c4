// The benchmark's pure parts: medians, ratios, verdicts, the wrk parser, profile summaries and BENCH_* options.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { median, pairedRatios, scalingCheck, scenarioChecks, SCENARIOS, summarizeRuns, type RunStats, type ScenarioResult } from '../../bench/targets.js'
import { parseWrkOutput, unexpectedResponses } from '../../bench/loadgen.js'
import { summarizeProfile, type CpuProfile } from '../../bench/cpuprofile.js'
import { readBenchOptions } from '../../bench/options.js'

const spec = (id: string) => SCENARIOS.find((s) => s.id === id)!
/** A measured scenario from one pair of runs. */
const measured = (id: ScenarioResult['id'], app: RunStats, ceiling: RunStats): ScenarioResult =>
  ({ id, skipped: null, app, ceiling, ratios: pairedRatios([app], [ceiling]) })

test('median of odd and even counts, and NaN for none', () => {
  assert.equal(median([3, 1, 2]), 2)
  assert.equal(median([4, 1, 3, 2]), 2.5)
  assert.ok(Number.isNaN(median([])))
  assert.deepEqual(summarizeRuns([{ rps: 10, p50: 1, p99: 9 }, { rps: 30, p50: 3, p99: 5 }, { rps: 20, p50: 2, p99: 7 }]), { rps: 20, p50: 2, p99: 7 })
})

test('a cached read passes on req/s ratio and p99 ratio, and fails when either misses', () => {
  const result = (appRps: number, appP99: number): ScenarioResult =>
    measured('article200', { rps: appRps, p50: 1, p99: appP99 }, { rps: 1000, p50: 1, p99: 2 })
  assert.deepEqual(scenarioChecks(spec('article200'), result(750, 3)).map((c) => c.verdict), ['PASS', 'PASS'])
  assert.deepEqual(scenarioChecks(spec('article200'), result(749, 3)).map((c) => c.verdict), ['FAIL', 'PASS'])
  assert.deepEqual(scenarioChecks(spec('article200'), result(900, 3.1)).map((c) => c.verdict), ['PASS', 'FAIL'])
  const [rps] = scenarioChecks(spec('article200'), result(750, 3))
  assert.equal(rps?.value, 0.75)
})

test('a skipped scenario is n/a with its reason; a scenario without a target is reported only', () => {
  const skipped = scenarioChecks(spec('article304'), { id: 'article304', skipped: 'n/a - no ETag', app: null, ceiling: null, ratios: null })
  assert.deepEqual(skipped.map((c) => c.verdict), ['n/a', 'n/a'])
  assert.equal(skipped[0]?.note, 'n/a - no ETag')
  const deep = scenarioChecks(spec('listDeep'), measured('listDeep', { rps: 1, p50: 1, p99: 1 }, { rps: 10, p50: 1, p99: 1 }))
  assert.deepEqual(deep.map((c) => c.verdict), ['-'])
})

test('scaling compares the apps\' req/s round by round: 100k must keep 90% of 10k', () => {
  const runs = (...rps: number[]): RunStats[] => rps.map((r) => ({ rps: r, p50: 1, p99: 1 }))
  assert.equal(scalingCheck('search', runs(1000), runs(900), 'x').verdict, 'PASS')
  const failed = scalingCheck('search', runs(1000), runs(890), 'x', 'req/s 1000 / 890')
  assert.deepEqual([failed.verdict, failed.value, failed.limit, failed.note], ['FAIL', 0.89, '>= 0.9', 'req/s 1000 / 890'])
  // A slow round shared by both apps (the VM's drift) cancels out: every round says 0.95.
  assert.equal(scalingCheck('listFirst', runs(1000, 500, 1000), runs(950, 475, 950), 'x').value, 0.95)
  // Nothing measured (a skipped scenario, invalid runs) is n/a, never a pass.
  assert.equal(scalingCheck('search', [], [], 'x', 'n/a - q rejected').verdict, 'n/a')
})

test('verdict ratios are medians of per-pair ratios, so a slow minute shared by both servers cancels out', () => {
  const run = (rps: number, p99: number): RunStats => ({ rps, p50: 1, p99 })
  // Pair 2 ran while the machine was twice as slow: both servers halved. Each pair says 0.8.
  const app = [run(800, 2), run(400, 4), run(800, 2)]
  const ceiling = [run(1000, 1), run(500, 2), run(1000, 1)]
  assert.deepEqual(pairedRatios(app, ceiling), { rps: 0.8, p99: 2 })
  // One run slowed alone (pair 3's app): the median of pairs shrugs it off; the ratio of the servers' medians
  // (app 600 from a slow pair / ceiling 1000 from a fast one = 0.6) would not.
  assert.equal(pairedRatios([run(800, 2), run(400, 2), run(600, 2)], [run(1000, 1), run(500, 1), run(1000, 1)]).rps, 0.8)
  // Unpaired runs (a repeat that failed on one side) are left out; none at all is null.
  assert.deepEqual(pairedRatios([run(800, 2), run(1, 1)], [run(1000, 1)]), { rps: 0.8, p99: 2 })
  assert.deepEqual(pairedRatios([], []), { rps: null, p99: null })
})

test('wrk --latency output is parsed into req/s, ms percentiles and failures', () => {
  const output = `Running 5s test @ http://127.0.0.1:4000/headlines
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms  512.00us  12.00ms   90.00%
    Req/Sec    24.00k     1.00k   25.00k    80.00%
  Latency Distribution
     50%  850.00us
     75%    2.00ms
     90%    3.00ms
     99%    1.20s
  120000 requests in 5.00s, 90.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:  24000.50
Transfer/sec:     18.00MB
`
  const result = parseWrkOutput(output)
  assert.equal(result.rps, 24000.5)
  assert.equal(result.p50, 0.85)
  assert.equal(result.p99, 1200)
  assert.equal(result.total, 120000)
  assert.deepEqual(result.statusCodes, { other: 7 })
  assert.equal(unexpectedResponses(result, 200), 10)
  assert.throws(() => parseWrkOutput('unable to connect to 127.0.0.1:1'), /cannot parse wrk output/)
})

test('autocannon status counts other than the expected one are unexpected', () => {
  const result = { tool: 'autocannon' as const, rps: 1, p50: 1, p99: 1, total: 10, statusCodes: { 304: 9, 200: 1 }, errors: 0, timeouts: 0 }
  assert.equal(unexpectedResponses(result, 304), 1)
  assert.equal(unexpectedResponses(result, 200), 9)
})

test('a profile summary counts self time per function and package inside the window, idle apart', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: 'serialize', url: 'file:///app/node_modules/fast-json-stringify/index.js', lineNumber: 9 } },
      { id: 3, callFrame: { functionName: 'findArticleBySlug', url: 'file:///app/dist/db/article-store.js', lineNumber: 36 } }
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [3, 2, 2, 3, 1],
    timeDeltas: [1000, 2000, 2000, 2000, 3000]
  }
  const all = summarizeProfile(profile)
  assert.equal(all.busyMs, 7)
  assert.equal(all.idleMs, 3)
  assert.deepEqual(all.packages.map((p) => [p.name, p.ms]), [['fast-json-stringify', 4], ['app:db/article-store.js', 3]])
  assert.equal(all.functions[0]?.name, 'serialize node_modules/fast-json-stringify/index.js:10')
  // Samples fall at t = 1, 3, 5, 7 and 10 ms; the last 5 ms hold those at 5, 7 (busy) and 10 (idle).
  const window = summarizeProfile(profile, 5)
  assert.deepEqual([window.busyMs, window.idleMs], [4, 3])
  assert.deepEqual(window.packages.map((p) => [p.name, p.ms]), [['fast-json-stringify', 2], ['app:db/article-store.js', 2]])
})

test('BENCH_* options have defaults and reject bad values by name', () => {
  const defaults = readBenchOptions({})
  assert.deepEqual(defaults.sizes, [10, 10_000, 100_000])
  assert.equal(defaults.durationS, 5)
  assert.equal(defaults.idle, false)
  assert.equal(defaults.accessLog, true)
  assert.equal(readBenchOptions({ BENCH_ACCESS_LOG: '0' }).accessLog, false)
  assert.deepEqual(readBenchOptions({ BENCH_SIZES: '10, 500', BENCH_IDLE: '1' }).sizes, [10, 500])
  assert.equal(defaults.scenarios, null)
  assert.deepEqual(readBenchOptions({ BENCH_SCENARIOS: 'article200, article304' }).scenarios, ['article200', 'article304'])
  assert.throws(() => readBenchOptions({ BENCH_DURATION: '0' }), /BENCH_DURATION must be an integer >= 1/)
  assert.throws(() => readBenchOptions({ BENCH_SIZES: 'lots' }), /BENCH_SIZES/)
  assert.throws(() => readBenchOptions({ BENCH_QUERY: 'a b' }), /BENCH_QUERY/)
})
