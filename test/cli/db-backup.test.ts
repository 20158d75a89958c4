// npm run db:backup: an online backup (VACUUM INTO) of the live database file while the server runs and writes; the
// copy is consistent (integrity_check), and restored it serves exactly the rows and responses of the original.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { copyFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, tempDatabasePath } from '../helpers/app.js'
import { editorHeaders } from '../helpers/editor.js'
import { openDatabase, type Db } from '../../src/db/connection.js'

/** `npm run db:backup -- <target>` (the script's command, without npm's own start-up), awaited without blocking. */
function backup (databasePath: string, target: string): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/db.ts', 'backup', target], { env: { ...process.env, DATABASE_PATH: databasePath } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Every row of every ordinary table (FTS shadow tables are derived from articles), in a stable order. */
function rows (db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%' ORDER BY name").pluck().all() as string[]
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()]))
}

const readRows = (path: string): Record<string, unknown[]> => {
  const db = openDatabase(path)
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', path)
    return rows(db)
  } finally {
    db.close()
  }
}

async function createArticles (app: FastifyInstance, headers: Record<string, string>, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const res = await app.inject({ method: 'POST', url: '/articles', headers, payload: { title: `Example headline ${i}`, section: 'no-comment', status: 'published' } })
    assert.equal(res.statusCode, 201)
  }
}

test('backup while the server runs and writes; the restored copy has the same rows and answers the same', async (t) => {
  const databasePath = tempDatabasePath(t)
  const app = await buildTestApp(t, { databasePath })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const editor = await editorHeaders(app)
  await createArticles(app, editor, 0, 20)
  const articleCount = (path: string): number => {
    const db = openDatabase(path)
    try { return db.prepare('SELECT count(*) FROM articles').pluck().get() as number } finally { db.close() }
  }

  // 1. During writes: the backup is a consistent snapshot somewhere between before and after.
  const before = articleCount(databasePath)
  let writing = true
  const writer = (async () => { for (let i = 100; writing; i += 5) await createArticles(app, editor, i, 5) })()
  const duringWrites = join(dirname(databasePath), 'during-writes.db')
  const first = await backup(databasePath, duringWrites)
  writing = false
  await writer
  assert.equal(first.code, 0, first.stderr)
  assert.match(first.stdout, /backed up .* to .*during-writes\.db/)
  assert.deepEqual(readdirSync(dirname(databasePath)).filter((name) => name.includes('.partial-')), [], 'no temporary file left')
  const snapshot = articleCount(duringWrites)
  assert.ok(snapshot >= before && snapshot <= articleCount(databasePath), `${before} <= ${snapshot} <= after`)
  readRows(duringWrites)
  // Run again onto the same file: replaced by the newer snapshot.
  assert.equal((await backup(databasePath, duringWrites)).code, 0)
  assert.equal(articleCount(duringWrites), articleCount(databasePath))

  // 2. Quiet moment, server still up: restored, the copy holds exactly the live rows and serves the same responses.
  const target = join(dirname(databasePath), 'newsdesk.backup.db')
  const second = await backup(databasePath, target)
  assert.equal(second.code, 0, second.stderr)
  const restoredPath = join(dirname(databasePath), 'restored.db')
  copyFileSync(target, restoredPath)
  assert.deepEqual(readRows(restoredPath), readRows(databasePath))
  const restored = await buildTestApp(t, { databasePath: restoredPath, seedIfEmpty: false })
  for (const url of ['/articles?limit=100', '/headlines', '/tags', '/sections', '/articles?q=example&limit=5', '/health/ready']) {
    const [live, copy] = [await app.inject(url), await restored.inject(url)]
    assert.equal(copy.statusCode, 200, url)
    assert.equal(copy.body, live.body, url)
  }
})
