// GET /health/live and /health/ready: answers, 503 problems when the database or its migrations are not right,
// never cached, never rate limited.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'
import { readMigrations } from '../../src/db/migrate.js'

test('live is 200 {status: ok}; ready reports the database and current migrations; both no-store', async (t) => {
  const app = await buildTestApp(t)
  const live = await app.inject('/health/live')
  assert.equal(live.statusCode, 200)
  assert.deepEqual(live.json(), { status: 'ok' })
  assert.equal(live.headers['cache-control'], 'no-store')
  const ready = await app.inject('/health/ready')
  assert.equal(ready.statusCode, 200)
  const shipped = readMigrations().length
  assert.deepEqual(ready.json(), { status: 'ready', database: 'ok', migrations: { applied: shipped, expected: shipped } })
  assert.equal(ready.headers['cache-control'], 'no-store')
})

test('ready is a 503 problem when a migration is missing or unknown, and live again once they match', async (t) => {
  const app = await buildTestApp(t)
  assert.equal((await app.inject('/health/ready')).statusCode, 200, 'first answer (would be cached if health were cacheable)')
  const last = readMigrations().at(-1)
  assert.ok(last !== undefined)
  app.db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.version)
  app.contentVersion.bump()
  const behind = await app.inject('/health/ready')
  assert.equal(behind.statusCode, 503)
  assert.match(behind.headers['content-type'] as string, /^application\/problem\+json/)
  assert.equal(behind.headers['retry-after'], '5')
  assert.match(behind.json().detail, /Applied migrations .* differ from those shipped/)

  app.db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?), (999, ?)').run(last.version, last.name, '999.future.sql')
  assert.equal((await app.inject('/health/ready')).statusCode, 503, 'a migration this code does not know is not current either')
  app.db.prepare('DELETE FROM schema_migrations WHERE version = 999').run()
  assert.equal((await app.inject('/health/ready')).statusCode, 200)
})

test('ready is a 503 problem without internals when the database cannot be queried; live stays 200', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  app.db.close()
  const ready = await app.inject('/health/ready')
  assert.equal(ready.statusCode, 503)
  assert.equal(ready.json().detail, 'The database cannot be queried')
  assert.doesNotMatch(ready.body, /not open|sqlite|\.db/i)
  assert.equal((await app.inject('/health/live')).statusCode, 200)
})

test('health checks are not rate limited and do not use up the quota', async (t) => {
  const app = await buildTestApp(t, { rateLimit: { enabled: true, timeWindow: '1 minute', max: 2, keyMax: 2 } })
  for (let i = 0; i < 10; i++) {
    const res = await app.inject(i % 2 === 0 ? '/health/live' : '/health/ready')
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['ratelimit-limit'], undefined)
  }
  assert.deepEqual([(await app.inject('/tags')).statusCode, (await app.inject('/tags')).statusCode, (await app.inject('/tags')).statusCode], [200, 200, 429])
})

test('regression (found by fuzzing): health checks carry no ETag, so If-None-Match never turns them into a 304', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/health/live', '/health/ready']) {
    const first = await app.inject(url)
    assert.equal(first.headers.etag, undefined, url)
    const again = await app.inject({ url, headers: { 'if-none-match': '*' } })
    assert.equal(again.statusCode, 200, url)
  }
})
