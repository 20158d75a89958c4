// The rate limiter's counters (src/http/rate-windows.ts) count as @fastify/rate-limit's own in-memory store does, and
// the anonymous limit counts up to the limit and no further.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import type { Socket } from 'node:net'
import { AnonymousLimit, RateWindows } from '../../src/http/rate-windows.js'

interface Counted { current: number, ttl: number }
type Incr = (key: string, callback: (error: Error | null, result: Counted) => void, timeWindow: number, max: number) => void
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => { incr: Incr }

test('counts, window expiry and forgetting the least recently used keys match @fastify/rate-limit\'s LocalStore', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
  const ours = new RateWindows(3)
  const theirs = new LocalStore(false, false, 3)
  const counted = (store: { incr: Incr }, key: string): Counted => {
    let result: Counted | undefined
    store.incr(key, (error, res) => { assert.equal(error, null); result = { current: res.current, ttl: res.ttl } }, 1000, 5)
    return result ?? assert.fail('no result')
  }
  // A fixed pseudo-random walk over 5 keys (more than the 3 remembered) and time steps that cross window ends.
  let seed = 7
  const next = (n: number): number => { seed = (seed * 48271) % 2147483647; return seed % n }
  for (let i = 0; i < 2000; i++) {
    t.mock.timers.tick(next(120))
    const key = `ip:10.0.0.${next(5)}`
    assert.deepEqual(counted(ours, key), counted(theirs, key), `step ${i}, ${key}`)
  }
})

test('the anonymous limit counts each request up to the limit, then declines without counting', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 5_000_000 })
  const windows = new RateWindows()
  const limit = new AnonymousLimit(windows, 60_000, 3, '3;w=60')
  const socket = { remoteAddress: '::ffff:192.0.2.7' } as Socket
  const counted = (peer: Socket): string[] | undefined => {
    const window = limit.count(peer)
    if (window === undefined) return undefined
    const head: string[] = []
    limit.appendHeaders(head, window)
    return head
  }
  const remaining = (): string | undefined => counted(socket)?.[3]
  assert.deepEqual([remaining(), remaining(), remaining(), remaining()], ['2', '1', '0', undefined])
  // Keyed as @fastify/rate-limit's keyGenerator keys it here: an IPv4-mapped address is its IPv4 address.
  assert.deepEqual(windows.peek('ip:192.0.2.7', 60_000), { current: 3, ttl: 60_000 })
  t.mock.timers.tick(20_000)
  assert.deepEqual(counted({ remoteAddress: '192.0.2.8' } as Socket), [
    'ratelimit-limit', '3', 'ratelimit-remaining', '2', 'ratelimit-reset', '60', 'ratelimit-policy', '3;w=60'
  ])
  assert.equal(remaining(), undefined)
  t.mock.timers.tick(40_000)
  assert.equal(remaining(), '2', 'a new window opens when the last one ends')
  assert.equal(counted({ remoteAddress: undefined } as Socket), undefined, 'a peer that is gone is left to Fastify')
})
