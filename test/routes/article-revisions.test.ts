// GET /articles/:slug/revisions: every write keeps the previous version, listed newest first with its change note.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, editorHeaders, patchArticle, SYRIA } from '../helpers/editor.js'

test('revisions list the previous versions newest first, with snapshots as GET served them', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app, undefined, 'night-desk')
  const original = (await app.inject(`/articles/${SYRIA}`)).json()
  const first = await app.inject(patchArticle(SYRIA, editor, { summary: 'Example corrected standfirst.', changeNote: 'Example correction' }, await currentEtag(app, `/articles/${SYRIA}`)))
  const second = await app.inject(patchArticle(SYRIA, editor, { slug: 'syria-example', changeNote: 'Example slug change' }, first.headers.etag as string))
  assert.equal(second.statusCode, 200)

  const res = await app.inject('/articles/syria-example/revisions')
  assert.equal(res.statusCode, 200)
  const history = res.json()
  assert.equal(history.slug, 'syria-example')
  assert.equal(history.version, 3)
  assert.deepEqual(history.items.map((item: { version: number }) => item.version), [2, 1])
  assert.deepEqual(history.items.map((item: { changeNote: string }) => item.changeNote), ['Example slug change', 'Example correction'])
  assert.deepEqual(history.items.map((item: { changedFields: string[] }) => item.changedFields), [['slug'], ['summary']])
  // Snapshots are the article's content as GET served it; the rights statement is configuration, not content.
  const content = ({ rights, ...article }: Record<string, unknown>): Record<string, unknown> => {
    assert.ok(rights !== undefined)
    return article
  }
  assert.deepEqual(history.items[1].snapshot, content(original))
  assert.deepEqual(history.items[0].snapshot, content(first.json()))
  assert.equal(history.items[0].recordedAt, second.json().updatedAt)
  assert.doesNotMatch(res.body, /night-desk/, 'the key name is kept for the newsroom, not published')
  assert.equal(app.db.prepare('SELECT author FROM article_revisions WHERE version = 1').pluck().get(), 'night-desk')

  const moved = await app.inject(`/articles/${SYRIA}/revisions`)
  assert.equal(moved.statusCode, 301)
  assert.equal(moved.headers.location, `${TEST_BASE_URL}/articles/syria-example/revisions`)
  assert.equal((await app.inject('/articles/no-such-story/revisions')).statusCode, 404)
  assert.equal((await app.inject('/articles/syria-example/revisions?x=1')).statusCode, 400)
})

test('draft versions appear without their text once the article is published', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { title: 'Example headline', section: 'no-comment', body: ['Example draft paragraph.'] } })
  const published = await app.inject(patchArticle('example-headline', editor, { status: 'published', changeNote: 'Publish' }, created.headers.etag as string))
  assert.equal(published.statusCode, 200)
  const items = (await app.inject('/articles/example-headline/revisions')).json().items
  assert.equal(items.length, 1)
  assert.equal(items[0].status, 'draft')
  assert.equal(items[0].snapshot, null)
  assert.deepEqual(items[0].changedFields, ['publishedAt', 'status'])
})
