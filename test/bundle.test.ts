// What `npm start` runs is one esbuild bundle in dist/ (scripts/bundle-server.mjs): every file the server reads at run
// time (migrations, seed, package.json, the reader page) must resolve from there too, not only from src/ under tsx.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tempDatabasePath } from './helpers/app.js'
import { SYRIA } from './helpers/editor.js'
import { startServer } from './helpers/server-process.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
// Beside the real bundle (same folder depth), under a name of its own so a parallel build is not disturbed.
const BUNDLE = `dist/server.test-${process.pid}.bundle.js`

test('the single-file bundle starts on an empty database and serves the API, the docs and the reader page', async (t) => {
  t.after(() => { rmSync(`${ROOT}${BUNDLE}`, { force: true }); rmSync(`${ROOT}${BUNDLE}.map`, { force: true }) })
  const built = spawnSync(process.execPath, ['scripts/bundle-server.mjs', 'src/server.ts', BUNDLE], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  assert.equal(built.status, 0, built.stderr)

  const server = await startServer(t, tempDatabasePath(t), { LOG_LEVEL: 'info' }, [], [BUNDLE])
  for (const [path, type] of [
    [`/articles/${SYRIA}`, /^application\/json/],
    ['/headlines', /^application\/json/],
    ['/health/ready', /^application\/json/],
    ['/openapi.json', /^application\/json/],
    ['/docs/', /^text\/html/],
    ['/', /^text\/html/],
    ['/reader.js', /^text\/javascript/]
  ] as const) {
    const response = await fetch(`${server.url}${path}`)
    assert.equal(response.status, 200, path)
    assert.match(response.headers.get('content-type') ?? '', type, path)
  }
  const article = await (await fetch(`${server.url}/articles/${SYRIA}`)).json() as { slug: string }
  assert.equal(article.slug, SYRIA)

  server.child.kill('SIGTERM')
  assert.deepEqual(await server.exit, { code: 0, signal: null })
})
