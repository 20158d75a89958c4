// The reader example at /: its static files, their delivery headers, and that they stay outside the API's limits and docs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'

test('GET / serves the reader page, which loads its script and style as separate files (no inline code for a strict CSP)', async (t) => {
  const app = await buildTestApp(t)
  const page = await app.inject('/')
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8')
  assert.match(page.body, /<script type="module" src="\/reader\.js"><\/script>/)
  assert.match(page.body, /<link rel="stylesheet" href="\/reader\.css">/)
  assert.doesNotMatch(page.body, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script')
  assert.doesNotMatch(page.body, /\son[a-z]+=/i, 'no inline event handler')
  assert.doesNotMatch(page.body, /<style|\sstyle=/i, 'no inline style')

  const script = await app.inject('/reader.js')
  assert.equal(script.statusCode, 200)
  assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8')
  assert.match(script.body, /fetch\(/)
  assert.doesNotMatch(script.body, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, 'API text is never parsed as HTML')

  const style = await app.inject('/reader.css')
  assert.equal(style.statusCode, 200)
  assert.equal(style.headers['content-type'], 'text/css; charset=utf-8')
})

test('the reader files get the docs caching policy, a strong ETag and 304 on revalidation', async (t) => {
  const app = await buildTestApp(t)
  const first = await app.inject('/reader.js')
  assert.equal(first.headers['cache-control'], 'public, max-age=300')
  const etag = first.headers.etag as string
  assert.match(etag, /^"[^"]+"$/)
  const again = await app.inject({ url: '/reader.js', headers: { 'if-none-match': etag } })
  assert.equal(again.statusCode, 304)
  assert.equal(again.body, '')
})

test('the reader files are not rate limited and not in the OpenAPI document; other methods get 405', async (t) => {
  const app = await buildTestApp(t, { rateLimit: { enabled: true, timeWindow: '1 minute', max: 1, keyMax: 1 } })
  for (let i = 0; i < 3; i++) {
    const res = await app.inject('/')
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['ratelimit-limit'], undefined)
  }
  assert.equal((await app.inject('/headlines')).statusCode, 200)
  assert.equal((await app.inject('/headlines')).statusCode, 429, 'the API itself is still limited')

  await app.ready()
  const paths = Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths)
  for (const path of ['/', '/reader.js', '/reader.css']) assert.ok(!paths.includes(path), path)

  const post = await app.inject({ method: 'POST', url: '/' })
  assert.equal(post.statusCode, 405)
  assert.match(post.headers['content-type'] as string, /^application\/problem\+json/)
})
