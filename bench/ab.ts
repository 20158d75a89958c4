// `npm run bench:ab -- <variants.json>`: side-by-side req/s of several servers on one URL, for A/B questions the full
// bench cannot answer (another build, another setting). The servers start together on the server core (idle ones cost
// nothing), then each round loads each server in turn for BENCH_AB_SECONDS, the order reversed every other round so
// no server always follows the same neighbour; the result is the median of per-round ratios to the first server (and each server's RSS at the end). On
// this VM, whose speed drifts up to 2x over minutes, only ratios taken within one round mean anything.
// variants.json: [{ "name": "app", "command": ["node", "dist/start.cjs"], "cwd"?: "...", "env"?: { ... } }, ...]; each
// server gets PORT and HOST=127.0.0.1 in its environment, and with "synthetic": n DATABASE_PATH set to the bench's
// database with n synthetic articles (made if missing, as `npm run bench:db`). { "name": "ceiling", "ceilingOf": "app" } is the bench's
// ceiling (bench/ceiling-server.mjs) replaying that variant's own responses for the path.
// Each run also reads the server's CPU time (/proc/PID/stat): CPU microseconds per response, and its ratio (the
// baseline's CPU per response over the variant's, so > 1 means cheaper, as a req/s ratio > 1 means faster).
// BENCH_AB_PATH (default the seed article), BENCH_AB_REVALIDATE=1 (send each server's own ETag back: 304s),
// BENCH_AB_ROUNDS (8), BENCH_AB_SECONDS (2), BENCH_CONNECTIONS (50), BENCH_LOADGEN (auto: wrk if installed).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ARTICLE_PATH, ensureBenchDatabase } from './dataset.js'
import { captureFixture } from './fixture.js'
import { chooseLoadTool, runLoad, unexpectedResponses } from './loadgen.js'
import { integer, readBenchOptions } from './options.js'
import { median } from './targets.js'
import { freePort, httpGet, memoryOf, pinned, pinSelfToLoadCore, ROOT, startCeiling, stop, withCpuPerResponse, type Managed } from './processes.js'

interface Variant { name: string, command?: string[], cwd?: string, env?: Record<string, string>, synthetic?: number, ceilingOf?: string }

const file = process.argv[2]
if (file === undefined) throw new Error('usage: npm run bench:ab -- <variants.json>')
const variants = JSON.parse(readFileSync(file, 'utf8')) as Variant[]
if (!Array.isArray(variants) || variants.length < 2) throw new Error(`${file}: a JSON array of at least two variants`)
if (new Set(variants.map((v) => v.name)).size !== variants.length) throw new Error(`${file}: variant names must be unique`)
for (const v of variants) {
  if (v.synthetic !== undefined && (!Number.isSafeInteger(v.synthetic) || v.synthetic < 0)) throw new Error(`${v.name}: "synthetic" must be an article count`)
  if (v.synthetic !== undefined && v.env?.DATABASE_PATH !== undefined) throw new Error(`${v.name}: give "synthetic" or env.DATABASE_PATH, not both`)
}
const options = readBenchOptions()
const rounds = integer(process.env, 'BENCH_AB_ROUNDS', 8, 1)
const seconds = integer(process.env, 'BENCH_AB_SECONDS', 2, 1)
const path = process.env.BENCH_AB_PATH ?? ARTICLE_PATH
const revalidate = process.env.BENCH_AB_REVALIDATE === '1'
const tool = chooseLoadTool(options.loadgen)
pinSelfToLoadCore()

interface Server { variant: Variant, managed: Managed, headers: Record<string, string>, status: number }

/** The first 200 of a started server (polled until it listens), and how it is loaded. */
async function ready (variant: Variant, managed: Managed): Promise<Server> {
  const deadline = performance.now() + 30_000
  for (;;) {
    if (managed.child.exitCode !== null) throw new Error(`${variant.name} exited with ${managed.child.exitCode}: ${managed.stderr()}`)
    try {
      const first = await httpGet(`${managed.baseUrl}${path}`, {}, 1000)
      if (first.status !== 200) throw new Error(`${variant.name}: GET ${path} answered ${first.status}`)
      const etag = first.headers.etag
      if (revalidate && etag === undefined) throw new Error(`${variant.name}: GET ${path} has no ETag to revalidate`)
      return { variant, managed, headers: revalidate ? { 'if-none-match': etag! } : {}, status: revalidate ? 304 : 200 }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error
    }
    if (performance.now() > deadline) throw new Error(`${variant.name} did not answer within 30 s`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function start (variant: Variant): Promise<Managed> {
  if (variant.command === undefined || variant.command.length === 0) throw new Error(`${variant.name}: no command`)
  const port = await freePort()
  const [command, args] = pinned('0', variant.command[0]!, variant.command.slice(1))
  const child = spawn(command, args, {
    cwd: variant.cwd ?? ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...variant.env,
      ...(variant.synthetic === undefined ? {} : { DATABASE_PATH: ensureBenchDatabase(variant.synthetic, console.error).path }),
      PORT: String(port),
      HOST: '127.0.0.1'
    }
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  return { name: variant.name, child, pid: child.pid!, baseUrl: `http://127.0.0.1:${port}`, stderr: () => stderr }
}

/** The ceiling replaying `of`'s responses for the path (and its 304 head when revalidating). */
async function startCeilingOf (of: Server, fixturePath: string): Promise<Managed> {
  const requests = [{ path, headers: {}, status: 200 }, ...(revalidate ? [{ path, headers: of.headers, status: 304 }] : [])]
  writeFileSync(fixturePath, JSON.stringify(await captureFixture(of.managed.baseUrl, requests)))
  return await startCeiling(fixturePath)
}

/** req/s of one run, and the server's CPU time per response (us): unlike req/s, it hardly moves with the VM's speed. */
async function load (server: Server, durationS: number): Promise<{ rps: number, cpuUs: number }> {
  const result = await withCpuPerResponse(server.managed.pid, async () =>
    await runLoad(tool, { url: `${server.managed.baseUrl}${path}`, connections: options.connections, durationS, headers: server.headers }))
  const unexpected = unexpectedResponses(result, server.status)
  if (unexpected > 0) throw new Error(`${server.variant.name}: ${unexpected} responses were not ${server.status}`)
  return { rps: result.rps, cpuUs: result.cpuUsPerRequest ?? Number.NaN }
}

const servers: Server[] = []
const workDir = mkdtempSync(join(tmpdir(), 'newsdesk-ab-'))
const managed: Managed[] = []
try {
  const byName = new Map<string, Server>()
  for (const variant of variants.filter((v) => v.ceilingOf === undefined)) {
    const server = await start(variant)
    managed.push(server)
    byName.set(variant.name, await ready(variant, server))
  }
  for (const variant of variants.filter((v) => v.ceilingOf !== undefined)) {
    const of = byName.get(variant.ceilingOf!)
    if (of === undefined) throw new Error(`${variant.name}: ceilingOf names no other variant ("${variant.ceilingOf}")`)
    const ceiling = await startCeilingOf(of, join(workDir, `ceiling-${managed.length}.json`))
    managed.push(ceiling)
    byName.set(variant.name, await ready(variant, ceiling))
  }
  servers.push(...variants.map((v) => byName.get(v.name)!))
  console.log(`GET ${path}${revalidate ? ' (If-None-Match: 304s)' : ''}: ${tool}, ${options.connections} connections, ` +
    `${rounds} rounds x ${seconds} s per server, warm-up 2 s each`)
  for (const server of servers) await load(server, 2)
  const rps = servers.map(() => [] as number[])
  const cpu = servers.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    const order = servers.map((_, i) => i)
    if (round % 2 === 1) order.reverse()
    for (const i of order) {
      const run = await load(servers[i]!, seconds)
      rps[i]!.push(run.rps)
      cpu[i]!.push(run.cpuUs)
    }
    console.log(`round ${round + 1}: ${servers.map((s, i) => `${s.variant.name} ${rps[i]![round]!.toFixed(0)} (${cpu[i]![round]!.toFixed(1)} us)`).join(', ')}`)
  }
  const baseline = servers[0]!.variant.name
  const list = (values: number[]): string => `[${values.map((r) => r.toFixed(2)).join(' ')}]`
  for (const [i, server] of servers.entries()) {
    const ratios = rps[i]!.map((value, round) => value / rps[0]![round]!)
    // CPU the same way round up: baseline's CPU per response over this one's, so > 1 is cheaper, like a higher req/s.
    const cpuRatios = cpu[i]!.map((value, round) => cpu[0]![round]! / value)
    // As the bench reports it: resident set size once the load has stopped (here after every round).
    const rss = memoryOf(server.managed.pid)?.rssMiB
    console.log(`${server.variant.name.padEnd(24)} median ${median(rps[i]!).toFixed(0).padStart(6)} req/s, ` +
      `ratio to ${baseline} ${median(ratios).toFixed(3)} ${list(ratios)}; ` +
      `CPU ${median(cpu[i]!).toFixed(1)} us/response, ratio ${median(cpuRatios).toFixed(3)} ${list(cpuRatios)}` +
      `, RSS after ${rss === undefined ? '?' : rss.toFixed(1)} MiB`)
  }
} finally {
  for (const server of managed) await stop(server)
  rmSync(workDir, { recursive: true, force: true })
}
