// What `npm start` runs is one esbuild bundle in dist/ (scripts/bundle-server.mjs), loaded by src/start.ts with V8's
// code cache: every file the server reads at run time (migrations, seed, package.json, the reader page) must resolve
// from there too, not only from src/ under tsx, and a second start must use the cache the first one wrote.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tempDatabasePath } from './helpers/app.js'
import { SYRIA } from './helpers/editor.js'
import { startServer } from './helpers/server-process.js'
import { readStartCommand } from '../bench/start-command.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
// Beside the real bundle (same folder depth), under a name of its own so a parallel build is not disturbed.
const BUNDLE = `dist/server.test-${process.pid}.bundle.cjs`

const CACHE = `${ROOT}${BUNDLE}.v8cache`
/** npm start's way in: the launcher (src/start.ts under tsx here; dist/start.cjs after a build) given the test bundle. */
const LAUNCHER = ['--import', 'tsx', 'src/start.ts', BUNDLE]
/** npm start's own node flags (package.json): V8 accepts a code cache only under the flags it was made with. */
const NODE_FLAGS = readStartCommand(ROOT).nodeFlags
const sleep = async (ms: number): Promise<void> => { await new Promise((resolve) => setTimeout(resolve, ms)) }

test('the single-file bundle starts on an empty database and serves the API, the docs and the reader page', async (t) => {
  t.after(() => { for (const file of [BUNDLE, `${BUNDLE}.map`, `${BUNDLE}.v8cache`]) rmSync(`${ROOT}${file}`, { force: true }) })
  const built = spawnSync(process.execPath, ['scripts/bundle-server.mjs', 'src/server.ts', BUNDLE], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  assert.equal(built.status, 0, built.stderr)

  const databasePath = tempDatabasePath(t)
  const server = await startServer(t, databasePath, { LOG_LEVEL: 'info' }, NODE_FLAGS, LAUNCHER)
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

  // The first start had no code cache: the launcher writes one 2 s after starting.
  for (let waited = 0; !existsSync(CACHE) && waited < 10_000; waited += 100) await sleep(100)
  assert.ok(existsSync(CACHE), 'code cache written')
  server.child.kill('SIGTERM')
  assert.deepEqual(await server.exit, { code: 0, signal: null })

  // A second start accepts that cache (V8 checks version and flags, the launcher the bundle's hash): it is not rewritten.
  const written = statSync(CACHE).mtimeMs
  const again = await startServer(t, databasePath, { LOG_LEVEL: 'info' }, NODE_FLAGS, LAUNCHER)
  assert.equal((await fetch(`${again.url}/articles/${SYRIA}`)).status, 200)
  await sleep(3000)
  assert.equal(statSync(CACHE).mtimeMs, written, 'cache accepted, not rewritten')
  again.child.kill('SIGTERM')
  assert.deepEqual(await again.exit, { code: 0, signal: null })
})
