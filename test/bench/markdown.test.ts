// The benchmark's markdown summary: one row per scenario with ratio and verdict, skipped scenarios named, checks listed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { markdownReport } from '../../bench/markdown.js'
import { atLeast, atMost, pairedRatios, scenarioChecks, SCENARIOS } from '../../bench/targets.js'

test('markdownReport renders scenarios with ratios and verdicts, skipped ones with their reason, and the checks', () => {
  const article = SCENARIOS.find((s) => s.id === 'article200')!
  const app = { rps: 8000, p50: 1, p99: 3 }
  const ceiling = { rps: 10000, p50: 1, p99: 2 }
  const measured = { id: 'article200' as const, skipped: null, app, ceiling, ratios: pairedRatios([app], [ceiling]) }
  const report = markdownReport([{
    synthetic: 10,
    articles: 25,
    startupMs: 420,
    rss: { appMiB: 80, ceilingMiB: 60 },
    checks: [atMost('startup ms (spawn to first 200)', 420, 500)],
    scenarios: [
      { label: article.label, ...measured, checks: scenarioChecks(article, measured), cpu: { appUs: 50, ceilingUs: 40, ratio: 0.8 } },
      { label: 'GET /articles?q=', skipped: 'n/a - search not available', app: null, ceiling: null, checks: [] }
    ]
  }], [atLeast('search 100000/10000', 0.5, 0.9, 'req/s 200 / 100')], 'Run X')
  const lines = report.split('\n')
  assert.equal(lines[0], 'Run X')
  assert.ok(lines.includes('| 25 | GET /articles/:slug 200 | 8000 | 10000 | 0.80 | >= 0.75 | 3.00 / 2.00 | 1.50 | PASS | 50.0 / 40.0 | 0.80 |'), report)
  assert.ok(lines.includes('| 25 | GET /articles?q= | n/a - search not available | | | | | | n/a | | |'), report)
  assert.ok(lines.includes('| 25 articles: startup ms (spawn to first 200) | 420 | <= 500 | PASS |'), report)
  assert.ok(lines.includes('| 25 articles: RSS app / ceiling MiB | 80.0 / 60.0 | | |'), report)
  assert.ok(lines.includes('| search 100000/10000 (req/s 200 / 100) | 0.50 | >= 0.9 | FAIL |'), report)
})
