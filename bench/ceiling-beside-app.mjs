// For `npm run bench:ab`: the ceiling's own handler (bench/ceiling-handler.mjs) on a second server inside the app's
// process. It starts the shipped server as `npm start` does (dist/start.cjs, on a port of its own), lets its start-up
// warm-up finish, captures the app's responses for BENCH_AB_PATH (the 200, and the 304 head for its ETag), then
// serves them with the ceiling's handler on PORT. Against the bare ceiling ({"ceilingOf": ...}) it measures what the
// app's process alone (its heap, its loaded code, the type feedback of the requests it served) costs that handler.
// Run it with npm start's node flags and environment (package.json, BENCHMARKS.md), e.g. as a variant:
//   { "name": "beside-app", "command": ["node", "--max-semi-space-size=4", "--heap-growing-percent=10", "--no-flush-bytecode", "bench/ceiling-beside-app.mjs"],
//     "env": { "MALLOC_ARENA_MAX": "2", "RATE_LIMIT_ENABLED": "false" }, "synthetic": 10000 }
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { setTimeout as sleep } from 'node:timers/promises'
import { ceilingHandler } from './ceiling-handler.mjs'

const path = process.env.BENCH_AB_PATH ?? '/articles/syrian-army-retakes-maaret-al-numan'
const port = Number(process.env.PORT)
/** Headers the connection or the moment sets, as in bench/fixture.ts: node:http adds its own. */
const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])

const appPort = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address()
    probe.close(() => resolve(free))
  })
})
process.env.PORT = String(appPort)
createRequire(import.meta.url)('../dist/start.cjs')

const url = `http://127.0.0.1:${appPort}${path}`
const headersOf = (response) => Object.fromEntries([...response.headers].filter(([name]) => !HOP_BY_HOP.has(name)))
let first
for (let tries = 0; first === undefined; tries++) {
  try {
    first = await fetch(url)
  } catch (error) {
    if (tries > 1500) throw error
    await sleep(20)
  }
}
if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}`)
// The warm-up starts 100 ms after listen and takes a few hundred ms (src/server.ts).
await sleep(2000)
const route = { headers: headersOf(first), body: Buffer.from(await first.arrayBuffer()).toString('base64') }
const etag = first.headers.get('etag')
if (etag !== null) {
  const revalidated = await fetch(url, { headers: { 'if-none-match': etag } })
  if (revalidated.status === 304) route.notModifiedHeaders = headersOf(revalidated)
}
createServer(ceilingHandler({ routes: { [path]: route } })).listen(port, '127.0.0.1')
