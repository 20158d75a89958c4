// Contract fuzzing: requests generated from the app's own served OpenAPI document (every operation, its parameters,
// headers, bodies and security), valid and hostile. Whatever is sent: no 5xx; every error is a problem document with
// no internals; every 2xx/3xx is a documented status whose body validates against the documented schema.
// Seeded and reproducible: FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> changes its length (default 2,400 requests).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp, RATE_LIMIT_OFF, TEST_BASE_URL } from '../helpers/app.js'
import { editorHeaders } from '../helpers/editor.js'
import { strongEtag } from '../../src/http/etag.js'
import {
  bodyFor, encodeComponent, headerSafe, hostileString, valueFor,
  type KnownValues, type OpenApiDoc, type Operation, type Parameter, type Schema
} from '../helpers/openapi-arbitraries.js'

const SEED = Number(process.env.FUZZ_SEED ?? 20260126)
const RUNS = Number(process.env.FUZZ_RUNS ?? 2400)
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

interface Target { path: string, method: string, operation: Operation }
interface FuzzRequest {
  target: Target
  path: Record<string, string>
  query: Array<[string, string]>
  headers: Record<string, string>
  auth: string
  body?: string
  contentType?: string
  /** Send If-Match with the resource's current ETag (fetched just before), so conditional writes can succeed. */
  currentIfMatch: boolean
}

/** Internals that must never reach a client: stack frames, file paths, driver and engine names. */
const INTERNALS = /\bat [\w.<>]+ \(|\.(?:ts|js):\d+|node_modules|\/src\/|SqliteError|SQLITE_|better-sqlite3|\bstack\b/i

async function knownValues (app: FastifyInstance): Promise<KnownValues> {
  const page = (await app.inject('/articles?limit=100')).json<{ items: Array<{ slug: string }> }>()
  const rail = (await app.inject('/headlines')).json<{ items: Array<{ slug: string }> }>()
  const firstPage = (await app.inject('/articles?limit=2')).json<{ nextCursor: string }>()
  return {
    slugs: [...new Set([...page.items, ...rail.items].map((item) => item.slug)), 'no-such-story'],
    sections: [...(await app.inject('/sections')).json<{ items: Array<{ slug: string }> }>().items.map((s) => s.slug), 'no-such-section'],
    tags: (await app.inject('/tags')).json<{ items: Array<{ slug: string }> }>().items.map((t) => t.slug),
    cursors: [firstPage.nextCursor, 'AAAA', 'eyJrIjoxfQ']
  }
}

function requestArbitrary (targets: Target[], doc: OpenApiDoc, known: KnownValues, keys: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const fitting = (parameter: Parameter): fc.Arbitrary<string> =>
    valueFor(parameter.schema, doc, known, parameter.name).map((v) => Array.isArray(v) ? String(v[0] ?? '') : String(v))
  const anyValue = (parameter: Parameter): fc.Arbitrary<string> =>
    fc.oneof({ weight: 3, arbitrary: fitting(parameter) }, { weight: 1, arbitrary: hostileString() })
  const queryFor = (parameters: Parameter[], value: (p: Parameter) => fc.Arbitrary<string>, extras: boolean): fc.Arbitrary<Array<[string, string]>> => fc.tuple(
    ...parameters.map((p) => fc.option(fc.array(value(p), { minLength: 1, maxLength: p.schema.type === 'array' ? 3 : extras ? 2 : 1 })
      .map((values) => values.map((v): [string, string] => [p.name, v])), { freq: 2 })),
    extras
      ? fc.option(fc.tuple(fc.constantFrom('x', 'debug', '__proto__', 'constructor', 'tag[]', 'limit[0]', 'toString'), hostileString()).map((pair) => [pair]), { freq: 4 })
      : fc.constant(null)
  ).map((groups) => groups.flatMap((group) => group ?? []))

  const safeHeaderValue = fc.constantFrom('"abc"', 'W/"abc"', '"a", "b"', 'Tue, 28 Jan 2020 00:00:00 GMT', 'application/json',
    'application/ninjs+json', 'text/html;q=0.9, */*;q=0.1', 'br, gzip;q=0.5', 'gzip', 'https://reader.example', 'req-42')
  const hostileHeaderValue = fc.oneof(safeHeaderValue, fc.constantFrom('*', 'not a date', 'application/xml', 'identity;q=0, *;q=0',
    'null', 'gzip;q=2', 'deflate', 'bytes=0-1'), hostileString().map(headerSafe))
  const headerNames = fc.constantFrom('if-none-match', 'if-match', 'if-modified-since', 'accept', 'accept-encoding', 'origin', 'x-request-id', 'range')
  const otherTypes = fc.constantFrom(undefined, 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x', 'application/merge-patch+json', 'application/json', 'application/*', ';;')

  // Built once per operation: half of the requests are well-formed (fitting values, a valid key, the documented
  // media type, the current ETag), half are hostile (odd values, repeats, unknown parameters, bad keys, junk bodies).
  const perTarget = targets.map((target) => {
    const parameters = target.operation.parameters ?? []
    const pathParams = parameters.filter((p) => p.in === 'path')
    const queryParams = parameters.filter((p) => p.in === 'query')
    const content = Object.entries(target.operation.requestBody?.content ?? {})[0]
    const documentedType = content?.[0] ?? 'application/json'
    const body = content === undefined
      ? fc.option(fc.constantFrom('{"x":1}', 'x'.repeat(2 * 1024 * 1024)), { freq: 20 }).map((b) => b ?? undefined)
      : bodyFor(content[1].schema, doc, known)
    const wellFormed = fc.record({
      target: fc.constant(target),
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fitting(p)]))) as fc.Arbitrary<Record<string, string>>,
      query: queryFor(queryParams, fitting, false),
      headers: fc.dictionary(headerNames, safeHeaderValue, { maxKeys: 1 }),
      auth: fc.constantFrom('none', 'editor', 'editor', 'editor', 'partner'),
      body: content === undefined ? fc.constant(undefined) : body,
      contentType: fc.constant(documentedType),
      currentIfMatch: fc.constant(true)
    })
    const hostile = fc.record({
      target: fc.constant(target),
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, anyValue(p)]))) as fc.Arbitrary<Record<string, string>>,
      query: queryFor(queryParams, anyValue, true),
      headers: fc.dictionary(headerNames, hostileHeaderValue, { maxKeys: 3 }),
      auth: fc.constantFrom('none', 'editor', 'partner', 'rail-only', 'revoked', 'garbage', 'basic', 'both-differ'),
      body,
      contentType: fc.oneof({ weight: 3, arbitrary: fc.constant(documentedType) }, { weight: 1, arbitrary: otherTypes }),
      currentIfMatch: fc.boolean()
    })
    return fc.oneof(wellFormed, hostile) as fc.Arbitrary<FuzzRequest>
  })
  return fc.oneof(...perTarget).map((request) => ({ ...request, headers: { ...request.headers, ...authHeaders(request.auth, keys) } }))
}

function authHeaders (auth: string, keys: Record<string, string>): Record<string, string> {
  switch (auth) {
    case 'none': return {}
    case 'garbage': return { authorization: 'Bearer nd_editor_not-a-real-key' }
    case 'basic': return { authorization: 'Basic YWRtaW46YWRtaW4=' }
    case 'both-differ': return { authorization: `Bearer ${keys.editor ?? ''}`, 'x-api-key': keys.partner ?? '' }
    case 'partner': return { 'x-api-key': keys.partner ?? '' }
    default: return { authorization: `Bearer ${keys[auth] ?? ''}` }
  }
}

function urlOf (request: FuzzRequest): string {
  const path = request.target.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeComponent(request.path[name] ?? ''))
  const query = request.query.map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`).join('&')
  return query === '' ? path : `${path}?${query}`
}

function responseValidators (doc: OpenApiDoc): (schema: Schema) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'urn:newsdesk:openapi', components: doc.components })
  const compiled = new Map<string, ValidateFunction>()
  return (schema) => {
    const text = JSON.stringify(schema)
    let validate = compiled.get(text)
    if (validate === undefined) {
      validate = ajv.compile(JSON.parse(text.replaceAll('"#/components/', '"urn:newsdesk:openapi#/components/')))
      compiled.set(text, validate)
    }
    return validate
  }
}

/** The identity body: compressed responses (Accept-Encoding was fuzzed too) are decoded first. */
function bodyText (res: LightMyRequestResponse): string {
  const coding = res.headers['content-encoding']
  if (coding === 'br') return brotliDecompressSync(res.rawPayload).toString('utf8')
  if (coding === 'gzip') return gunzipSync(res.rawPayload).toString('utf8')
  assert.equal(coding, undefined, `unexpected content coding ${String(coding)}`)
  return res.body
}

function checkResponse (request: FuzzRequest, res: LightMyRequestResponse, validatorFor: (schema: Schema) => ValidateFunction): void {
  const text = bodyText(res)
  const what = `${request.target.method.toUpperCase()} ${urlOf(request).slice(0, 300)} -> ${res.statusCode}: ${text.slice(0, 300)}`
  assert.ok(res.statusCode < 500, `server error: ${what}`)
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
  if (res.statusCode >= 400) {
    assert.equal(mediaType, 'application/problem+json', `error without a problem document: ${what}`)
    const problem = JSON.parse(text) as Record<string, unknown>
    const validate = validatorFor({ $ref: '#/components/schemas/Problem' })
    assert.ok(validate(problem), `malformed problem (${JSON.stringify(validate.errors)}): ${what}`)
    assert.equal(problem.status, res.statusCode, what)
    assert.equal(problem.requestId, res.headers['x-request-id'], what)
    assert.doesNotMatch(text, INTERNALS, `internals leaked: ${what}`)
    return
  }
  const documented = request.target.operation.responses[String(res.statusCode)]
  assert.ok(documented !== undefined, `undocumented success status: ${what}`)
  if (res.statusCode === 304 || res.statusCode === 204) {
    assert.equal(res.body, '', what)
    return
  }
  if (res.statusCode === 301) {
    assert.ok(String(res.headers.location ?? '').startsWith(`${TEST_BASE_URL}/articles/`), what)
    return
  }
  const schema = documented.content?.[mediaType]?.schema
  assert.ok(schema !== undefined, `undocumented media type ${mediaType}: ${what}`)
  const body: unknown = mediaType.endsWith('json') ? JSON.parse(text) : text
  const validate = validatorFor(schema)
  assert.ok(validate(body), `body does not match the documented schema (${JSON.stringify(validate.errors?.slice(0, 3))}): ${what}`)
}

test(`contract fuzzing from the served OpenAPI document (seed ${SEED}, ${RUNS} runs)`, async (t) => {
  const app = await buildTestApp(t, { rateLimit: RATE_LIMIT_OFF })
  const doc = (await app.inject('/openapi.json')).json<OpenApiDoc>()
  const targets: Target[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => ({ path, method, operation: item[method] as Operation })))
  assert.ok(targets.length >= 18, `operations in the document: ${targets.length}`)
  const keys: Record<string, string> = {
    editor: (await editorHeaders(app)).authorization?.replace('Bearer ', '') ?? '',
    'rail-only': (await editorHeaders(app, ['headlines:write'])).authorization?.replace('Bearer ', '') ?? '',
    partner: app.apiKeys.create('fuzz-partner', 'partner').key,
    revoked: app.apiKeys.create('fuzz-revoked', 'editor', ['articles:write']).key
  }
  app.apiKeys.revoke('fuzz-revoked')
  const known = await knownValues(app)
  const validatorFor = responseValidators(doc)
  const seen = new Map<string, Set<number>>()
  const busyMs = new Map<string, number>()
  let requests = 0

  const property = fc.asyncProperty(requestArbitrary(targets, doc, known, keys), async (request) => {
    const headers = { ...request.headers }
    if (request.currentIfMatch && request.target.method !== 'get') {
      const resourceUrl = request.target.path === '/headlines' ? '/headlines' : `/articles/${encodeComponent(request.path.slug ?? '')}`
      const current = await app.inject(resourceUrl)
      if (current.statusCode === 200) headers['if-match'] = strongEtag(current.body)
    }
    if (request.body !== undefined && request.contentType !== undefined) headers['content-type'] = request.contentType
    const started = performance.now()
    const res = await app.inject({
      method: request.target.method.toUpperCase() as 'GET',
      url: urlOf(request),
      headers,
      ...(request.body === undefined ? {} : { payload: request.body })
    })
    requests++
    const key = `${request.target.method.toUpperCase()} ${request.target.path}`
    seen.set(key, (seen.get(key) ?? new Set()).add(res.statusCode))
    busyMs.set(key, (busyMs.get(key) ?? 0) + performance.now() - started)
    checkResponse(request, res, validatorFor)
  })

  try {
    await fc.assert(property, { seed: SEED, numRuns: RUNS })
  } catch (error) {
    // fast-check keeps the failed assertion as the cause; show it with the seed and the shrunk counterexample.
    const cause = (error as { cause?: unknown }).cause
    throw new Error(`${cause instanceof Error ? cause.message : ''}\nReplay with FUZZ_SEED=${SEED}\n${(error as Error).message}`)
  }
  for (const [operation, statuses] of [...seen].sort()) t.diagnostic(`${operation}: ${[...statuses].sort().join(' ')} (${Math.round(busyMs.get(operation) ?? 0)} ms)`)
  t.diagnostic(`${requests} generated requests`)
  assert.ok(requests >= 2000, `at least 2,000 generated requests (sent ${requests})`)
  // The generator must reach past validation: every operation answered at least once with success and with an error.
  for (const { path, method } of targets) {
    const statuses = [...(seen.get(`${method.toUpperCase()} ${path}`) ?? [])]
    assert.ok(statuses.some((s) => s < 400), `${method} ${path} never succeeded: ${statuses.join(' ')}`)
    assert.ok(statuses.some((s) => s >= 400), `${method} ${path} never failed: ${statuses.join(' ')}`)
  }
})
