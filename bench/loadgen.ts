// Owns the load generator: wrk when installed (BENCH_LOADGEN=auto|wrk), else autocannon in a child process; both run
// pinned to the load core, bounded in time, and report req/s, p50/p99 latency (ms) and status counts.
import { execFile, execFileSync } from 'node:child_process'
import { pinned, ROOT } from './processes.js'

export interface LoadOptions { url: string, connections: number, durationS: number, headers?: Record<string, string> }

export interface LoadResult {
  tool: 'autocannon' | 'wrk'
  rps: number
  p50: number | null
  p99: number | null
  total: number
  /** Count per HTTP status (autocannon); wrk only reports responses outside 2xx/3xx, under "other". */
  statusCodes: Record<string, number>
  errors: number
  timeouts: number
}

export type LoadTool = 'autocannon' | 'wrk'

export function chooseLoadTool (requested: string): LoadTool {
  const hasWrk = (): boolean => {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' })
      return true
    } catch (error) {
      // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
      return (error as NodeJS.ErrnoException).code !== 'ENOENT'
    }
  }
  if (requested === 'autocannon') return 'autocannon'
  if (requested === 'wrk') {
    if (!hasWrk()) throw new Error('BENCH_LOADGEN=wrk but wrk is not installed')
    return 'wrk'
  }
  return hasWrk() ? 'wrk' : 'autocannon'
}

async function run (command: string, args: string[], timeoutMs: number): Promise<string> {
  return await new Promise((resolve, reject) => {
    execFile(command, args, { cwd: ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message} ${stderr}`))
      else resolve(stdout)
    })
  })
}

export async function runLoad (tool: LoadTool, options: LoadOptions): Promise<LoadResult> {
  const timeoutMs = (options.durationS + 30) * 1000
  if (tool === 'autocannon') {
    const spec = JSON.stringify({ url: options.url, connections: options.connections, duration: options.durationS, headers: options.headers ?? {} })
    const [command, args] = pinned('1', process.execPath, ['bench/load-autocannon.mjs', spec])
    return JSON.parse(await run(command, args, timeoutMs)) as LoadResult
  }
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`])
  const [command, args] = pinned('1', 'wrk', ['-t1', `-c${options.connections}`, `-d${options.durationS}s`, '--latency', ...headerArgs, options.url])
  return parseWrkOutput(await run(command, args, timeoutMs))
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

function toMs (value: string, unit: string): number {
  const factor = UNIT_MS[unit]
  if (factor === undefined) throw new Error(`unknown wrk latency unit ${unit}`)
  return Number(value) * factor
}

/** Parses `wrk --latency` output. */
export function parseWrkOutput (output: string): LoadResult {
  const percentile = (p: string): number | null => {
    const match = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output)
    return match === null ? null : toMs(match[1]!, match[2]!)
  }
  const totals = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m),/m.exec(output)
  if (totals === null) throw new Error(`cannot parse wrk output: ${output.slice(0, 500)}`)
  const total = Number(totals[1])
  const other = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  return {
    tool: 'wrk',
    rps: Number(/^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1] ?? total / (toMs(totals[2]!, totals[3]!) / 1000)),
    p50: percentile('50'),
    p99: percentile('99'),
    total,
    statusCodes: other > 0 ? { other } : {},
    errors: socket === null ? 0 : Number(socket[1]) + Number(socket[2]) + Number(socket[3]),
    timeouts: socket === null ? 0 : Number(socket[4])
  }
}

/** Responses outside the expected status (autocannon counts each status; wrk only non-2xx/3xx). */
export function unexpectedResponses (result: LoadResult, expectedStatus: number): number {
  return Object.entries(result.statusCodes).reduce((sum, [code, count]) => code === String(expectedStatus) ? sum : sum + count, 0) +
    result.errors + result.timeouts
}
