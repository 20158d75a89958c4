// The code-cache file (src/code-cache.ts): the launcher and the bench hash the bundle's bytes, which must name the same
// cache as its text (caches written before the launcher read bytes), and a cache made for other bytes must not be used.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleHash, codeCacheFile, readCodeCache, writeCodeCache } from '../src/code-cache.js'

test('a bundle\'s text and its UTF-8 bytes hash alike, non-ASCII included; other text does not', () => {
  for (const text of ['module.exports = 1', 'const s = "\u2026 caf\u00e9"']) assert.equal(bundleHash(text), bundleHash(Buffer.from(text, 'utf8')))
  assert.notEqual(bundleHash('module.exports = 1'), bundleHash('module.exports = 2'))
})

test('the cache is returned only for the hash it was written with', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-code-cache-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const bundle = join(dir, 'server.bundle.cjs')
  writeFileSync(bundle, 'module.exports = 1')
  assert.equal(readCodeCache(bundle, bundleHash('module.exports = 1')), undefined, 'no file yet')
  const data = Buffer.from([1, 2, 3, 4])
  writeCodeCache(bundle, bundleHash('module.exports = 1'), data)
  assert.deepEqual(readCodeCache(bundle, bundleHash(Buffer.from('module.exports = 1'))), data)
  assert.equal(readCodeCache(bundle, bundleHash('module.exports = 2')), undefined, 'stale: made for other bytes')
  assert.equal(codeCacheFile(bundle), `${bundle}.v8cache`)
})
