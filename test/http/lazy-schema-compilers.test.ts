// Route schemas compile on first use by default; compiled eagerly they must all compile (a broken schema fails here),
// and lazily compiled validators and serializers must behave exactly like eager ones.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'

test('every route schema compiles when compiled eagerly at ready', async (t) => {
  const app = await buildTestApp(t, { schemaCompilation: 'eager' })
  await app.ready()
  assert.equal((await app.inject('/articles?limit=1')).statusCode, 200)
})

test('lazy and eager compilation give the same validation problems and the same serialized bodies', async (t) => {
  const lazy = await buildTestApp(t)
  const eager = await buildTestApp(t, { schemaCompilation: 'eager' })
  const urls = ['/articles?limit=0', '/articles?limit=2&nope=1', '/articles?limit=2', '/headlines?limit=x', '/headlines', '/sections',
    '/articles/syrian-army-retakes-maaret-al-numan?format=ninjs', '/articles/syrian-army-retakes-maaret-al-numan?format=pdf']
  for (const url of urls) {
    // Twice: the first call compiles, the second uses the compiled function.
    for (let i = 0; i < 2; i++) {
      const request = { url, headers: { 'x-request-id': 'compare-1' } }
      const [a, b] = [await lazy.inject(request), await eager.inject(request)]
      assert.equal(a.statusCode, b.statusCode, url)
      assert.equal(a.body, b.body, url)
    }
  }
  assert.equal((await lazy.inject('/articles?limit=0')).statusCode, 400)
  assert.match((await lazy.inject('/articles?limit=0')).json().detail, /limit/)
})
