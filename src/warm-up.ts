// Owns the start-up warm-up: requests to the hot read routes right after listen, so their lazily compiled validators
// and serializers, the response cache and V8's optimized code are ready before real traffic: the newest article's
// path, the list and the rail, each three times (the cache admits a response on its second request, the third is a
// hit), then rounds over the same sockets, so the code that answers cache hits from the socket
// (http/early-replies.ts) is optimized too, not just interpreted.
//
// Given the server's address, the requests come from a short-lived child process over real sockets. It is another V8
// heap: the HTTP client's objects (its sockets, requests and responses run through the same Node stream and HTTP
// code as the server's) and light-my-request's response objects never reach the server's type feedback, which they
// made polymorphic for good. Measured (BENCHMARKS.md): an in-process warm-up cost the server 3-6% of its cached-read
// throughput for the life of the process. A child process, not a worker thread: a worker's isolate and Node
// environment live in the server's own memory, and its RSS after load looked higher in single samples. Without an
// address (a server bound to one non-loopback address, whose socket requests would not count as the warm-up), the
// same requests go in-process through app.inject.
import { spawn } from 'node:child_process'
import { setPriority } from 'node:os'
import type { FastifyInstance } from 'fastify'
import { WARM_UP_HEADER, WARM_UP_TOKEN } from './http/access-log.js'

const HOT_PATHS = ['/articles', '/headlines']
/** Requests per path over sockets after the first three: enough for V8 to optimize the hit path. */
const SOCKET_ROUNDS = 200

export interface WarmUpResult { requests: number, ms: number }

export async function warmUp (app: FastifyInstance, baseUrl?: string): Promise<WarmUpResult> {
  const started = performance.now()
  const requests = baseUrl === undefined ? await inProcess(app) : await overSockets(baseUrl)
  return { requests, ms: performance.now() - started }
}

/** The list's first article, then each hot path three times, through app.inject. */
async function inProcess (app: FastifyInstance): Promise<number> {
  let requests = 0
  const get = async (url: string): Promise<string> => {
    requests++
    // No access-log line each (inject's remote address is loopback, and the header carries the token).
    return (await app.inject({ method: 'GET', url, headers: { [WARM_UP_HEADER]: WARM_UP_TOKEN } })).body
  }
  const paths = [...HOT_PATHS]
  const first = firstSlug(await get('/articles?limit=1'))
  if (first !== undefined) paths.push(`/articles/${first}`)
  for (const path of paths) {
    for (let i = 0; i < 3; i++) await get(path)
  }
  return requests
}

function firstSlug (listBody: string): string | undefined {
  try {
    return (JSON.parse(listBody) as { items?: Array<{ slug?: unknown }> }).items?.find((item) => typeof item.slug === 'string')?.slug as string | undefined
  } catch {
    return undefined
  }
}

/**
 * The child's program (CommonJS, run with node -e so the one-file bundle needs no second file): the same requests as
 * inProcess, then SOCKET_ROUNDS rounds, one keep-alive connection; prints the number of requests sent.
 */
const CHILD_SOURCE = `
const { Agent, request } = require('node:http')
const { baseUrl, headers, hotPaths, rounds } = JSON.parse(process.env.NEWSDESK_WARM_UP)
const agent = new Agent({ keepAlive: true, maxSockets: 1 })
let requests = 0
const get = (path) => new Promise((resolve, reject) => {
  requests++
  const req = request(baseUrl + path, { agent, headers }, (res) => {
    const chunks = []
    res.on('data', (chunk) => chunks.push(chunk))
    res.on('end', () => resolve(Buffer.concat(chunks).toString()))
    res.on('error', reject)
  })
  req.on('error', reject)
  req.end()
})
;(async () => {
  const paths = [...hotPaths]
  let first
  try { first = JSON.parse(await get('/articles?limit=1')).items?.find((item) => typeof item.slug === 'string')?.slug } catch {}
  if (first !== undefined) paths.push('/articles/' + first)
  for (const path of paths) for (let i = 0; i < 3 + rounds; i++) await get(path)
})().then(() => { agent.destroy(); process.stdout.write(String(requests)) }, (error) => { agent.destroy(); console.error(String(error)); process.exitCode = 1 })
`

async function overSockets (baseUrl: string): Promise<number> {
  const settings = { baseUrl, headers: { [WARM_UP_HEADER]: WARM_UP_TOKEN }, hotPaths: HOT_PATHS, rounds: SOCKET_ROUNDS }
  // Only what it needs in its environment: the token must not reach anything else.
  const child = spawn(process.execPath, ['-e', CHILD_SOURCE], { env: { NEWSDESK_WARM_UP: JSON.stringify(settings) }, stdio: ['ignore', 'pipe', 'pipe'] })
  // Background work: at the lowest priority, so its start (a Node boot) never competes with the server's first
  // answers on a busy or single core. `npm run bench:startup` saw no difference either way here (median 414 vs 425 ms).
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, 19)
    } catch {
      // Not permitted here: it only runs at normal priority.
    }
  }
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { err = (err + chunk.toString()).slice(-2000) })
  return await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      const requests = Number(out)
      if (code === 0 && Number.isInteger(requests)) resolve(requests)
      else reject(new Error(`warm-up process exited with ${String(code)}: ${err.trim()}`))
    })
  })
}
