// The production log destination: every line reaches stdout whole and in order, batched, and nothing pending is lost
// when the process exits right after logging (process.exit included).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'

/** Runs `body` in a child process with `log` = a pino logger on batchedDestination(1); returns its stdout and exit status (stderr must stay empty unless allowed). */
function run (body: string, allowStderr = false): { stdout: string, status: number | null } {
  const script = `
    import pino from 'pino'
    import { batchedDestination } from './src/log-destination.ts'
    const log = pino({ level: 'info' }, batchedDestination(1))
    ${body}
  `
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  if (!allowStderr) assert.equal(result.stderr, '')
  return { stdout: result.stdout, status: result.status }
}

const messages = (stdout: string): string[] => stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg)

test('lines wait in the buffer (at most FLUSH_MS) and then reach stdout in order', () => {
  // A synchronous write right after the log calls lands first; one made after FLUSH_MS lands after the batch.
  const { stdout, status } = run(`
    import { FLUSH_MS } from './src/log-destination.ts'
    for (let i = 0; i < 3; i++) log.info('line ' + i)
    process.stdout.write('{"msg":"same turn"}\\n')
    setTimeout(() => process.stdout.write('{"msg":"after the flush"}\\n'), FLUSH_MS + 100)
  `)
  assert.equal(status, 0)
  assert.deepEqual(messages(stdout), ['same turn', 'line 0', 'line 1', 'line 2', 'after the flush'])
})

test('more lines than the buffer holds, a line larger than the buffer and UTF-8 text all arrive whole and in order', () => {
  const { stdout } = run(`
    import { BATCH_BYTES } from './src/log-destination.ts'
    for (let i = 0; i < 3000; i++) log.info({ i }, 'line ' + i)
    log.info('x'.repeat(BATCH_BYTES * 2))
    log.info('Maaret al-Numan: \u00e9\u2713\ud83d\ude00')
    log.info('last')
  `)
  const got = messages(stdout)
  assert.equal(got.length, 3003)
  assert.deepEqual(got.slice(0, 3000), Array.from({ length: 3000 }, (_, i) => `line ${i}`))
  assert.equal(got[3000]!.length, 128 * 1024)
  assert.deepEqual(got.slice(3001), ['Maaret al-Numan: \u00e9\u2713\ud83d\ude00', 'last'])
})

test('pending lines are flushed when the process exits in the same turn (process.exit)', () => {
  const { stdout, status } = run(`
    log.info('before exit')
    log.error('last words')
    process.exit(3)
  `)
  assert.equal(status, 3)
  assert.deepEqual(messages(stdout), ['before exit', 'last words'])
})

test('pending lines are flushed when an uncaught exception ends the process', () => {
  const { stdout, status } = run(`
    log.info('before the throw')
    setTimeout(() => { throw new Error('boom') }, 10)
  `, true)
  assert.equal(status, 1)
  assert.deepEqual(messages(stdout), ['before the throw'])
})
