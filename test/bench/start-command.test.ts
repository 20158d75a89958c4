// Reading npm start's command (bench/start-command.ts): what the bench starts and the Docker image must carry.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseStartCommand } from '../../bench/start-command.js'

test('leading NAME=value words are the environment; then node, its flags and the script', () => {
  assert.deepEqual(parseStartCommand('MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --no-flush-bytecode dist/start.js'), {
    assignments: ['MALLOC_ARENA_MAX=2'],
    env: { MALLOC_ARENA_MAX: '2' },
    command: ['node', '--max-semi-space-size=4', '--no-flush-bytecode', 'dist/start.js'],
    nodeFlags: ['--max-semi-space-size=4', '--no-flush-bytecode'],
    entry: 'dist/start.js'
  })
  assert.deepEqual(parseStartCommand('node dist/start.js').env, {})
})

test('anything but "[NAME=value ...] node [flags] <script>" is refused', () => {
  for (const script of ['tsx src/server.ts', 'node', 'A=1', 'A=1 npm run x']) assert.throws(() => parseStartCommand(script), /start script/, script)
})
