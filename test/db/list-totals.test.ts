// List totals (count(*), which grows with the table) are cached per content version: repeated lists do not count
// again, and the next write (which bumps the version) makes the next list count afresh.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp } from '../helpers/app.js'
import { insertArticle } from '../helpers/fixtures.js'

test('totals are counted once per content version and per filter, and recounted after a write', async (t) => {
  // The response cache is off so every request reaches the store.
  const app = await buildTestApp(t, { responseCacheEntries: 0 })
  const total = async (url: string): Promise<number> => (await app.inject(url)).json().total
  const all = await total('/articles?limit=1')
  assert.equal(await total('/articles?limit=2'), all, 'other page sizes share the total')
  assert.equal(await total('/articles?limit=1&section=no-comment'), all)
  assert.equal(await total('/articles?limit=1&section=no-comment'), all)

  insertArticle(app.db, { slug: 'fixture-count', section: 'fixture-desk', publishedAt: '2020-03-01T00:00:00.000Z' })
  // Not counted again: the write did not bump the version (a real writer always does), so the cached total stands.
  assert.equal(await total('/articles?limit=1'), all, 'cached until the version moves')
  assert.equal((await app.inject('/articles?limit=100')).json().items.length, all + 1, 'the page itself is read afresh')
  app.contentVersion.bump() // fixtures write behind the API's back; every real writer bumps the version after commit
  assert.equal(await total('/articles?limit=1'), all + 1)
  assert.equal(await total('/articles?limit=1&section=no-comment'), all)
})
