// The benchmark's ceiling (bench/ceiling-server.mjs and its handler): the fixture's bytes and headers, 304 for the
// fixture's ETag (with the app's 304 head when captured), 404 for any other path.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { httpGet, startCeiling, stop } from '../../bench/processes.js'

test('the ceiling replays the fixture: 200 with its bytes and headers, 304 for its ETag, 404 elsewhere', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ceiling-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const body = '{"slug":"a"}'
  const fixture = {
    routes: {
      '/articles/a': {
        headers: { 'content-type': 'application/json; charset=utf-8', etag: '"v1"', 'x-request-id': 'r1' },
        body: Buffer.from(body).toString('base64'),
        notModifiedHeaders: { etag: '"v1"', 'cache-control': 'max-age=60' }
      },
      '/headlines': { headers: { 'content-type': 'application/json', etag: '"h1"' }, body: Buffer.from('[]').toString('base64') }
    }
  }
  writeFileSync(join(dir, 'fixture.json'), JSON.stringify(fixture))
  const ceiling = await startCeiling(join(dir, 'fixture.json'))
  t.after(() => stop(ceiling))

  const ok = await httpGet(`${ceiling.baseUrl}/articles/a`)
  assert.equal(ok.status, 200)
  assert.equal(ok.body.toString(), body)
  assert.equal(ok.headers['content-length'], String(body.length))
  assert.equal(ok.headers['x-request-id'], 'r1')
  const notModified = await httpGet(`${ceiling.baseUrl}/articles/a`, { 'if-none-match': '"v1"' })
  assert.equal(notModified.status, 304)
  assert.equal(notModified.headers['cache-control'], 'max-age=60')
  assert.equal(notModified.body.length, 0)
  // Without a captured 304 head, the ETag alone; another ETag is a 200.
  const headlines = await httpGet(`${ceiling.baseUrl}/headlines`, { 'if-none-match': '"h1"' })
  assert.deepEqual([headlines.status, headlines.headers.etag], [304, '"h1"'])
  assert.equal((await httpGet(`${ceiling.baseUrl}/headlines`, { 'if-none-match': '"old"' })).status, 200)
  assert.equal((await httpGet(`${ceiling.baseUrl}/articles/b`)).status, 404)
})
