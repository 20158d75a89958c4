// The production log destination: every line reaches stdout, batched per event-loop turn, and nothing pending is lost
// when the process exits right after logging (process.exit included).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'

/** Runs `body` in a child process with `log` = a pino logger on batchedDestination(1); returns its stdout and exit status. */
function run (body: string): { stdout: string, status: number | null } {
  const script = `
    import pino from 'pino'
    import { batchedDestination } from './src/log-destination.ts'
    const log = pino({ level: 'info' }, batchedDestination(1))
    ${body}
  `
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(result.stderr, '')
  return { stdout: result.stdout, status: result.status }
}

const messages = (stdout: string): string[] => stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg)

test('lines logged in one turn are written in order, in a single write at the end of the turn', () => {
  // A synchronous write to stdout between the log calls and the end of the turn lands before the batch.
  const { stdout } = run(`
    for (let i = 0; i < 500; i++) log.info({ i }, 'line ' + i)
    process.stdout.write('{"msg":"same turn"}\\n')
    setImmediate(() => setImmediate(() => log.info('next turn')))
  `)
  assert.deepEqual(messages(stdout), ['same turn', ...Array.from({ length: 500 }, (_, i) => `line ${i}`), 'next turn'])
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
