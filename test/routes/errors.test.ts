// The one error handler: unknown routes, wrong methods and crashes all answer RFC 9457 problem+json without internals.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'

test('an unknown route is a 404 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject('/no/such/thing?x=1')
  assert.equal(res.statusCode, 404)
  assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
  assert.deepEqual(res.json(), {
    type: 'about:blank', title: 'Not Found', status: 404, detail: 'No resource at /no/such/thing', instance: '/no/such/thing',
    requestId: res.headers['x-request-id']
  })
})

test('a known path with the wrong method is a 405 problem with Allow', async (t) => {
  const app = await buildTestApp(t)
  const cases = [
    ['PUT', '/articles/anything', 'DELETE, GET, HEAD, PATCH'],
    ['POST', '/headlines', 'GET, HEAD, PUT'],
    ['PUT', '/articles', 'GET, HEAD, POST'],
    ['DELETE', '/articles/anything/revisions', 'GET, HEAD']
  ] as const
  for (const [method, url, allow] of cases) {
    const res = await app.inject({ method, url })
    assert.equal(res.statusCode, 405, `${method} ${url}`)
    assert.equal(res.headers.allow, allow)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    assert.equal(res.json().status, 405)
  }
})

test('an unexpected failure is a 500 problem with no stack trace or internal message', async (t) => {
  const app = await buildTestApp(t)
  app.get('/boom', async () => { throw new Error('secret internal detail at /srv/db.ts:42') })
  const res = await app.inject('/boom')
  assert.equal(res.statusCode, 500)
  assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
  assert.deepEqual(res.json(), {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred; it has been logged',
    instance: '/boom',
    requestId: res.headers['x-request-id']
  })
  assert.doesNotMatch(res.body, /secret|stack|db\.ts/)
})
