// The response cache is bounded by entries and by bytes of bodies (identity + compressed): the oldest go first.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ResponseCache, type CachedResponse } from '../../src/http/response-cache.js'

const entry = (size: number, version = 1): CachedResponse => ({
  version, statusCode: 200, payload: Buffer.alloc(size), etag: '"x"', lastModified: null, headers: {}, encoded: {}, compressible: true, size
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
