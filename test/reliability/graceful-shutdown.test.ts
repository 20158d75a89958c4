// Graceful shutdown: under load from this (second) process, SIGTERM makes the server stop accepting, finish every
// request it accepted (including one whose body is still arriving), close the database and exit 0.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { tempDatabasePath } from '../helpers/app.js'
import { SYRIA } from '../helpers/editor.js'
import { keepAliveAgent, loggedRequests, prepareDatabase, send, startServer, until, type Outcome } from '../helpers/server-process.js'

const READS = ['/articles?limit=5', `/articles/${SYRIA}`, '/headlines', '/feeds/articles.atom', '/tags', '/articles?q=syria', '/health/ready']

test('SIGTERM under load: refuses new connections, completes every accepted request, exits 0', async (t) => {
  const databasePath = tempDatabasePath(t)
  const key = prepareDatabase(databasePath)
  const server = await startServer(t, databasePath)
  const writeHeaders = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const agent = keepAliveAgent(8)
  const outcomes: Outcome[] = []
  let next = 0

  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++
      const outcome = i % 6 === 0
        ? await send(agent, server.url, `load-${i}`, 'POST', '/articles', writeHeaders, JSON.stringify({ title: `Example headline ${i}`, section: 'no-comment' }))
        : await send(agent, server.url, `load-${i}`, 'GET', READS[i % READS.length] ?? '/articles')
      outcomes.push(outcome)
      // Once the listener is gone, new connections are refused: this client is done.
      if (outcome.error === 'ECONNREFUSED') return
    }
  }
  const workers = Array.from({ length: 8 }, worker)
  await until(() => outcomes.length >= 300, '300 answered requests')

  // A request the server has accepted whose body is still on its way when SIGTERM arrives.
  const body = JSON.stringify({ title: 'Example headline in flight', section: 'no-comment', body: ['Example paragraph.'] })
  const inFlight = new Promise<{ status?: number, error?: string }>((resolve) => {
    const req = httpRequest(`${server.url}/articles`, {
      method: 'POST', headers: { ...writeHeaders, 'content-length': String(Buffer.byteLength(body)), 'x-request-id': 'in-flight' }
    }, (res) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode })) })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }))
    req.write(body.slice(0, 20))
    until(() => server.logs.some((line) => line.reqId === 'in-flight'), 'the in-flight request to be received').then(() => {
      server.child.kill('SIGTERM')
      return until(() => server.logs.some((line) => line.msg === 'shutting down'), 'the shutdown to start')
    }).then(() => req.end(body.slice(20)), (error: unknown) => { req.destroy(error as Error) })
  })

  const slow = await inFlight
  const exit = await server.exit
  await Promise.all(workers)
  agent.destroy()

  assert.deepEqual(exit, { code: 0, signal: null }, 'clean exit')
  assert.equal(slow.status, 201, `the request in flight at SIGTERM was completed: ${JSON.stringify(slow)}`)
  const refused = await send(keepAliveAgent(1), server.url, 'after-exit', 'GET', '/health/live')
  assert.equal(refused.error, 'ECONNREFUSED')

  const { received, completed } = loggedRequests(server.logs)
  const answered = outcomes.filter((o) => o.status !== undefined)
  const failed = outcomes.filter((o) => o.error !== undefined)
  t.diagnostic(`${answered.length} answered, ${failed.length} failed (${[...new Set(failed.map((o) => o.error))].join(', ')}), ` +
    `${server.logs.filter((line, i) => line.msg === 'request completed' && i > server.logs.findIndex((l) => l.msg === 'shutting down')).length} completed after SIGTERM`)
  for (const outcome of answered) {
    assert.ok((outcome.status ?? 500) < 500, `${outcome.method} ${outcome.path} -> ${outcome.status}: ${outcome.body}`)
    assert.equal(completed.get(outcome.id), outcome.status, `${outcome.id} answered as logged`)
  }
  for (const outcome of failed) {
    assert.ok(['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(outcome.error ?? ''), `${outcome.id}: ${outcome.error}`)
    assert.ok(!received.has(outcome.id), `${outcome.id} failed with ${outcome.error} although the server had accepted it`)
  }
  for (const id of received) assert.ok(completed.has(id), `accepted request ${id} was answered`)
  assert.ok(answered.length >= 300)
})
