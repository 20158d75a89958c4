// Articles as IPTC ninjs 2.1: content negotiation (Accept, ?format), 406, and validity against the official schema.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, TEST_BASE_URL } from '../helpers/app.js'
import { NINJS_SCHEMA_FILE, ninjsValidator } from '../helpers/ninjs-schema.js'
import { sourcePageLines } from '../helpers/source-page.js'

const SYRIA = 'syrian-army-retakes-maaret-al-numan'
const UNDATED = 'deer-rescued-from-freezing-swimming-pool'
const RIGHTS = { copyrightHolder: 'Test Holder', usageTerms: 'For partner use only.', licenseUrl: 'https://rights.test/licence' }

test('the official ninjs 2.1 schema is the one we validate against (closed root)', () => {
  const { validate } = ninjsValidator()
  assert.match(NINJS_SCHEMA_FILE.pathname, /ninjs-schema_2\.1\.json$/)
  assert.equal(validate({ uri: 'http://x.test/a' }), true)
  assert.equal(validate({ uri: 'http://x.test/a', $schema: 'x' }), false, 'extra root fields are rejected')
  assert.equal(validate({ headlines: [] }), false, 'uri is required')
})

test('GET /articles/:slug with Accept: application/ninjs+json is a valid ninjs 2.1 item mapped from the article', async (t) => {
  const app = await buildTestApp(t, { rights: RIGHTS })
  const res = await app.inject({ url: `/articles/${SYRIA}`, headers: { accept: 'application/ninjs+json' } })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/ninjs+json; charset=utf-8')
  assert.match(res.headers.vary as string, /Accept/)
  const item = res.json()
  const { validate, errors } = ninjsValidator()
  assert.ok(validate(item), errors())

  const lines = sourcePageLines()
  assert.equal(item.uri, `${TEST_BASE_URL}/articles/${SYRIA}`)
  assert.equal(item.type, 'text')
  assert.equal(item.version, '1')
  assert.equal(item.firstcreated, '2020-01-28T00:00:00.000Z')
  assert.equal(item.versioncreated, '2020-01-28T00:00:00.000Z')
  assert.equal(item.language, 'en')
  assert.deepEqual(item.headlines, [{ role: 'main', contenttype: 'text/plain', value: 'Syrian army retakes most of Maaret al-Numan' }])
  assert.deepEqual(item.descriptions, [{ role: 'summary', contenttype: 'text/plain', value: lines[0] }])
  const html = item.bodies.find((b: { contenttype: string }) => b.contenttype === 'text/html')
  const text = item.bodies.find((b: { contenttype: string }) => b.contenttype === 'text/plain')
  assert.equal(text.value, lines.slice(1, 8).join('\n\n'))
  assert.equal(html.value.match(/<p>/g).length, 7)
  assert.match(html.value, /^<p>Regime forces on Tuesday recaptured .*Syria&#39;s last major/)
  assert.match(html.value, /<p>&quot;The Syrian army has retaken/)
  assert.deepEqual(item.subjects, [{ name: 'Syria', literal: 'syria' }, { name: 'Idlib', literal: 'idlib' }, { name: 'Maaret al-Numan', literal: 'maaret-al-numan' }])
  assert.deepEqual(item.places, [{ name: 'Maaret al-Numan' }])
  assert.equal(item.located, 'Maaret al-Numan, Idlib, Syria')
  assert.equal(item.copyrightholder, 'Test Holder')
  assert.equal(item.usageterms, 'For partner use only.')
  assert.deepEqual(item.rightsinfo, { linkedrights: 'https://rights.test/licence' })
  assert.deepEqual(item.standard, { name: 'ninjs', version: '2.1', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json' })
})

test('ninjs follows the stored version; unknown dates and missing texts are omitted, not invented', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  app.db.prepare('UPDATE articles SET version = 3 WHERE slug = ?').run(SYRIA)
  assert.equal((await app.inject(`/articles/${SYRIA}?format=ninjs`)).json().version, '3')

  const res = await app.inject(`/articles/${UNDATED}?format=ninjs`)
  assert.equal(res.statusCode, 200)
  const item = res.json()
  const { validate, errors } = ninjsValidator()
  assert.ok(validate(item), errors())
  for (const absent of ['firstcreated', 'versioncreated', 'descriptions', 'bodies', 'places', 'located', 'subjects', 'rightsinfo']) {
    assert.equal(absent in item, false, absent)
  }
  assert.equal(item.headlines[0].value, 'Deer rescued from freezing swimming pool')
  assert.equal(item.copyrightholder, 'Newsdesk', 'default rights holder')
})

test('content negotiation: q-values and wildcards, ?format overrides Accept, 406 when nothing we produce is acceptable', async (t) => {
  const app = await buildTestApp(t)
  const typeFor = async (url: string, accept?: string): Promise<[number, string]> => {
    const res = await app.inject({ url, headers: accept === undefined ? {} : { accept } })
    return [res.statusCode, (res.headers['content-type'] as string).split(';')[0] ?? '']
  }
  const url = `/articles/${SYRIA}`
  assert.deepEqual(await typeFor(url), [200, 'application/json'])
  assert.deepEqual(await typeFor(url, '*/*'), [200, 'application/json'])
  assert.deepEqual(await typeFor(url, 'application/*'), [200, 'application/json'])
  assert.deepEqual(await typeFor(url, 'application/json, application/ninjs+json'), [200, 'application/json'])
  assert.deepEqual(await typeFor(url, 'application/json;q=0.5, application/ninjs+json'), [200, 'application/ninjs+json'])
  assert.deepEqual(await typeFor(url, 'text/html, */*;q=0.1'), [200, 'application/json'])
  assert.deepEqual(await typeFor(url, 'application/ninjs+json, */*;q=0.8'), [200, 'application/ninjs+json'])
  assert.deepEqual(await typeFor(`${url}?format=ninjs`, 'application/json'), [200, 'application/ninjs+json'])
  assert.deepEqual(await typeFor(`${url}?format=json`, 'application/ninjs+json'), [200, 'application/json'])
  assert.deepEqual(await typeFor(`${url}?format=ninjs`, 'text/html'), [200, 'application/ninjs+json'])

  for (const accept of ['text/html', 'application/xml, text/*', 'application/json;q=0, application/ninjs+json;q=0']) {
    const res = await app.inject({ url, headers: { accept } })
    assert.equal(res.statusCode, 406, accept)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    assert.match(res.headers.vary as string, /Accept/)
    assert.equal(res.json().status, 406)
    assert.match(res.json().detail, /application\/json or application\/ninjs\+json/)
  }

  const bad = await app.inject(`${url}?format=xml`)
  assert.equal(bad.statusCode, 400)
  assert.match(bad.json().detail, /format must be equal to one of the allowed values/)
  const unknown = await app.inject({ url: '/articles/no-such-story?format=ninjs' })
  assert.equal(unknown.statusCode, 404)
})

test('the NinjsItem example shown in the OpenAPI document is itself valid ninjs 2.1', async () => {
  const { NinjsItem } = await import('../../src/schemas/ninjs.js')
  const { validate, errors } = ninjsValidator()
  assert.ok(NinjsItem.examples.length > 0)
  for (const example of NinjsItem.examples) assert.ok(validate(example), errors())
})

test('the JSON article carries the configured rights too', async (t) => {
  const app = await buildTestApp(t, { rights: RIGHTS })
  const article = (await app.inject(`/articles/${SYRIA}`)).json()
  assert.deepEqual(article.rights, RIGHTS)
})

test('Vary: Accept is added to, not written over, what earlier hooks set', async (t) => {
  const app = await buildTestApp(t)
  app.addHook('onRequest', async (_request, reply) => { reply.header('vary', 'Origin') })
  const res = await app.inject(`/articles/${SYRIA}`)
  assert.equal(res.headers.vary, 'Origin, Accept, Accept-Encoding')
})
