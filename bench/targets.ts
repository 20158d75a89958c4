// Owns the benchmark's scenarios, targets and verdicts: pure functions over measured numbers, unit-tested.

export type ScenarioId = 'article200' | 'article304' | 'listFirst' | 'listDeep' | 'search' | 'headlines'

export interface ScenarioSpec {
  id: ScenarioId
  label: string
  /** Minimum app req/s as a fraction of the ceiling's; null = reported, no target. */
  minRpsRatio: number | null
  /** Reads the response cache will serve: their p99 must stay within P99_MAX_RATIO of the ceiling's. */
  cachedRead: boolean
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  { id: 'article200', label: 'GET /articles/:slug 200', minRpsRatio: 0.75, cachedRead: true },
  { id: 'article304', label: 'GET /articles/:slug 304', minRpsRatio: 0.9, cachedRead: true },
  { id: 'headlines', label: 'GET /headlines', minRpsRatio: 0.75, cachedRead: true },
  { id: 'listFirst', label: 'GET /articles (first page)', minRpsRatio: 0.45, cachedRead: true },
  { id: 'listDeep', label: 'GET /articles?cursor= (deep)', minRpsRatio: null, cachedRead: false },
  { id: 'search', label: 'GET /articles?q=', minRpsRatio: 0.2, cachedRead: false }
]

export const P99_MAX_RATIO = 1.5
export const RSS_MAX_RATIO = 1.4
export const STARTUP_MAX_MS = 500
/** At the largest dataset, uncached list and search keep at least this fraction of their req/s at 10k. */
export const SCALING_MIN_FRACTION = 0.9
export const SCALING_SCENARIOS: readonly ScenarioId[] = ['listFirst', 'listDeep', 'search']

export type Verdict = 'PASS' | 'FAIL' | 'n/a' | '-'

export interface Check { name: string, value: number | null, limit: string, verdict: Verdict, note?: string }

export function median (values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function ratio (app: number, ceiling: number): number | null {
  return Number.isFinite(app) && Number.isFinite(ceiling) && ceiling > 0 ? app / ceiling : null
}

/** value >= min passes (throughput-like). */
export function atLeast (name: string, value: number | null, min: number | null, note?: string): Check {
  if (min === null) return { name, value, limit: '-', verdict: '-', ...(note === undefined ? {} : { note }) }
  if (value === null) return { name, value, limit: `>= ${min}`, verdict: 'n/a', ...(note === undefined ? {} : { note }) }
  return { name, value, limit: `>= ${min}`, verdict: value >= min ? 'PASS' : 'FAIL', ...(note === undefined ? {} : { note }) }
}

/** value <= max passes (latency-, memory-like). */
export function atMost (name: string, value: number | null, max: number | null, note?: string): Check {
  if (max === null) return { name, value, limit: '-', verdict: '-', ...(note === undefined ? {} : { note }) }
  if (value === null) return { name, value, limit: `<= ${max}`, verdict: 'n/a', ...(note === undefined ? {} : { note }) }
  return { name, value, limit: `<= ${max}`, verdict: value <= max ? 'PASS' : 'FAIL', ...(note === undefined ? {} : { note }) }
}

export interface RunStats { rps: number, p50: number, p99: number }

/** Median of each statistic over repeated runs of one server on one scenario. */
export function summarizeRuns (runs: readonly RunStats[]): RunStats {
  return { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) }
}

export interface PairedRatios { rps: number | null, p99: number | null }

export interface ScenarioResult {
  id: ScenarioId
  /** Why the scenario was not measured (e.g. the app has no ETags yet); null when measured. */
  skipped: string | null
  /** Medians of each server's runs (reported). */
  app: RunStats | null
  ceiling: RunStats | null
  /** What the verdicts compare: app / ceiling within each back-to-back pair of runs, median over the pairs. */
  ratios: PairedRatios | null
}

/**
 * app / ceiling per pair of runs made back to back (run i of each), median over the pairs. This VM's speed drifts
 * over minutes (the ceiling's own req/s moved 2x within one run); a pair shares the moment it ran in, so drift cancels
 * within it, whereas a ratio of the two servers' medians can pair a fast minute of one with a slow minute of the other.
 */
export function pairedRatios (app: readonly RunStats[], ceiling: readonly RunStats[]): PairedRatios {
  const of = (stat: 'rps' | 'p99'): number | null => {
    const ratios = app.flatMap((run, i) => {
      const r = ceiling[i] === undefined ? null : ratio(run[stat], ceiling[i]![stat])
      return r === null ? [] : [r]
    })
    return ratios.length === 0 ? null : median(ratios)
  }
  return { rps: of('rps'), p99: of('p99') }
}

/** The checks for one measured scenario: req/s ratio and, for cached reads, p99 ratio. */
export function scenarioChecks (spec: ScenarioSpec, result: ScenarioResult): Check[] {
  const checks = [atLeast(`${spec.id} req/s ratio`, result.ratios?.rps ?? null, spec.minRpsRatio, result.skipped ?? undefined)]
  if (spec.cachedRead) {
    checks.push(atMost(`${spec.id} p99 ratio`, result.ratios?.p99 ?? null, P99_MAX_RATIO, result.skipped ?? undefined))
  }
  return checks
}

/**
 * The database half of scaling: the same scenario on two apps with the response cache off, one on the reference
 * dataset and one on the large one, run back to back in rounds; the large app must keep >= SCALING_MIN_FRACTION of
 * the reference app's req/s (median of per-round ratios). With the cache on, the bench's fixed URLs are cache hits at
 * every size and a 100k/10k comparison of them would measure only the VM.
 */
export function scalingCheck (id: ScenarioId, reference: readonly RunStats[], large: readonly RunStats[], label: string, note?: string): Check {
  return atLeast(`${id} ${label}`, pairedRatios(large, reference).rps, SCALING_MIN_FRACTION, note)
}

export function formatNumber (value: number | null, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return 'n/a'
  return value >= 100 ? Math.round(value).toString() : value.toFixed(digits)
}
