// Hardening: security headers and a CSP Swagger UI works under, size limits (body, URL, head), prototype poisoning,
// bodies validated without coercion, request ids, server timeouts, and junk HTTP answered as problem documents.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp, listen, RATE_LIMIT_OFF, TEST_BASE_URL } from '../helpers/app.js'
import { currentEtag, editorHeaders, MERGE_PATCH, SYRIA } from '../helpers/editor.js'
import { DEFAULT_SERVER_LIMITS } from '../../src/http/server-limits.js'
import { helmetOptions, securityHeaders } from '../../src/plugins/external/helmet.js'

const CSP = "default-src 'self';base-uri 'self';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';" +
  "img-src 'self' data:;font-src 'self' data:;connect-src 'self';object-src 'none';form-action 'self';frame-ancestors 'none'"

/** The security headers of an app whose public URL is TEST_BASE_URL (plain http: no HSTS). */
const testAppSecurityHeaders = (): Record<string, string> => securityHeaders(helmetOptions(TEST_BASE_URL))

function isProblem (res: LightMyRequestResponse, status: number): Record<string, unknown> {
  assert.equal(res.statusCode, status, res.body)
  assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
  const body = res.json<Record<string, unknown>>()
  assert.equal(body.status, status)
  assert.equal(body.requestId, res.headers['x-request-id'])
  assert.doesNotMatch(res.body, /\bat .+:\d+:\d+|node_modules|\/src\//, 'no stack trace or paths')
  return body
}

test('every response carries the security headers; the CSP allows only same-origin scripts, and Swagger UI needs no more', async (t) => {
  const app = await buildTestApp(t)
  // Router answers (a bad percent-encoding, an over-long path segment) come before any hook: the same headers anyway.
  const routerAnswers = ['/articles/%ZZ', `/articles/${'a'.repeat(201)}`]
  const helmetNames = Object.keys(testAppSecurityHeaders())
  const routed = await app.inject('/articles/no-such-story')
  for (const url of ['/articles?limit=1', '/articles/no-such-story', '/docs/', '/docs/static/swagger-initializer.js', '/openapi.json', '/health/live', ...routerAnswers]) {
    const res = await app.inject(url)
    for (const name of helmetNames) assert.equal(res.headers[name], routed.headers[name], `${url}: ${name}`)
    assert.equal(res.headers['content-security-policy'], CSP, url)
    assert.equal(res.headers['x-content-type-options'], 'nosniff', url)
    assert.equal(res.headers['x-frame-options'], 'DENY', url)
    assert.equal(res.headers['referrer-policy'], 'no-referrer', url)
    // The test app's public URL is plain http: no HSTS (next test).
    assert.equal(res.headers['strict-transport-security'], undefined, url)
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', url)
  }
  // Swagger UI's page: every script is an external same-origin file (script-src 'self' allows exactly that), and the
  // initializer it loads is served; no inline <script> body and no on* handler attribute exists to be blocked.
  const page = await app.inject('/docs/')
  const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  assert.ok(scripts.length >= 3)
  for (const [, attributes, inline] of scripts) {
    assert.match(attributes ?? '', /\bsrc="\.\/static\/[\w.-]+\.js"/)
    assert.equal((inline ?? '').trim(), '')
  }
  assert.doesNotMatch(page.body, /\son[a-z]+=/i)
  const initializer = await app.inject('/docs/static/swagger-initializer.js')
  assert.equal(initializer.statusCode, 200)
  assert.match(initializer.body, /validatorUrl":null/, 'no validator badge image from another origin')
})

test('HSTS only when the public URL is https (RFC 6797: never over plain HTTP): then on every answer, cache hits and junk HTTP too', async (t) => {
  const plain = await buildTestApp(t, { publicUrl: 'http://news.example' })
  assert.equal((await plain.inject('/articles?limit=1')).headers['strict-transport-security'], undefined)
  const app = await buildTestApp(t, { publicUrl: 'https://news.example', rateLimit: RATE_LIMIT_OFF })
  const base = await listen(app)
  const path = `/articles/${SYRIA}`
  // Fastify's path (injected), then over a socket three times: the cache admits the second, the third is an early hit.
  const injected = await app.inject(path)
  assert.equal(injected.statusCode, 200)
  assert.match(injected.headers['strict-transport-security'] as string, /^max-age=\d+; includeSubDomains$/)
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${base}${path}`)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('strict-transport-security'), injected.headers['strict-transport-security'], `request ${i + 1}`)
  }
  const junk = await rawExchange(app, 'NOT HTTP\r\n\r\n')
  assert.match(junk, /^HTTP\/1.1 400 /)
  assert.match(junk, /^strict-transport-security: max-age=\d+/im)
})

test('the security headers are on every kind of answer: cache hits (both replay paths), 304, 401, 406, 413, 429, preflight', async (t) => {
  const expected = testAppSecurityHeaders()
  const check = (headers: Record<string, unknown>, label: string): void => {
    for (const [name, value] of Object.entries(expected)) assert.equal(headers[name], value, `${label}: ${name}`)
  }
  // Rate limiter on, with a limit of 4 per window for anonymous clients; through inject (no socket, so no early
  // replies), hits are replayed after the hooks.
  const limited = await buildTestApp(t, { rateLimit: { enabled: true, timeWindow: '1 minute', max: 4, keyMax: 100 } })
  for (let i = 1; i <= 3; i++) check((await limited.inject('/headlines')).headers, `limiter on, /headlines #${i}`)
  const etag = String((await limited.inject('/headlines')).headers.etag)
  const answers: Array<[string, LightMyRequestResponse]> = [
    ['429', await limited.inject('/headlines')],
    ['401', await limited.inject({ url: '/headlines', headers: { 'x-api-key': 'not-a-key' } })]
  ]
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF })
  const editor = await editorHeaders(app)
  answers.push(
    ['304', await app.inject({ url: '/headlines', headers: { 'if-none-match': etag } })],
    ['406', await app.inject({ url: `/articles/${SYRIA}`, headers: { accept: 'text/csv' } })],
    ['413', await app.inject({ method: 'POST', url: '/articles', headers: { ...editor, 'content-type': 'application/json' }, payload: `"${'x'.repeat(DEFAULT_SERVER_LIMITS.bodyLimit)}"` })],
    ['preflight', await app.inject({ method: 'OPTIONS', url: '/articles', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } })]
  )
  assert.deepEqual(answers.map(([label, res]) => [label, res.statusCode]),
    [['429', 429], ['401', 401], ['304', 304], ['406', 406], ['413', 413], ['preflight', 204]])
  for (const [label, res] of answers) check(res.headers, label)
  // Over a socket (here with the limiter off): hits are answered before Fastify, from the stored head.
  const base = await listen(app)
  for (let i = 1; i <= 3; i++) {
    const res = await fetch(`${base}/articles?limit=2`)
    await res.arrayBuffer()
    check(Object.fromEntries(res.headers), `early path, /articles?limit=2 #${i}`)
  }
})

test('bodies over BODY_LIMIT (413), URLs over MAX_URL_LENGTH (414) and write bodies over 256 KiB are problems', async (t) => {
  const app = await buildTestApp(t, { serverLimits: { ...DEFAULT_SERVER_LIMITS, bodyLimit: 4096, maxUrlLength: 512 } })
  const editor = await editorHeaders(app)
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  // DELETE takes no body, so only the app-wide limit guards it.
  const deleteWithBody = await app.inject({
    method: 'DELETE', url: `/articles/${SYRIA}`, headers: { ...editor, 'if-match': etag, 'content-type': 'application/json' },
    payload: JSON.stringify({ padding: 'x'.repeat(5000) })
  })
  isProblem(deleteWithBody, 413)
  isProblem(await app.inject(`/articles?q=${'a'.repeat(600)}`), 414)
  assert.equal((await app.inject(`/articles?q=${'a'.repeat(100)}`)).statusCode, 200, 'shorter URLs pass')
  const big = await app.inject({ method: 'POST', url: '/articles', headers: { ...editor, 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x', section: 'no-comment', body: ['x'.repeat(300 * 1024)] }) })
  isProblem(big, 413)
})

test('__proto__ and constructor.prototype in JSON bodies are refused with 400, and nothing is polluted', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const etag = await currentEtag(app, `/articles/${SYRIA}`)
  const payloads = [
    '{"title":"x","section":"no-comment","__proto__":{"polluted":true}}',
    '{"title":"x","section":"no-comment","constructor":{"prototype":{"polluted":true}}}',
    '{"title":"x","place":{"__proto__":{"polluted":true},"name":"x","region":"","country":""},"section":"no-comment"}'
  ]
  for (const payload of payloads) {
    const post = await app.inject({ method: 'POST', url: '/articles', headers: { ...editor, 'content-type': 'application/json' }, payload })
    isProblem(post, 400)
    const patch = await app.inject({ method: 'PATCH', url: `/articles/${SYRIA}`, headers: { ...editor, 'content-type': MERGE_PATCH, 'if-match': etag }, payload: payload.replace('"title":"x"', '"changeNote":"x"') })
    isProblem(patch, 400)
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined)
  assert.equal((await app.inject('/articles')).json().total, 15, 'nothing was created')
})

test('JSON bodies are validated as sent: no type coercion (a number is not a title, a string is not a body array)', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const post = (body: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url: '/articles', headers: editor, payload: body as Record<string, unknown> })
  for (const body of [
    { title: 123, section: 'no-comment' },
    { title: 'x', section: 'no-comment', body: 'one paragraph' },
    { title: 'x', section: 'no-comment', tags: 'syria' },
    { title: 'x', section: 'no-comment', status: true },
    { title: ['x'], section: 'no-comment' },
    { title: 'x', section: 'no-comment', summary: 0 }
  ]) {
    const problem = isProblem(await post(body), 400)
    assert.match(String(problem.detail), /^Invalid body: /, JSON.stringify(body))
  }
  // Query strings are text on the wire: they are still coerced to the schema's types.
  assert.equal((await app.inject('/articles?limit=2')).json().limit, 2)
  assert.equal((await app.inject('/articles?tag=syria')).statusCode, 200, 'one tag still fills the tag array')
})

test('request ids: a sane X-Request-Id is kept, anything else replaced; echoed, in problems, fresh on cache hits', async (t) => {
  const app = await buildTestApp(t)
  const kept = await app.inject({ url: '/articles/no-such-story', headers: { 'x-request-id': 'lb-4f2a.9:1' } })
  assert.equal(kept.headers['x-request-id'], 'lb-4f2a.9:1')
  assert.equal(isProblem(kept, 404).requestId, 'lb-4f2a.9:1')
  for (const bad of ['a'.repeat(129), 'has space', 'new\u2028line', '<script>', '']) {
    const res = await app.inject({ url: '/articles?limit=1', headers: { 'x-request-id': bad } })
    assert.match(res.headers['x-request-id'] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, JSON.stringify(bad))
  }
  // Regression: the response cache used to store X-Request-Id with the representation and replay it on hits.
  const first = await app.inject({ url: '/sections', headers: { 'x-request-id': 'first-request' } })
  const second = await app.inject({ url: '/sections', headers: { 'x-request-id': 'second-request' } })
  assert.equal(first.headers['x-request-id'], 'first-request')
  assert.equal(second.headers['x-request-id'], 'second-request')
  assert.equal(second.body, first.body)
})

test('the listening server has the configured timeouts and head size limit', async (t) => {
  const limits = { ...DEFAULT_SERVER_LIMITS, connectionTimeoutMs: 61_000, keepAliveTimeoutMs: 7_000, requestTimeoutMs: 20_000, headersTimeoutMs: 5_000, maxHeaderSize: 8192 }
  const app = await buildTestApp(t, { serverLimits: limits })
  await app.listen({ port: 0, host: '127.0.0.1' })
  assert.equal(app.server.timeout, 61_000)
  assert.equal(app.server.keepAliveTimeout, 7_000)
  assert.equal(app.server.requestTimeout, 20_000)
  assert.equal(app.server.headersTimeout, 5_000)
  assert.equal((app.server as unknown as { maxHeaderSize: number }).maxHeaderSize, 8192)
})

/** Sends raw bytes to the server and returns everything it answers before closing. */
function rawExchange (app: FastifyInstance, request: string): Promise<string> {
  const address = app.server.address()
  if (address === null || typeof address !== 'object') throw new Error('not listening')
  return new Promise((resolve, reject) => {
    const socket = connect(address.port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => { answer += chunk })
    socket.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'ECONNRESET') resolve(answer); else reject(error) })
    socket.on('close', () => resolve(answer))
    socket.write(request)
  })
}

test('junk HTTP and oversized heads are answered by the server itself with problem documents (400, 431)', async (t) => {
  const app = await buildTestApp(t, { serverLimits: { ...DEFAULT_SERVER_LIMITS, maxHeaderSize: 4096 } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const cases: Array<[string, number]> = [
    ['NOT HTTP AT ALL\r\n\r\n', 400],
    ['GET /articles HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
    [`GET /articles HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(6000)}\r\n\r\n`, 431]
  ]
  for (const [request, status] of cases) {
    const answer = await rawExchange(app, request)
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), JSON.stringify(request.slice(0, 40)))
    assert.match(head, /content-type: application\/problem\+json/i)
    assert.match(head, /^x-content-type-options: nosniff$/im)
    // The rest of the security headers too, as on every other answer.
    for (const [name, value] of Object.entries(testAppSecurityHeaders())) {
      assert.ok(head.toLowerCase().split('\r\n').includes(`${name}: ${value.toLowerCase()}`), `${status}: ${name}`)
    }
    const problem = JSON.parse(body) as Record<string, unknown>
    assert.equal(problem.status, status)
    assert.equal(typeof problem.requestId, 'string')
    assert.match(head, new RegExp(`^x-request-id: ${String(problem.requestId)}$`, 'im'), 'the id of the body, also as a header')
  }
})

test('a request head that does not arrive within HEADERS_TIMEOUT_MS is answered 408 with a problem document', async (t) => {
  const app = await buildTestApp(t, { serverLimits: { ...DEFAULT_SERVER_LIMITS, requestTimeoutMs: 400, headersTimeoutMs: 400 } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const started = performance.now()
  const answer = await rawExchange(app, 'GET /articles HTTP/1.1\r\nHost: x\r\n') // the blank line never comes
  const waited = performance.now() - started
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  assert.match(head, /^HTTP\/1.1 408 Request Timeout/)
  assert.match(head, /content-type: application\/problem\+json/i)
  assert.equal(JSON.parse(body).detail, 'The request was not received in time')
  // Checked every 100 ms (a quarter of 400, at least 100), not Node's default 30 s.
  assert.ok(waited >= 350 && waited < 5_000, `answered after ${waited.toFixed(0)} ms`)
})

test('regression (found by fuzzing): router rejections are problem documents, not Fastify\'s plain JSON', async (t) => {
  const app = await buildTestApp(t)
  // An over-long path parameter (maxParamLength 200) used to answer 414 application/json {"code":"FST_ERR_MAX_PARAM_LENGTH"}.
  for (const url of [`/articles/${'a'.repeat(201)}`, `/articles/${'a'.repeat(201)}/revisions`]) {
    const problem = isProblem(await app.inject(url), 414)
    assert.equal(problem.detail, 'A path segment is longer than the limit of 200 characters')
    isProblem(await app.inject({ method: 'DELETE', url }), 414)
  }
  // A path that is not valid percent-encoded UTF-8 used to answer 400 application/json {"code":"FST_ERR_BAD_URL"}.
  for (const url of ['/articles/%ZZ', '/articles/%C0%AF', '/articles/%ED%A0%80']) {
    const problem = isProblem(await app.inject(url), 400)
    assert.equal(problem.detail, 'The request path is not valid percent-encoded UTF-8')
  }
  // With the CORS headers the plugin gives every other answer, so a browser app can read the problem and its id.
  const fromBrowser = await app.inject({ url: '/articles/%ZZ', headers: { origin: 'https://app.example' } })
  assert.equal(fromBrowser.headers['access-control-allow-origin'], '*')
  assert.match(String(fromBrowser.headers['access-control-expose-headers']), /X-Request-Id/)
  const routed = await app.inject({ url: '/articles/not-there', headers: { origin: 'https://app.example' } })
  assert.equal(fromBrowser.headers['access-control-expose-headers'], routed.headers['access-control-expose-headers'])
})

test('strict inputs: every operation refuses unknown query parameters, every request body schema is closed', async (t) => {
  const app = await buildTestApp(t)
  const editor = await editorHeaders(app)
  const doc = (await app.inject('/openapi.json')).json<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>, components: { schemas: Record<string, unknown> } }>()
  // Valid bodies for the writes, so that the query string is what fails (Fastify validates the body first).
  const validBodies: Record<string, [string, string]> = {
    'post /articles': ['application/json', '{"title":"x","section":"no-comment"}'],
    'patch /articles/{slug}': [MERGE_PATCH, '{"changeNote":"x"}'],
    'put /headlines': ['application/json', '{"items":[]}']
  }
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      const url = `${path.replace('{slug}', SYRIA)}?unexpected=1`
      const [type, payload] = validBodies[`${method} ${path}`] ?? []
      const res = await app.inject({
        method: method.toUpperCase() as 'GET', url, headers: { ...editor, ...(type === undefined ? {} : { 'content-type': type }) }, payload
      })
      const problem = isProblem(res, 400)
      assert.match(String(problem.detail), /unexpected is not a known parameter/, `${method} ${path}`)
    }
  }
  // Every object in a request body schema (and the objects nested in it) sets additionalProperties: false.
  const closed = (schema: unknown, where: string): void => {
    if (typeof schema !== 'object' || schema === null) return
    const node = schema as Record<string, unknown>
    if (node.type === 'object' || node.properties !== undefined) assert.equal(node.additionalProperties, false, where)
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' || key === 'example') continue
      if (key === '$ref' && typeof value === 'string') closed(doc.components.schemas[value.replace('#/components/schemas/', '')], value)
      else closed(value, `${where}/${key}`)
    }
  }
  let bodies = 0
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const content of Object.values(operation.requestBody?.content ?? {})) {
        closed(content.schema, `${method} ${path}`)
        bodies++
      }
    }
  }
  assert.equal(bodies, 3, 'POST /articles, PATCH /articles/{slug}, PUT /headlines')
})
