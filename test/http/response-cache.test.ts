// The response cache is bounded by entries and by bytes of bodies (identity + compressed): the oldest go first.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ResponseCache, type CachedResponse } from '../../src/http/response-cache.js'

const entry = (size: number, version = 1): CachedResponse => ({
  version, statusCode: 200, payload: Buffer.alloc(size), etag: '"x"', lastModified: null, headers: {}, encoded: {}, limited: true, compressible: true, size
})

test('bytes beyond the bound evict the oldest entries; compressed variants count; a body over the bound is not kept', () => {
  const cache = new ResponseCache(100, 1000)
  cache.set('a', entry(400))
  cache.set('b', entry(400))
  assert.equal(cache.bytes, 800)
  cache.set('c', entry(400))
  assert.deepEqual([cache.get('a', 1), cache.size, cache.bytes], [undefined, 2, 800])
  const b = cache.get('b', 1)!
  cache.addEncoded('b', b, 'gzip', Buffer.alloc(300))
  assert.equal(cache.get('b', 1), undefined, 'b grew past the bound and was the oldest')
  assert.deepEqual([cache.size, cache.bytes], [1, 400])
  cache.set('huge', entry(1001))
  assert.equal(cache.get('huge', 1), undefined)
  cache.set('c', entry(100))
  assert.deepEqual([cache.size, cache.bytes], [1, 100], 'replacing an entry releases its bytes')
  assert.equal(cache.get('c', 2), undefined, 'an entry of an older content version is dropped on read')
  assert.deepEqual([cache.size, cache.bytes], [0, 0])
})

test('the entry count bounds the cache too', () => {
  const cache = new ResponseCache(2)
  for (const key of ['a', 'b', 'c']) cache.set(key, entry(10))
  assert.deepEqual([cache.get('a', 1), cache.size], [undefined, 2])
})

test('a key is admitted on its second request at a content version; the doorkeeper is bounded like the entries', () => {
  const cache = new ResponseCache(2)
  assert.equal(cache.admit('a', 1), false, 'first request: remembered, not stored')
  assert.equal(cache.admit('a', 1), true, 'second request: stored')
  assert.equal(cache.admit('a', 1), false, 'admitting forgets the key (the cache has it now)')
  assert.equal(cache.admit('b', 1), false)
  assert.equal(cache.admit('b', 2), false, 'a first request at a newer version starts over')
  assert.equal(cache.admit('b', 2), true)
  for (const key of ['c', 'd', 'e']) cache.admit(key, 1)
  assert.equal(cache.admit('c', 1), false, 'the oldest remembered key was forgotten beyond 2')
  assert.equal(cache.admit('e', 1), true)
})
