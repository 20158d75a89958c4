// Unit tests of query parsing: the search language of q and RFC 3339 time bounds.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { toFtsQuery } from '../../src/content/search-query.js'
import { parseTimeBound } from '../../src/content/list-request.js'
import { decodeCursor, encodeCursor, listScope } from '../../src/content/cursor.js'

test('toFtsQuery quotes every term, keeps phrases and prefixes, and never passes syntax through', () => {
  assert.equal(toFtsQuery('kobe bryant'), '"kobe" "bryant"')
  assert.equal(toFtsQuery('"army retakes" idlib'), '"army retakes" "idlib"')
  assert.equal(toFtsQuery('recaptur*'), '"recaptur"*')
  assert.equal(toFtsQuery('a"b'), '"a""b"')
  assert.equal(toFtsQuery('NEAR(x OR y)'), '"NEAR(x" "OR" "y)"')
  assert.equal(toFtsQuery('- kobe *'), '"kobe"')
  assert.equal(toFtsQuery('"unterminated phrase'), '"unterminated phrase"')
  assert.throws(() => toFtsQuery(' ( ) '), /q has no searchable words/)
  assert.throws(() => toFtsQuery(Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ')), /at most 16/)
})

test('parseTimeBound: a date is a whole UTC day, a date-time one millisecond, offsets are converted', () => {
  assert.deepEqual(parseTimeBound('to', '2020-01-28'), { start: '2020-01-28T00:00:00.000Z', end: '2020-01-29T00:00:00.000Z' })
  assert.deepEqual(parseTimeBound('to', '2020-02-29'), { start: '2020-02-29T00:00:00.000Z', end: '2020-03-01T00:00:00.000Z' })
  assert.deepEqual(parseTimeBound('from', '2020-01-28T09:30:00Z'), { start: '2020-01-28T09:30:00.000Z', end: '2020-01-28T09:30:00.001Z' })
  assert.deepEqual(parseTimeBound('from', '2020-01-28t09:30:00.25+01:00'), { start: '2020-01-28T08:30:00.250Z', end: '2020-01-28T08:30:00.251Z' })
  for (const bad of ['2019-02-29', '2020-13-01', '2020-1-2', '2020-01-28T24:00:00Z', '2020-01-28T09:30:00', '2020-01-28 09:30:00Z', '28 Jan 2020', '2020-01-28T09:60:00Z']) {
    assert.throws(() => parseTimeBound('from', bad), /from must be an RFC 3339 date/, bad)
  }
})

test('cursors round-trip and their scope depends on the filters, not on tag order', () => {
  const cursor = { sort: 'relevance' as const, direction: 'before' as const, scope: 'abc', key: -1.25e-6, id: 42 }
  assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor)
  assert.equal(listScope({ tags: ['a', 'b'] }), listScope({ tags: ['b', 'a'] }))
  assert.notEqual(listScope({ tags: [] }), listScope({ tags: [], section: 'x' }))
  assert.notEqual(listScope({ tags: [], match: '"a"' }), listScope({ tags: [], match: '"b"' }))
  for (const bad of [['n', 'a', 's', 1, 1], ['r', 'a', 's', 'x', 1], ['n', 'x', 's', '', 1], ['n', 'a', 's', '', 0], ['n', 'a', 1, '', 1]]) {
    assert.throws(() => decodeCursor(Buffer.from(JSON.stringify(bad)).toString('base64url')), /cursor is malformed/, JSON.stringify(bad))
  }
})
