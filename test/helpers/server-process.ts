// Test helper: the real server (src/server.ts via tsx, no build needed) as a child process on a free port, with its
// JSON log lines collected, plus a keep-alive HTTP client that records every outcome for the reliability tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { createInterface } from 'node:readline'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { ApiKeyStore } from '../../src/db/api-key-store.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Parsed pino log lines (stdout), in order. */
  logs: Array<Record<string, unknown>>
  exit: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

/** Migrates the database file and returns a new editor key with every write scope (the server seeds on start). */
export function prepareDatabase (path: string): string {
  const db = openDatabase(path)
  try {
    migrate(db)
    return new ApiKeyStore(db).create(`reliability-${process.pid}-${Date.now()}`, 'editor', ['articles:write', 'headlines:write']).key
  } finally {
    db.close()
  }
}

export async function startServer (t: TestContext, databasePath: string, env: Record<string, string> = {}, nodeArgs: string[] = [],
  entry: string[] = ['--import', 'tsx', 'src/server.ts']): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'debug', LOG_FORMAT: 'json', RATE_LIMIT_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exit = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const logs: Array<Record<string, unknown>> = []
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${stderr}`)), 30_000)
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${String(code)} before listening: ${stderr}`)) })
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        return
      }
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(logs.at(-1)?.msg ?? ''))
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
  })
  return { url, child, logs, exit }
}

export interface Outcome {
  id: string
  method: string
  path: string
  status?: number
  body?: string
  /** Network error code when no complete response arrived (ECONNREFUSED, ECONNRESET, ...). */
  error?: string
  /** The request went out on a connection that had already carried a response (keep-alive reuse). */
  reusedSocket?: boolean
}

/** One HTTP request over `agent`, never rejecting: the outcome records the status and body, or the network error. */
export function send (agent: Agent, base: string, id: string, method: string, path: string,
  headers: Record<string, string> = {}, body?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { id, method, path }
    const req = httpRequest(`${base}${path}`, { agent, method, headers: { ...headers, 'x-request-id': id } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ ...outcome, status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ ...outcome, error: error.code ?? error.message }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ ...outcome, error: error.code ?? error.message, reusedSocket: req.reusedSocket }))
    req.end(body)
  })
}

export const keepAliveAgent = (sockets: number): Agent => new Agent({ keepAlive: true, maxSockets: sockets })

/** Request ids the server logged as received ("incoming request"), and those it logged as answered. */
export function loggedRequests (logs: Array<Record<string, unknown>>): { received: Set<string>, completed: Map<string, number> } {
  const received = new Set<string>()
  const completed = new Map<string, number>()
  for (const line of logs) {
    if (typeof line.reqId !== 'string') continue
    if (line.msg === 'incoming request') received.add(line.reqId)
    if (line.msg === 'request completed') completed.set(line.reqId, line.statusCode as number)
  }
  return { received, completed }
}

/** Polls `condition` (no timing assertion: the deadline only keeps a broken run from hanging). */
export async function until (condition: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > deadlineMs) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function residentBytes (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`)
  return Number(kb) * 1024
}
