// PUT /headlines: scope, If-Match against the GET /headlines ETag, published-only items, body checks.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, editorHeaders, SYRIA } from '../helpers/editor.js'
import { strongEtag } from '../../src/http/etag.js'

const put = (headers: Record<string, string>, payload: unknown, ifMatch?: string) => ({
  method: 'PUT' as const,
  url: '/headlines',
  headers: { ...headers, 'content-type': 'application/json', ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
  payload: JSON.stringify(payload)
})

test('PUT /headlines replaces the rail in order; the response ETag equals that of the next GET', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app, ['headlines:write'])
  const etag = await currentEtag(app, '/headlines')
  const items = [SYRIA, 'deer-rescued-from-freezing-swimming-pool']
  const res = await app.inject(put(editor, { items }, etag))
  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.json().items.map((item: { slug: string, position: number }) => [item.position, item.slug]), [[1, items[0]], [2, items[1]]])
  assert.equal(res.json().items[0].url, `${TEST_BASE_URL}/articles/${SYRIA}`)
  const get = await app.inject('/headlines')
  assert.equal(get.body, res.body)
  assert.equal(res.headers.etag, strongEtag(get.body))
  assert.equal(app.contentVersion.value, 1)
  assert.equal((await app.inject(put(editor, { items }, etag))).statusCode, 412)
})

test('PUT /headlines errors: 401, 403, 428, 412, 400 (duplicates, unknown fields), 422 naming bad slugs, 415', async (t) => {
  const app = await buildTestApp(t)
  const articlesOnly = await editorHeaders(app, ['articles:write'])
  const editor = await editorHeaders(app, ['headlines:write'])
  const etag = await currentEtag(app, '/headlines')
  const expect = async (options: object, status: number, detail?: RegExp): Promise<void> => {
    const res = await app.inject(options)
    assert.equal(res.statusCode, status, JSON.stringify(options))
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    if (detail !== undefined) assert.match(res.json().detail, detail)
  }
  await expect(put({}, { items: [SYRIA] }, etag), 401)
  await expect(put(articlesOnly, { items: [SYRIA] }, etag), 403)
  await expect(put(editor, { items: [SYRIA] }), 428)
  await expect(put(editor, { items: [SYRIA] }, '"stale"'), 412)
  await expect(put(editor, { items: [SYRIA, SYRIA] }, etag), 400, /duplicate/)
  await expect(put(editor, { items: [SYRIA], title: 'x' }, etag), 400, /title is not a known parameter/)
  await expect(put(editor, { items: [SYRIA, 'no-such-story'] }, etag), 422, /"no-such-story"/)
  await expect({ ...put(editor, { items: [SYRIA] }, etag), headers: { ...editor, 'content-type': 'text/plain', 'if-match': etag } }, 415)

  const draft = await app.inject({ method: 'POST', url: '/articles', headers: await editorHeaders(app, ['articles:write']), payload: { title: 'Example headline', section: 'no-comment' } })
  assert.equal(draft.statusCode, 201)
  await expect(put(editor, { items: ['example-headline'] }, etag), 422, /"example-headline"/)
  assert.equal(await currentEtag(app, '/headlines'), etag, 'the rail is unchanged')
})
