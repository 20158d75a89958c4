// The Dockerfile is reviewed, not built, in CI (no docker engine): this checks its shape and that it ships what the
// code reads at run time.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readStartCommand } from '../bench/start-command.js'

interface Instruction { keyword: string, args: string }
interface Stage { name: string, base: string, instructions: Instruction[] }

const root = new URL('../', import.meta.url)

function parseDockerfile (text: string): Stage[] {
  const logical = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))
  const stages: Stage[] = []
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/)
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') }
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args)
      assert.ok(match !== null, `FROM ${instruction.args}`)
      stages.push({ base: match[1] as string, name: match[2] ?? String(stages.length), instructions: [] })
    } else if (stages.length > 0) {
      stages.at(-1)?.instructions.push(instruction)
    }
  }
  return stages
}

const stages = parseDockerfile(readFileSync(new URL('Dockerfile', root), 'utf8'))
const byName = (name: string): Stage => stages.find((stage) => stage.name === name) ?? assert.fail(`no stage ${name}`)
const runtime = stages.at(-1) as Stage
const args = (stage: Stage, keyword: string): string[] => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args)
/** A stage and the stages it is built FROM. */
const lineage = (stage: Stage): Stage[] => {
  const parent = stages.find((other) => other.name === stage.base)
  return parent === undefined ? [stage] : [stage, ...lineage(parent)]
}

test('multi-stage: build tools and dev dependencies stay out of the slim runtime stage', () => {
  assert.ok(stages.length >= 3, 'several stages')
  assert.match(runtime.base, /^node:\$\{NODE_VERSION\}-slim$|^node:20[\d.]*-slim$/)
  assert.equal(args(runtime, 'RUN').some((run) => /apt-get install|npm (ci|install)/.test(run)), false, 'no installs in the runtime stage')

  const copiedFrom = args(runtime, 'COPY').map((copy) => /--from=(\S+)\s+(\S+)/.exec(copy)).filter((m) => m !== null)
  const modulesFrom = copiedFrom.find((m) => m[2] === '/app/node_modules')?.[1]
  assert.ok(modulesFrom !== undefined, 'node_modules copied from a stage')
  const modulesRuns = lineage(byName(modulesFrom)).flatMap((stage) => args(stage, 'RUN'))
  assert.ok(modulesRuns.some((run) => run.includes('npm ci --omit=dev')), 'runtime node_modules come from npm ci --omit=dev')
  assert.ok(modulesRuns.some((run) => /apt-get install .*\bg\+\+/.test(run)), 'that stage can compile better-sqlite3')

  const distFrom = copiedFrom.find((m) => m[2] === '/app/dist')?.[1]
  assert.ok(distFrom !== undefined, 'dist copied from a stage')
  assert.ok(args(byName(distFrom), 'RUN').includes('npm run build'))
  // The image runs what `npm start` runs after its build: its environment assignments (MALLOC_ARENA_MAX=2) as ENV,
  // its command as CMD.
  const { assignments, command } = readStartCommand(fileURLToPath(root))
  const env = args(runtime, 'ENV').join(' ').split(/\s+/)
  for (const assignment of assignments) assert.ok(env.includes(assignment), `ENV ${assignment}`)
  assert.deepEqual(args(runtime, 'CMD'), [JSON.stringify(command).replace(/","/g, '", "')])
  // V8's code cache is primed by one start with exactly that command (V8 rejects a cache made under other flags),
  // before USER drops the right to write dist/.
  const primeAt = runtime.instructions.findIndex((i) => i.keyword === 'RUN' && i.args.includes(`${command.join(' ')} &`))
  assert.ok(primeAt !== -1, `a RUN starts "${command.join(' ')}" to write the code cache`)
  assert.ok(primeAt < runtime.instructions.findIndex((i) => i.keyword === 'USER'), 'primed while dist/ is writable')
})

test('runs as a non-root user, with a HEALTHCHECK on /health/live using node (no curl in slim)', () => {
  const users = args(runtime, 'USER')
  assert.equal(users.length, 1)
  assert.doesNotMatch(users[0] ?? '', /^(root|0)(:|$)/)
  const keywords = runtime.instructions.map((i) => i.keyword)
  assert.ok(keywords.indexOf('USER') < keywords.indexOf('CMD'), 'USER before CMD')
  const [healthcheck] = args(runtime, 'HEALTHCHECK')
  assert.match(healthcheck ?? '', /CMD \["node", "-e", ".*\/health\/live/)
  assert.doesNotMatch(healthcheck ?? '', /curl|wget/)
  assert.match(args(runtime, 'ENV').join(' '), /HOST=0\.0\.0\.0/, 'listens beyond the container loopback')
})

test('the image gets every file the code reads at run time, and .dockerignore lets exactly those in', () => {
  const ignore = readFileSync(new URL('.dockerignore', root), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))
  assert.equal(ignore[0], '*', 'allow-list: everything else (node_modules, .git, *.db, .env) stays out')
  const allowed = ignore.slice(1).map((line) => line.replace(/^!/, '').replace(/\/$/, ''))
  const localSources = stages.flatMap((stage) => args(stage, 'COPY'))
    .filter((copy) => !copy.startsWith('--from'))
    .flatMap((copy) => copy.split(/\s+/).slice(0, -1))
  for (const source of localSources) {
    assert.ok(allowed.includes(source), `${source} is in the build context`)
    assert.ok(existsSync(new URL(source, root)), `${source} exists`)
  }
  // Read at run time via new URL(..., import.meta.url): src/app.ts, src/db/migrate.ts, src/db/seed-data.ts, src/routes/reader.
  const runtimeCopies = args(runtime, 'COPY').filter((copy) => !copy.startsWith('--from')).map((copy) => copy.split(/\s+/)[0])
  assert.deepEqual(runtimeCopies.sort(), ['migrations', 'package.json', 'public', 'seed'])
})
