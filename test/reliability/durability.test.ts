// Durability: writers go through the API of a real server that is killed with SIGKILL mid-stream; after the crash the
// database passes PRAGMA integrity_check and every write the API acknowledged (201 / 200) is there after a restart.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, tempDatabasePath } from '../helpers/app.js'
import { keepAliveAgent, prepareDatabase, send, startServer, until } from '../helpers/server-process.js'
import { openDatabase } from '../../src/db/connection.js'
import { strongEtag } from '../../src/http/etag.js'

/** What the API acknowledged for one article; `sentSummary` is an update sent but not (yet) acknowledged. */
interface Acknowledged { slug: string, summary: string | null, sentSummary?: string }

test('SIGKILL mid-write: integrity_check ok, and every acknowledged create and update survives the restart', async (t) => {
  const databasePath = tempDatabasePath(t)
  const key = prepareDatabase(databasePath)
  const server = await startServer(t, databasePath)
  const agent = keepAliveAgent(4)
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const acknowledged = new Map<string, Acknowledged>()
  let next = 0
  let killed = false

  // Each writer creates a published article, then changes its summary with If-Match; only answers count as acks.
  const writer = async (): Promise<void> => {
    while (!killed) {
      const i = next++
      const created = await send(agent, server.url, `create-${i}`, 'POST', '/articles', headers,
        JSON.stringify({ title: `Example headline ${i}`, section: 'no-comment', status: 'published' }))
      if (created.status !== 201) return
      const article = JSON.parse(created.body ?? '{}') as { slug: string }
      acknowledged.set(article.slug, { slug: article.slug, summary: null })
      const current = await fetchEtag(agent, server.url, article.slug)
      if (current === undefined) return
      const summary = `Example standfirst ${i}.`
      // Killed after the commit but before the answer, the update may be there or not; both are fine, as it was
      // never acknowledged. What must never happen is an acknowledged state missing.
      acknowledged.set(article.slug, { slug: article.slug, summary: null, sentSummary: summary })
      const patched = await send(agent, server.url, `patch-${i}`, 'PATCH', `/articles/${article.slug}`,
        { authorization: `Bearer ${key}`, 'content-type': 'application/merge-patch+json', 'if-match': current },
        JSON.stringify({ summary, changeNote: 'Example change note' }))
      if (patched.status !== 200) return
      acknowledged.set(article.slug, { slug: article.slug, summary })
    }
  }
  const writers = Array.from({ length: 4 }, writer)
  await until(() => acknowledged.size >= 120, '120 acknowledged creates')
  server.child.kill('SIGKILL')
  killed = true
  const exit = await server.exit
  await Promise.all(writers)
  agent.destroy()
  assert.equal(exit.signal, 'SIGKILL')

  const db = openDatabase(databasePath)
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
    assert.deepEqual(db.pragma('foreign_key_check'), [])
  } finally {
    db.close()
  }

  // Restart: the app on the same file (in-process, to spare a second tsx start-up); reads go through HTTP inject.
  const restarted = await buildTestApp(t, { databasePath, seedIfEmpty: true })
  for (const expected of acknowledged.values()) {
    const res = await restarted.inject(`/articles/${expected.slug}`)
    assert.equal(res.statusCode, 200, `${expected.slug} survived`)
    const { summary } = res.json<{ summary: string | null }>()
    if (summary !== expected.summary) assert.equal(summary, expected.sentSummary, `${expected.slug}: acknowledged update lost`)
  }
  assert.equal((await restarted.inject('/health/ready')).statusCode, 200)
  t.diagnostic(`${acknowledged.size} acknowledged articles, ${[...acknowledged.values()].filter((a) => a.summary !== null).length} acknowledged updates, all present`)
})

async function fetchEtag (agent: ReturnType<typeof keepAliveAgent>, base: string, slug: string): Promise<string | undefined> {
  const res = await send(agent, base, `etag-${slug}`, 'GET', `/articles/${slug}`)
  return res.status === 200 && res.body !== undefined ? strongEtag(res.body) : undefined
}
