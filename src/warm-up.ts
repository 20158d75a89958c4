// Owns the start-up warm-up: a few in-process requests to the hot read routes right after listen, so their lazily
// compiled validators and serializers, the response cache and V8's optimized code are ready before real traffic.
import type { FastifyInstance } from 'fastify'

/** Each path twice: the first fills the response cache, the second runs the cache-hit path. */
const HOT_PATHS = ['/articles', '/headlines']

export interface WarmUpResult { requests: number, ms: number }

export async function warmUp (app: FastifyInstance): Promise<WarmUpResult> {
  const started = performance.now()
  const paths = [...HOT_PATHS]
  let requests = 0
  const get = async (url: string): Promise<string> => {
    requests++
    return (await app.inject({ method: 'GET', url })).body
  }
  const list = await get('/articles?limit=1')
  const first = (JSON.parse(list) as { items?: Array<{ slug: string }> }).items?.[0]?.slug
  if (first !== undefined) paths.push(`/articles/${first}`)
  for (const path of paths) {
    await get(path)
    await get(path)
  }
  return { requests, ms: performance.now() - started }
}
