// The app over a real socket, and the server entry's start-up checks.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { buildTestApp } from './helpers/app.js'

test('a real listening server on an ephemeral port answers over HTTP', async (t) => {
  const app = await buildTestApp(t)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/)

  const list = await fetch(`${address}/articles?limit=1`)
  assert.equal(list.status, 200)
  assert.match(list.headers.get('content-type') ?? '', /^application\/json/)
  const page = await list.json() as { items: Array<{ slug: string }>, total: number }
  assert.equal(page.total, 15)
  assert.equal(page.items[0]?.slug, 'syrian-army-retakes-maaret-al-numan')

  const missing = await fetch(`${address}/articles/not-here`)
  assert.equal(missing.status, 404)
  assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/)

  const docs = await fetch(`${address}/docs/`)
  assert.equal(docs.status, 200)
})

test('the server refuses to start on a bad configuration value, naming it', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: 'eighty', DATABASE_PATH: ':memory:' },
    encoding: 'utf8',
    timeout: 30_000
  })
  assert.equal(result.status, 1)
  assert.match(result.stderr, /Invalid configuration: PORT must be integer/)
  assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/)
})
