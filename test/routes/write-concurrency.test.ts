// Optimistic concurrency and atomicity of writes: racing editors, two app instances on one file, rollback on failure.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout } from 'node:timers/promises'
import { buildApp } from '../../src/app.js'
import { buildTestApp, tempDatabasePath, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, editorHeaders, patchArticle, SYRIA } from '../helpers/editor.js'

test('two editors racing with the same ETag: exactly one 200, the other 412, nothing silently overwritten', async (t) => {
  const app = await buildTestApp(t)
  const alice = await editorHeaders(app, undefined, 'alice')
  const bob = await editorHeaders(app, undefined, 'bob')
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  const results = await Promise.all([
    app.inject(patchArticle(SYRIA, alice, { title: 'Example headline A', changeNote: 'A' }, etag)),
    app.inject(patchArticle(SYRIA, bob, { title: 'Example headline B', changeNote: 'B' }, etag))
  ])
  assert.deepEqual(results.map((res) => res.statusCode).sort(), [200, 412])
  const winner = results.find((res) => res.statusCode === 200)
  const stored = await app.inject(`/articles/${SYRIA}`)
  assert.equal(stored.json().title, winner?.json().title)
  assert.equal(app.db.prepare('SELECT version FROM articles WHERE slug = ?').pluck().get(SYRIA), 2)
  assert.equal(app.db.prepare('SELECT count(*) FROM article_revisions').pluck().get(), 1)
})

test('two app instances (two connections) on one WAL database: the second writer with the old ETag gets 412', async (t) => {
  const path = tempDatabasePath(t)
  const first = await buildApp({ databasePath: path, publicUrl: TEST_BASE_URL, seedIfEmpty: true, externalChangePollMs: 10 })
  t.after(() => first.close())
  const second = await buildApp({ databasePath: path, publicUrl: TEST_BASE_URL, externalChangePollMs: 10 })
  t.after(() => second.close())
  const editor = await editorHeaders(first)
  await second.ready()
  assert.equal(second.db.pragma('journal_mode', { simple: true }), 'wal')

  const etagFromFirst = await currentEtag(first, `/articles/${SYRIA}`)
  assert.equal(await currentEtag(second, `/articles/${SYRIA}`), etagFromFirst)
  const results = await Promise.all([
    first.inject(patchArticle(SYRIA, editor, { summary: 'Example standfirst one.', changeNote: 'one' }, etagFromFirst)),
    second.inject(patchArticle(SYRIA, editor, { summary: 'Example standfirst two.', changeNote: 'two' }, etagFromFirst))
  ])
  assert.deepEqual(results.map((res) => res.statusCode).sort(), [200, 412])
  const winner = results.find((res) => res.statusCode === 200)
  // Both instances read the winner's version, and its ETag: the other instance's response cache notices the
  // commit made on another connection within one poll interval (PRAGMA data_version).
  await setTimeout(50)
  for (const app of [first, second]) {
    const res = await app.inject(`/articles/${SYRIA}`)
    assert.equal(res.json().summary, winner?.json().summary)
    assert.equal(await currentEtag(app, `/articles/${SYRIA}`), winner?.headers.etag)
  }
})

test('a failure inside the transaction (constraint, crash) leaves nothing half-written', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const before = await app.inject(`/articles/${SYRIA}`)
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  // The article UPDATE and redirect insert succeed; the revision insert then fails, like a crash mid-write.
  app.db.exec(`CREATE TRIGGER fail_revision BEFORE INSERT ON article_revisions
    BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`)
  const res = await app.inject(patchArticle(SYRIA, editor, { slug: 'syria-example', title: 'Example headline', tags: ['Example tag'], changeNote: 'x' }, etag))
  assert.equal(res.statusCode, 500)
  assert.doesNotMatch(res.body, /simulated/)
  const after = await app.inject(`/articles/${SYRIA}`)
  assert.equal(after.body, before.body)
  assert.equal((await app.inject('/articles/syria-example')).statusCode, 404)
  assert.equal(app.db.prepare('SELECT count(*) FROM slug_redirects').pluck().get(), 0)
  assert.equal(app.db.prepare("SELECT count(*) FROM tags WHERE slug = 'example-tag'").pluck().get(), 0)
  assert.equal(app.db.prepare('SELECT version FROM articles WHERE slug = ?').pluck().get(SYRIA), 1)
  assert.equal(app.contentVersion.value, 0)

  // A create that fails on its last statement (the tag link) leaves no article and no tag behind.
  app.db.exec(`CREATE TRIGGER fail_tag BEFORE INSERT ON article_tags BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`)
  const created = await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { title: 'Example headline', section: 'no-comment', tags: ['Example tag'] } })
  assert.equal(created.statusCode, 500)
  assert.equal(app.db.prepare('SELECT count(*) FROM articles').pluck().get(), 15)
  assert.equal(app.db.prepare("SELECT count(*) FROM tags WHERE slug = 'example-tag'").pluck().get(), 0)

  // With the fault gone the same request succeeds with the same ETag: nothing was left behind.
  app.db.exec('DROP TRIGGER fail_revision')
  const retried = await app.inject(patchArticle(SYRIA, editor, { slug: 'syria-example', changeNote: 'x' }, etag))
  assert.equal(retried.statusCode, 200)
  assert.equal(app.contentVersion.value, 1)
})
