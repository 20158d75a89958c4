// Owns the benchmark's markdown summary: one table per run, ready to paste into BENCHMARKS.md (pure, unit-tested).
import { formatNumber, type Check, type RunStats } from './targets.js'

export interface MarkdownScenario {
  label: string
  skipped: string | null
  app: RunStats | null
  ceiling: RunStats | null
  checks: Check[]
  /** Server CPU per response (us) and ceiling/app; reported beside the targets, not a target. */
  cpu?: { appUs: number | null, ceilingUs: number | null, ratio: number | null }
}
export interface MarkdownDataset {
  synthetic: number
  articles: number | null
  startupMs: number
  rss: { appMiB: number | null, ceilingMiB: number | null }
  checks: Check[]
  scenarios: MarkdownScenario[]
}

const verdictOf = (checks: Check[]): string => {
  const verdicts = checks.map((c) => c.verdict).filter((v) => v !== '-')
  return verdicts.length === 0 ? '-' : verdicts.includes('FAIL') ? 'FAIL' : verdicts.includes('n/a') ? 'n/a' : 'PASS'
}

const checkRow = (check: Check): string =>
  `| ${check.name}${check.note === undefined ? '' : ` (${check.note})`} | ${formatNumber(check.value)} | ${check.limit} | ${check.verdict} |`

export function markdownReport (datasets: MarkdownDataset[], extraChecks: Check[], header: string): string {
  const lines = [header, '',
    '| articles | scenario | app req/s | ceiling req/s | ratio (pairs) | target | p99 app / ceiling ms | p99 ratio (pairs, <= 1.5) | verdict | CPU us/req app / ceiling | CPU ratio |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|']
  for (const d of datasets) {
    for (const s of d.scenarios) {
      if (s.skipped !== null || s.app === null || s.ceiling === null) {
        lines.push(`| ${d.articles ?? d.synthetic} | ${s.label} | ${s.skipped ?? 'n/a'} | | | | | | n/a | | |`)
        continue
      }
      const [rps, p99] = s.checks
      lines.push(`| ${d.articles ?? d.synthetic} | ${s.label} | ${formatNumber(s.app.rps)} | ${formatNumber(s.ceiling.rps)} | ` +
        `${formatNumber(rps?.value ?? null)} | ${rps?.limit ?? '-'} | ${formatNumber(s.app.p99)} / ${formatNumber(s.ceiling.p99)} | ` +
        `${p99 === undefined ? '-' : formatNumber(p99.value)} | ${verdictOf(s.checks)} | ` +
        `${formatNumber(s.cpu?.appUs ?? null, 1)} / ${formatNumber(s.cpu?.ceilingUs ?? null, 1)} | ${formatNumber(s.cpu?.ratio ?? null)} |`)
    }
  }
  lines.push('', '| check | value | target | verdict |', '|---|---:|---|---|')
  for (const d of datasets) {
    for (const check of d.checks) lines.push(checkRow({ ...check, name: `${d.articles ?? d.synthetic} articles: ${check.name}` }))
    lines.push(`| ${d.articles ?? d.synthetic} articles: RSS app / ceiling MiB | ${formatNumber(d.rss.appMiB, 1)} / ${formatNumber(d.rss.ceilingMiB, 1)} | | |`)
  }
  for (const check of extraChecks) lines.push(checkRow(check))
  return `${lines.join('\n')}\n`
}
