// Load: concurrent readers and writers against a real server for two fixed phases: zero 5xx, zero network errors,
// every acknowledged write readable afterwards, and the server's memory not growing between the phases.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { tempDatabasePath } from '../helpers/app.js'
import { SYRIA } from '../helpers/editor.js'
import { keepAliveAgent, prepareDatabase, residentBytes, send, startServer, type Outcome } from '../helpers/server-process.js'

const PHASE_MS = 1500
const READERS = 6
const WRITERS = 2
const READS = ['/articles?limit=20', `/articles/${SYRIA}`, '/headlines', '/feeds/articles.json', '/feeds/headlines.rss', '/sections',
  '/tags', '/articles?q=syria', '/articles?tag=syria&sort=oldest', `/articles/${SYRIA}/revisions`, '/articles?section=no-comment&limit=3']

test('bounded concurrent readers and writers: no 5xx, no lost writes, memory stable between phases', async (t) => {
  const databasePath = tempDatabasePath(t)
  const key = prepareDatabase(databasePath)
  const server = await startServer(t, databasePath)
  const agent = keepAliveAgent(READERS + WRITERS)
  t.after(() => agent.destroy())
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const outcomes: Outcome[] = []
  const created: string[] = []
  let next = 0

  const phase = async (): Promise<void> => {
    const endAt = Date.now() + PHASE_MS
    const reader = async (): Promise<void> => {
      while (Date.now() < endAt) {
        const i = next++
        // Varying limits also exercise the response cache with many distinct keys (it is bounded).
        const path = i % 5 === 0 ? `/articles?limit=${1 + (i % 100)}` : READS[i % READS.length] ?? '/articles'
        outcomes.push(await send(agent, server.url, `r-${i}`, 'GET', path))
      }
    }
    const writer = async (): Promise<void> => {
      while (Date.now() < endAt) {
        const i = next++
        const outcome = await send(agent, server.url, `w-${i}`, 'POST', '/articles', headers,
          JSON.stringify({ title: `Example headline ${i}`, section: 'no-comment', status: 'published', tags: ['Example tag'] }))
        outcomes.push(outcome)
        if (outcome.status === 201) created.push((JSON.parse(outcome.body ?? '{}') as { slug: string }).slug)
      }
    }
    await Promise.all([...Array.from({ length: READERS }, reader), ...Array.from({ length: WRITERS }, writer)])
  }

  const pid = server.child.pid ?? 0
  await phase()
  const afterFirst = residentBytes(pid)
  const firstCount = outcomes.length
  await phase()
  const afterSecond = residentBytes(pid)

  const errors = outcomes.filter((o) => o.error !== undefined)
  const serverErrors = outcomes.filter((o) => (o.status ?? 0) >= 500)
  t.diagnostic(`${firstCount} + ${outcomes.length - firstCount} requests, ${created.length} articles created; ` +
    `RSS ${(afterFirst / 2 ** 20).toFixed(1)} MiB -> ${(afterSecond / 2 ** 20).toFixed(1)} MiB`)
  assert.deepEqual(errors.map((o) => `${o.id} ${o.error}`), [], 'no network errors')
  assert.deepEqual(serverErrors.map((o) => `${o.path} ${o.status}`), [], 'no 5xx')
  assert.ok(created.length > 0 && outcomes.length - firstCount > 0)
  // Memory: the second phase repeats the first; a leak per request would show. Generous bound: 64 MiB or 50 %.
  assert.ok(afterSecond < afterFirst + Math.max(64 * 2 ** 20, afterFirst * 0.5),
    `RSS grew from ${afterFirst} to ${afterSecond} bytes between identical phases`)

  // Every acknowledged write is readable, and counted in the list.
  for (const slug of created) {
    const res = await send(agent, server.url, `check-${slug}`, 'GET', `/articles/${slug}`)
    assert.equal(res.status, 200, slug)
  }
  const list = await send(agent, server.url, 'total', 'GET', '/articles?limit=1&tag=example-tag')
  assert.equal((JSON.parse(list.body ?? '{}') as { total: number }).total, created.length)
  server.child.kill('SIGTERM')
  assert.equal((await server.exit).code, 0)
})
