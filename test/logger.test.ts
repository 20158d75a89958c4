// Logs: JSON lines by default, pretty lines with LOG_FORMAT=pretty, and the request id on every request's lines.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'
import { buildTestApp, tempDatabasePath } from './helpers/app.js'
import { SYRIA } from './helpers/editor.js'
import { loggerOptions } from '../src/logger.js'

interface LogLine { level: number, msg: string, reqId?: string, req?: { method: string, url: string }, res?: { statusCode: number } }

test('JSON logs: each request logs an incoming and a completed line sharing its reqId', async (t) => {
  const lines: LogLine[] = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine)
      done()
    }
  })
  const app = await buildTestApp(t, { logger: { ...loggerOptions({ logLevel: 'info', logFormat: 'json' }), stream } })
  await app.inject(`/articles/${SYRIA}`)
  await app.inject('/articles/no-such-story')

  const requestLines = lines.filter((line) => line.reqId !== undefined)
  const ids = [...new Set(requestLines.map((line) => line.reqId))]
  assert.equal(ids.length, 2, 'one id per request')
  for (const id of ids) {
    const ofRequest = requestLines.filter((line) => line.reqId === id)
    assert.deepEqual(ofRequest.map((line) => line.msg), ['incoming request', 'request completed'])
  }
  assert.deepEqual(requestLines.map((line) => line.req?.url ?? line.res?.statusCode),
    [`/articles/${SYRIA}`, 200, '/articles/no-such-story', 404])
})

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
  await logged(/request completed/)
  child.kill('SIGTERM')
  assert.equal(await exited, 0, 'clean shutdown')
  return stripVTControlCharacters(output)
}

test('the server logs JSON lines by default (production)', async (t) => {
  const output = await serverOutput(t, {})
  const lines = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine)
  const completed = lines.find((line) => line.msg === 'request completed')
  assert.ok(completed !== undefined, output)
  // Any id format (Fastify's req-N, or whatever genReqId makes): it must be there and shared with the incoming line.
  assert.match(completed.reqId ?? '', /\S/)
  assert.ok(lines.some((line) => line.msg === 'incoming request' && line.reqId === completed.reqId))
  assert.equal(completed.res?.statusCode, 200)
})

test('LOG_FORMAT=pretty logs readable lines (pino-pretty) tagged with the request id', async (t) => {
  const output = await serverOutput(t, { LOG_FORMAT: 'pretty' })
  assert.throws(() => JSON.parse(output.split('\n')[0] ?? ''), 'not JSON')
  assert.match(output, /INFO.*Newsdesk API listening at http:\/\//)
  const incomingId = /INFO.*\[([^\]\s]+)\] incoming request/.exec(output)?.[1]
  assert.ok(incomingId !== undefined, output)
  assert.ok(output.includes(`[${incomingId}] request completed`), output)
})
