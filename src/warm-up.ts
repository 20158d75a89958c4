// Owns the start-up warm-up: requests to the hot read routes right after listen, so their lazily compiled validators
// and serializers, the response cache and V8's optimized code are ready before real traffic. First in-process (each
// path three times: the cache admits a response on its second request, the third is a hit), then, when the server's address is given, rounds over real sockets, so the
// code that answers cache hits from the socket (http/early-replies.ts) is optimized too, not just interpreted.
import { Agent, request } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { WARM_UP_HEADER, WARM_UP_TOKEN } from './http/access-log.js'

const HOT_PATHS = ['/articles', '/headlines']
/** Requests per path over sockets: enough for V8 to optimize the hit path, a few ms of CPU each. */
const SOCKET_ROUNDS = 200

export interface WarmUpResult { requests: number, ms: number }

export async function warmUp (app: FastifyInstance, baseUrl?: string): Promise<WarmUpResult> {
  const started = performance.now()
  const paths = [...HOT_PATHS]
  let requests = 0
  const get = async (url: string): Promise<string> => {
    requests++
    // Marked like the socket rounds: no access-log line each (inject's remote address is loopback).
    return (await app.inject({ method: 'GET', url, headers: { [WARM_UP_HEADER]: WARM_UP_TOKEN } })).body
  }
  const list = await get('/articles?limit=1')
  const first = (JSON.parse(list) as { items?: Array<{ slug: string }> }).items?.[0]?.slug
  if (first !== undefined) paths.push(`/articles/${first}`)
  for (const path of paths) {
    for (let i = 0; i < 3; i++) await get(path)
  }
  if (baseUrl !== undefined) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (let round = 0; round < SOCKET_ROUNDS; round++) {
        for (const path of paths) {
          await drain(agent, `${baseUrl}${path}`)
          requests++
        }
      }
    } finally {
      agent.destroy()
    }
  }
  return { requests, ms: performance.now() - started }
}

async function drain (agent: Agent, url: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { agent, headers: { [WARM_UP_HEADER]: WARM_UP_TOKEN } }, (res) => {
      res.resume()
      res.on('end', resolve)
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}
