// Logs: JSON lines by default, pretty lines with LOG_FORMAT=pretty, and the request id on every request's lines.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'
import { buildTestApp, tempDatabasePath } from './helpers/app.js'
import { captureLogs } from './helpers/log-capture.js'
import { SYRIA } from './helpers/editor.js'
import { loggerOptions } from '../src/logger.js'

interface LogLine { level: number, msg: string, reqId?: string, method?: string, url?: string, statusCode?: number }

for (const [level, expected] of [['info', ['request completed']], ['debug', ['incoming request', 'request completed']]] as const) {
  test(`JSON logs at ${level}: each request logs ${expected.join(' and ')} with its reqId`, async (t) => {
    const log = captureLogs<LogLine>()
    const app = await buildTestApp(t, { logger: { ...loggerOptions({ logLevel: level, logFormat: 'json' }), stream: log.stream } })
    await app.inject({ url: `/articles/${SYRIA}`, headers: { 'x-request-id': 'first' } })
    await app.inject({ url: '/articles/no-such-story', headers: { 'x-request-id': 'second' } })

    const requestLines = log.lines().filter((line) => line.reqId !== undefined)
    assert.deepEqual(requestLines.map((line) => [line.reqId, line.msg]),
      ['first', 'second'].flatMap((id) => expected.map((msg) => [id, msg])))
    const completed = requestLines.filter((line) => line.msg === 'request completed')
    assert.deepEqual(completed.map((line) => [line.method, line.url, line.statusCode]),
      [['GET', `/articles/${SYRIA}`, 200], ['GET', '/articles/no-such-story', 404]])
  })
}

/** Starts the real server (src/server.ts) with `env`, makes one request, stops it once logged; returns its stdout. */
async function serverOutput (t: TestContext, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_PATH: tempDatabasePath(t), RATE_LIMIT_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.after(() => child.kill('SIGKILL'))
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  /** Resolves with the first match of `pattern` in stdout (colours stripped); rejects if the server exits first. */
  const logged = async (pattern: RegExp): Promise<RegExpExecArray> => await new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(stripVTControlCharacters(output))
      if (match !== null) resolve(match)
    }
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); check() })
    void exited.then((code) => { reject(new Error(`server exited (${String(code)}) before logging ${pattern}:\n${output}`)) })
    check()
  })
  const base = (await logged(/listening at (http:\/\/[\d.]+:\d+)/))[1]
  assert.equal((await fetch(`${base}/headlines?limit=1`)).status, 200)
  // Its access-log line (the only line naming this URL at info; warm-up requests get none).
  await logged(/headlines\?limit=1/)
  child.kill('SIGTERM')
  assert.equal(await exited, 0, 'clean shutdown')
  return stripVTControlCharacters(output)
}

test('the server logs JSON lines by default (production)', async (t) => {
  const output = await serverOutput(t, {})
  const lines = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine)
  const completed = lines.find((line) => line.msg === 'request completed' && line.url === '/headlines?limit=1')
  assert.ok(completed !== undefined, output)
  // Any id format (the caller's X-Request-Id or a generated one): it must be there, with the request's outcome.
  assert.match(completed.reqId ?? '', /\S/)
  assert.equal(completed.url, '/headlines?limit=1')
  assert.equal(completed.statusCode, 200)
})

test('LOG_FORMAT=pretty logs readable lines (pino-pretty) tagged with the request id', async (t) => {
  const output = await serverOutput(t, { LOG_FORMAT: 'pretty' })
  assert.throws(() => JSON.parse(output.split('\n')[0] ?? ''), 'not JSON')
  assert.match(output, /INFO.*Newsdesk API listening at http:\/\//)
  const completedId = /INFO.*\[([^\]\s]+)\] request completed/.exec(output)?.[1]
  assert.ok(completedId !== undefined, output)
})
