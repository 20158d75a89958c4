// A real race: two worker threads, each with its own app and SQLite connection on one WAL file, PATCH at once.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import { buildApp } from '../../src/app.js'
import { tempDatabasePath, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, SYRIA } from '../helpers/editor.js'

interface Result { status: number, title: string | null }
const WORKER = new URL('../helpers/race-worker.ts', import.meta.url)

test('two connections racing in parallel with the same ETag: one 200, one 412, the stored title is the winner\'s', async (t) => {
  const path = tempDatabasePath(t)
  const app = await buildApp({ databasePath: path, publicUrl: TEST_BASE_URL, seedIfEmpty: true, externalChangePollMs: 10 })
  t.after(() => app.close())
  await app.ready()
  const { key } = app.apiKeys.create('desk', 'editor', ['articles:write'])
  const etag = await currentEtag(app, `/articles/${SYRIA}`)

  const gate = new SharedArrayBuffer(4)
  // Workers do not inherit the tsx loader on Node 20: each registers it, then loads the TypeScript worker module.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}) })`
  const workers = ['Example headline A', 'Example headline B'].map((title) => new Worker(bootstrap, {
    eval: true,
    workerData: { path, publicUrl: TEST_BASE_URL, slug: SYRIA, key, etag, title, gate }
  }))
  t.after(async () => { await Promise.all(workers.map((worker) => worker.terminate())) })

  const results = workers.map((worker) => new Promise<Result>((resolve, reject) => {
    worker.on('message', (message: { ready?: boolean } & Result) => { if (message.ready !== true) resolve(message) })
    worker.once('error', reject)
  }))
  await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { ready?: boolean }) => { if (message.ready === true) resolve() })
    worker.once('error', reject)
  })))
  const flag = new Int32Array(gate)
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)

  const outcomes = await Promise.all(results)
  assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), [200, 412])
  const winner = outcomes.find((outcome) => outcome.status === 200)
  // The workers committed on their own connections: this app's response cache notices within one poll interval.
  await setTimeout(50)
  assert.equal((await app.inject(`/articles/${SYRIA}`)).json().title, winner?.title)
  assert.equal(app.db.prepare('SELECT version FROM articles WHERE slug = ?').pluck().get(SYRIA), 2)
  assert.equal(app.db.prepare('SELECT count(*) FROM article_revisions').pluck().get(), 1)
})
