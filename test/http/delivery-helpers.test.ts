// Unit tests of the delivery helpers the write API reuses: entity tags, preconditions, encoding negotiation, Vary.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodedEtag, identityEtagOf, parseEntityTags, strongEtag, strongMatch, weakMatch } from '../../src/http/etag.js'
import { isNotModified } from '../../src/http/conditional.js'
import { isCompressible, negotiateEncoding } from '../../src/http/compression.js'
import { requireIfMatch } from '../../src/http/preconditions.js'
import type { HttpProblem } from '../../src/http/errors.js'

test('strongEtag hashes bytes; encodedEtag and identityEtagOf convert between representations', () => {
  const tag = strongEtag('{"a":1}')
  assert.equal(tag, strongEtag(Buffer.from('{"a":1}')))
  assert.notEqual(tag, strongEtag('{"a":2}'))
  assert.equal(encodedEtag(tag, 'identity'), tag)
  assert.equal(encodedEtag('"abc"', 'gzip'), '"abc-gzip"')
  assert.equal(encodedEtag('"abc"', 'br'), '"abc-br"')
  for (const sent of ['"abc"', '"abc-gzip"', '"abc-br"', 'W/"abc-gzip"']) assert.equal(identityEtagOf(sent), '"abc"', sent)
})

test('parseEntityTags, weak and strong comparison follow RFC 9110', () => {
  assert.equal(parseEntityTags(' * '), '*')
  assert.deepEqual(parseEntityTags('"a", W/"b",  "c,d"'), ['"a"', 'W/"b"', '"c,d"'])
  assert.deepEqual(parseEntityTags('garbage'), [])
  assert.ok(weakMatch('W/"a"', '"a"'))
  assert.ok(weakMatch('"a"', 'W/"a"'))
  assert.ok(!weakMatch('"a"', '"b"'))
  assert.ok(strongMatch('"a"', '"a"'))
  assert.ok(!strongMatch('W/"a"', '"a"'))
})

test('isNotModified: If-None-Match wins over If-Modified-Since', () => {
  const changed = new Date('2020-01-28T00:00:00.500Z')
  assert.ok(isNotModified({ 'if-none-match': '"x", "y"' }, '"y"', null))
  assert.ok(isNotModified({ 'if-none-match': ['"x"', '"y"'] }, '"y"', null))
  assert.ok(!isNotModified({ 'if-none-match': '"x"', 'if-modified-since': 'Wed, 01 Jan 2025 00:00:00 GMT' }, '"y"', changed))
  assert.ok(isNotModified({ 'if-modified-since': 'Tue, 28 Jan 2020 00:00:00 GMT' }, '"y"', changed), 'sub-second part ignored')
  assert.ok(!isNotModified({ 'if-modified-since': 'Mon, 27 Jan 2020 23:59:59 GMT' }, '"y"', changed))
  assert.ok(!isNotModified({ 'if-modified-since': 'Tue, 28 Jan 2020 00:00:00 GMT' }, '"y"', null))
  assert.ok(!isNotModified({}, '"y"', changed))
})

test('negotiateEncoding picks the best acceptable coding, brotli first on ties, identity otherwise', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'], ['', 'identity'], ['gzip', 'gzip'], ['br', 'br'], ['gzip, br', 'br'],
    ['gzip;q=1, br;q=0.9', 'gzip'], ['*', 'br'], ['*;q=0.5, br;q=0', 'gzip'], ['deflate', 'identity'],
    ['gzip;q=0', 'identity'], ['GZIP', 'gzip'], ['br ; q=0.2, gzip ; q=0.1', 'br'], ['identity', 'identity']
  ]
  for (const [header, coding] of cases) assert.equal(negotiateEncoding(header), coding, String(header))
})

test('isCompressible: JSON, problem+json, XML feeds, text and JS; not images', () => {
  for (const type of ['application/json; charset=utf-8', 'application/problem+json', 'application/rss+xml', 'application/atom+xml', 'text/html', 'text/css', 'application/javascript', 'image/svg+xml']) {
    assert.ok(isCompressible(type), type)
  }
  for (const type of [undefined, 'image/png', 'application/octet-stream', 'application/zip']) assert.ok(!isCompressible(type), String(type))
})

test('requireIfMatch reads entity tag lists in one linear pass (regression: the old split was quadratic)', () => {
  assert.deepEqual(requireIfMatch('"a"', 'x'), ['"a"'])
  assert.deepEqual(requireIfMatch(' "a" ,W/"b",  "c,d" ', 'x'), ['"a"', 'W/"b"', '"c,d"'])
  const status = (header: string | undefined): number => {
    try {
      requireIfMatch(header, 'x')
      return 200
    } catch (error) {
      return (error as HttpProblem).statusCode
    }
  }
  for (const malformed of ['a', '"a",', ',"a"', '"a" "b"', '"a', '"a"x', 'W/ "a"', '"a\u0001"', '"a""b"']) assert.equal(status(malformed), 400, malformed)
  for (const missing of [undefined, '', '  ', '*']) assert.equal(status(missing), 428, String(missing))
  // The inputs that made the old split rescan the header at every comma (~0.5 s each at 16 KB): now plain 400s / lists.
  assert.equal(status(','.repeat(16_000)), 400)
  assert.equal(status(`${', '.repeat(8000)}"`), 400)
  assert.equal(requireIfMatch('"a",'.repeat(4000).slice(0, -1), 'x').length, 4000)
})
