// npm run keys: create prints the key once and it works over HTTP; revoke makes it a 401.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { buildTestApp, tempDatabasePath } from '../helpers/app.js'

function keys (databasePath: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8', timeout: 30_000
  })
}

test('keys create / list / revoke against the app database', async (t) => {
  const databasePath = tempDatabasePath(t)
  const created = keys(databasePath, 'create', '--name', 'partner-one')
  assert.equal(created.status, 0, created.stderr)
  const key = created.stdout.trim().split('\n').at(-1) ?? ''
  assert.match(key, /^nd_partner_[A-Za-z0-9_-]{43}$/)

  const duplicate = keys(databasePath, 'create', '--name', 'partner-one')
  assert.equal(duplicate.status, 2)
  assert.match(duplicate.stderr, /already exists/)
  assert.equal(keys(databasePath, 'create', '--name', 'x', '--scope', 'everything').status, 2)

  const listed = keys(databasePath, 'list')
  assert.match(listed.stdout, /partner-one\tpartner\t-\tnd_partner_/)
  assert.doesNotMatch(listed.stdout, new RegExp(key.slice(15)))

  const app = await buildTestApp(t, { databasePath })
  assert.equal((await app.inject({ url: '/headlines', headers: { authorization: `Bearer ${key}` } })).statusCode, 200)
  assert.equal(keys(databasePath, 'revoke', '--name', 'partner-one').status, 0)
  assert.equal((await app.inject({ url: '/headlines', headers: { authorization: `Bearer ${key}` } })).statusCode, 401)
})
