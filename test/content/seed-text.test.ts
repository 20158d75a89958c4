// The seeded text equals the source page character for character, as the API serves it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { buildTestApp } from '../helpers/app.js'
import { COMMITTED_SOURCE, SHARED_SOURCE, sourcePageLines } from '../helpers/source-page.js'

test('the committed copy of the source page is identical to the shared original', { skip: !existsSync(SHARED_SOURCE) && 'shared/ not present' }, () => {
  assert.equal(readFileSync(COMMITTED_SOURCE, 'utf8'), readFileSync(SHARED_SOURCE, 'utf8'))
})

test('the source page has the expected shape: standfirst, 7 paragraphs, rail title, 14 items', () => {
  const lines = sourcePageLines()
  assert.equal(lines.length, 23)
  assert.equal(lines[8], 'More No Comment')
  assert.ok(lines.every((line) => /^[\x20-\x7e]+$/.test(line)), 'every line is non-empty printable ASCII')
})

test('summary, body paragraphs and rail titles served by the API equal the source lines exactly', async (t) => {
  const app = await buildTestApp(t)
  const lines = sourcePageLines()
  const article = (await app.inject('/articles/syrian-army-retakes-maaret-al-numan')).json()
  const rail = (await app.inject('/headlines')).json()
  const served = [article.summary, ...article.body, rail.title, ...rail.items.map((item: { title: string }) => item.title)]
  assert.equal(served.length, lines.length)
  served.forEach((text, i) => {
    assert.equal(text, lines[i], `line ${i + 1}`)
    assert.equal(Buffer.compare(Buffer.from(String(text)), Buffer.from(lines[i] ?? '')), 0, `line ${i + 1} bytes`)
  })
})
