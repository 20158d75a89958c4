// API keys: presented keys are checked on every request; requireScope() gives 401 / 403 / pass.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'

test('no key: public endpoints stay open', async (t) => {
  const app = await buildTestApp(t)
  assert.equal((await app.inject('/headlines')).statusCode, 200)
})

test('a valid key is accepted as Bearer or X-API-Key; unknown, malformed and revoked keys are a 401 problem', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  const { key } = app.apiKeys.create('acme', 'partner')
  assert.equal((await app.inject({ url: '/headlines', headers: { authorization: `Bearer ${key}` } })).statusCode, 200)
  assert.equal((await app.inject({ url: '/headlines', headers: { 'x-api-key': key } })).statusCode, 200)

  const wrong = `${key.slice(0, -4)}AAAA`
  for (const headers of [{ authorization: `Bearer ${wrong}` }, { 'x-api-key': 'hello' }, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }]) {
    const res = await app.inject({ url: '/headlines', headers })
    assert.equal(res.statusCode, 401, JSON.stringify(headers))
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    assert.match(res.headers['www-authenticate'] as string, /^Bearer realm="newsdesk"/)
    assert.equal(res.json().status, 401)
  }

  app.apiKeys.revoke('acme')
  const revoked = await app.inject({ url: '/headlines', headers: { authorization: `Bearer ${key}` } })
  assert.equal(revoked.statusCode, 401)
  assert.equal(revoked.json().detail, 'The API key has been revoked')
})

test('keys are stored only as hashes', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  const { key } = app.apiKeys.create('desk', 'editor', ['articles:write'])
  const rows = app.db.prepare('SELECT * FROM api_keys').all()
  assert.equal(rows.length, 1)
  assert.doesNotMatch(JSON.stringify(rows), new RegExp(key.slice(-20)))
})

test('requireScope: 401 without a key, 403 with a key lacking the scope, pass with it', async (t) => {
  const app = await buildTestApp(t)
  app.register(async (scoped) => {
    scoped.get('/scoped-probe', { preHandler: scoped.requireScope('articles:write') }, async () => ({ ok: true }))
  })
  await app.ready()
  const partner = app.apiKeys.create('acme', 'partner').key
  const headlinesOnly = app.apiKeys.create('rail-desk', 'editor', ['headlines:write']).key
  const editor = app.apiKeys.create('desk', 'editor', ['articles:write', 'headlines:write']).key

  const anonymous = await app.inject('/scoped-probe')
  assert.equal(anonymous.statusCode, 401)
  assert.match(anonymous.json().detail, /needs an API key with the articles:write scope/)
  for (const key of [partner, headlinesOnly]) {
    const res = await app.inject({ url: '/scoped-probe', headers: { authorization: `Bearer ${key}` } })
    assert.equal(res.statusCode, 403)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    assert.match(res.json().detail, /lacks the articles:write scope/)
  }
  const ok = await app.inject({ url: '/scoped-probe', headers: { 'x-api-key': editor } })
  assert.equal(ok.statusCode, 200)
  assert.deepEqual(ok.json(), { ok: true })
})
