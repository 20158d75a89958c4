// Owns the benchmark's child processes: CPU pinning (taskset), the compiled app and the ceiling server, readiness,
// startup time, RSS from /proc, and time-bounded shutdown. Everything listens on 127.0.0.1 only.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { bundleHash, readCodeCache } from '../src/code-cache.js'
import { readStartCommand } from './start-command.js'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))

function hasTaskset (): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Core assignment: server(s) on core 0, load generator (and this orchestrator) on core 1, when possible. */
export const PINNING = hasTaskset() && availableParallelism() >= 2
  ? { enabled: true as const, serverCore: '0', loadCore: '1' }
  : { enabled: false as const, reason: availableParallelism() < 2 ? 'fewer than 2 cores' : 'taskset not found' }

/** The command line run on `core` (unchanged when pinning is unavailable). */
export function pinned (core: '0' | '1', command: string, args: string[]): [string, string[]] {
  return PINNING.enabled ? ['taskset', ['-c', core, command, ...args]] : [command, args]
}

/** Moves this process onto the load core, so the orchestrator never competes with the measured server. */
export function pinSelfToLoadCore (): void {
  if (PINNING.enabled) execFileSync('taskset', ['-p', '-c', PINNING.loadCore, String(process.pid)], { stdio: 'ignore' })
}

export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface HttpResponse { status: number, headers: Record<string, string>, body: Buffer }

/** A plain node:http GET (no Accept-Encoding, like the load generator), bounded by `timeoutMs`. */
export async function httpGet (url: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<HttpResponse> {
  return await new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const flat: Record<string, string> = {}
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) })
      })
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

export interface Managed { name: string, child: ChildProcess, pid: number, baseUrl: string, stderr: () => string }

function manage (name: string, child: ChildProcess, port: number): Managed {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  if (child.pid === undefined) throw new Error(`${name} did not start`)
  return { name, child, pid: child.pid, baseUrl: `http://127.0.0.1:${port}`, stderr: () => stderr }
}

export interface StartedApp extends Managed { startupMs: number }

/** What `npm start` runs (bench/start-command.ts): its environment, node's flags and the bundle's launcher. */
const START = readStartCommand(ROOT)
export const SERVER_ENV = START.env
export const SERVER_NODE_FLAGS = START.nodeFlags
export const SERVER_ENTRY = START.entry

/** The bundle npm start's launcher (dist/start.cjs) loads. */
export const SERVER_BUNDLE = join(ROOT, 'dist/server.bundle.cjs')

/**
 * Whether a start now would use V8's code cache: the launcher writes it 2 s after a start without one, for the
 * bundle's hash (src/code-cache.ts), so the first start after a changed build has none.
 */
export function codeCachePresent (): boolean {
  try {
    return readCodeCache(SERVER_BUNDLE, bundleHash(readFileSync(SERVER_BUNDLE))) !== undefined
  } catch {
    return false
  }
}

/**
 * Spawns the compiled server (package.json's start command, as npm start does) on the server core and returns once `readyPath` answers 200;
 * startupMs is spawn to that first 200 (taskset's exec included, a fraction of a millisecond).
 */
export interface AppSettings {
  logLevel: string
  accessLog: boolean
  rateLimit: boolean
  /** Script to run; SERVER_ENTRY unless told (the profiler runs the unbundled dist/server.js to name packages). */
  entry?: string
  /** Settings on top of the bench's (e.g. RESPONSE_CACHE_ENTRIES=0 for the uncached scaling runs). */
  env?: Record<string, string>
}

export async function startApp (databasePath: string, readyPath: string, settings: AppSettings, nodeArgs: string[] = []): Promise<StartedApp> {
  const port = await freePort()
  const [command, args] = pinned('0', process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, settings.entry ?? SERVER_ENTRY])
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...SERVER_ENV,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      LOG_LEVEL: settings.logLevel,
      ACCESS_LOG: String(settings.accessLog),
      RATE_LIMIT_ENABLED: String(settings.rateLimit),
      // On: every request is counted and carries RateLimit-* headers, but the load is never refused.
      RATE_LIMIT_MAX: '1000000000',
      RATE_LIMIT_KEY_MAX: '1000000000',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...settings.env
    }
  })
  const app = manage('app', child, port)
  const deadline = started + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before answering: ${app.stderr()}`)
    try {
      const response = await httpGet(`${app.baseUrl}${readyPath}`, {}, 1000)
      if (response.status === 200) return { ...app, startupMs: performance.now() - started }
      throw new Error(`GET ${readyPath} answered ${response.status}: ${response.body.toString().slice(0, 300)}`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') { await stop(app); throw error }
    }
    if (performance.now() > deadline) { await stop(app); throw new Error('the app did not answer within 30 s') }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

/**
 * Leaves a code cache the next start's V8 accepts. A cache file can match the bundle's hash and still be rejected:
 * V8 only takes a cache made under the same flags, and a profiling run (--cpu-prof, --perf-basic-prof) of the
 * launcher rewrites it under its own. The launcher rewrites a missing or rejected cache 2 s into a start, so one start
 * of the measured command held for 3 s fixes it (and leaves an accepted cache untouched).
 */
export async function primeCodeCache (databasePath: string, readyPath: string, settings: AppSettings): Promise<void> {
  const app = await startApp(databasePath, readyPath, settings)
  await new Promise((resolve) => setTimeout(resolve, 3000))
  await stop(app)
}

/** Spawns the ceiling server on the server core with a fixture file (nodeArgs: node flags, e.g. --cpu-prof); resolves when it prints its port. */
export async function startCeiling (fixturePath: string, nodeArgs: string[] = []): Promise<Managed> {
  const [command, args] = pinned('0', process.execPath, [...nodeArgs, 'bench/ceiling-server.mjs', fixturePath])
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the ceiling server did not start within 10 s')), 10_000)
    child.stdout?.once('data', (chunk: Buffer) => { clearTimeout(timer); resolve((JSON.parse(chunk.toString()) as { port: number }).port) })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the ceiling server exited with ${code}`)) })
  })
  return manage('ceiling', child, port)
}

/** Resident set size of a live process, in MiB (VmRSS), and its peak (VmHWM). */
export function memoryOf (pid: number): { rssMiB: number, peakMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 }
  } catch {
    return null
  }
}

const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** CPU time (user + system, all threads) a live process has used so far, in ms; null when unreadable. */
export function cpuTimeOf (pid: number): number | null {
  try {
    // Fields after the ") " that ends the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_S : null
  } catch {
    return null
  }
}

/**
 * Runs one load and adds the server's CPU time per response, in us (null when /proc is unreadable or nothing was
 * answered): unlike req/s, it does not move when neighbours take the load generator's core.
 */
export async function withCpuPerResponse<T extends { total: number }> (pid: number, run: () => Promise<T>): Promise<T & { cpuUsPerRequest: number | null }> {
  const before = cpuTimeOf(pid)
  const result = await run()
  const after = cpuTimeOf(pid)
  return { ...result, cpuUsPerRequest: before === null || after === null || result.total === 0 ? null : ((after - before) * 1000) / result.total }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stop (managed: Managed, graceMs = 5000): Promise<void> {
  const { child } = managed
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}
