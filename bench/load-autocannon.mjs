// One load run with autocannon's API, in its own process (pinned to the load core by the caller); prints one JSON line.
// Latency percentiles come from every response time (float ms), not autocannon's 1 ms-resolution histogram, so
// sub-millisecond p50/p99 can be compared. usage: node bench/load-autocannon.mjs '{"url", "connections", "duration", "headers"}'
import autocannon from 'autocannon'

const options = JSON.parse(process.argv[2])
const times = []
const instance = autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.duration,
  headers: options.headers ?? {},
  pipelining: 1
})
instance.on('response', (_client, _status, _bytes, responseTime) => { times.push(responseTime) })
const result = await instance
const sorted = Float64Array.from(times).sort()
const percentile = (p) => sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
const statusCodes = {}
for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(count)
process.stdout.write(`${JSON.stringify({
  tool: 'autocannon',
  rps: result.requests.total / result.duration,
  p50: percentile(0.5),
  p99: percentile(0.99),
  total: result.requests.total,
  duration: result.duration,
  statusCodes,
  errors: result.errors,
  timeouts: result.timeouts
})}\n`)
