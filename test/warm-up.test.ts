// The start-up warm-up requests the hot read routes in-process: lists, the rail and the newest article, each twice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from './helpers/app.js'
import { warmUp } from '../src/warm-up.js'

test('warm-up requests the list, the rail and the newest article twice each', async (t) => {
  const app = await buildTestApp(t)
  const seen: string[] = []
  app.addHook('onResponse', async (request, reply) => { seen.push(`${request.url} ${reply.statusCode}`) })
  const result = await warmUp(app)
  assert.equal(result.requests, 7)
  const newest = (await app.inject('/articles?limit=1')).json().items[0].slug
  assert.deepEqual(seen.slice(0, 7), ['/articles?limit=1 200', '/articles 200', '/articles 200', '/headlines 200', '/headlines 200',
    `/articles/${newest} 200`, `/articles/${newest} 200`])
})

test('warm-up on an empty database skips the article and does not throw', async (t) => {
  const app = await buildTestApp(t, { seedIfEmpty: false })
  const result = await warmUp(app)
  assert.equal(result.requests, 5)
})
