// The OpenAPI document: generated from code, committed without drift, named components, and true to real responses.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from './helpers/app.js'
import { OPENAPI_FILE, renderOpenApiDocument } from '../src/openapi-document.js'
import { EXAMPLE_BASE_URL } from '../src/schemas/examples.js'

interface OpenApiDoc {
  openapi: string
  components: { schemas: Record<string, unknown> }
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>
}

test('openapi/openapi.json is exactly what the code generates (run npm run openapi after changing a route or schema)', async () => {
  assert.equal(readFileSync(OPENAPI_FILE, 'utf8'), await renderOpenApiDocument())
})

test('GET /openapi.json serves the committed document; Swagger UI is at /docs', async (t) => {
  const app = await buildTestApp(t, { publicUrl: EXAMPLE_BASE_URL })
  const res = await app.inject('/openapi.json')
  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.json(), JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')))
  const ui = await app.inject('/docs/')
  assert.equal(ui.statusCode, 200)
  assert.match(ui.headers['content-type'] as string, /text\/html/)
  assert.match(ui.body, /swagger-ui/i)
})

test('components are named after their schemas, never def-N', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc
  assert.equal(doc.openapi, '3.1.0')
  for (const name of ['Article', 'ArticleSummary', 'ArticlePage', 'Headline', 'HeadlineRail', 'Problem', 'Section', 'Tag', 'Place', 'NinjsItem', 'JsonFeed', 'JsonFeedItem']) {
    assert.ok(name in doc.components.schemas, name)
  }
  assert.doesNotMatch(JSON.stringify(doc), /def-\d/)
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/articles', '/articles/{slug}', '/feeds/articles.atom', '/feeds/articles.json',
    '/feeds/articles.rss', '/feeds/headlines.atom', '/feeds/headlines.json', '/feeds/headlines.rss', '/headlines'])
})

function responseValidator (doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'urn:newsdesk:openapi', components: doc.components })
  return (path: string, status: number, mediaType: string, body: unknown): void => {
    const schema = doc.paths[path]?.get?.responses[String(status)]?.content?.[mediaType]?.schema
    assert.ok(schema !== undefined, `no ${mediaType} schema for GET ${path} ${status}`)
    const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"urn:newsdesk:openapi#/components/'))
    const validate = ajv.compile(rooted)
    assert.ok(validate(body), `GET ${path} ${status}: ${ajv.errorsText(validate.errors)}`)
  }
}

async function check (app: FastifyInstance, validate: ReturnType<typeof responseValidator>, url: string, path: string, status: number): Promise<void> {
  const res = await app.inject(url)
  assert.equal(res.statusCode, status, url)
  validate(path, status, (res.headers['content-type'] as string).split(';')[0] ?? '', res.json())
}

test('real response bodies validate against the served OpenAPI schemas', async (t) => {
  const app = await buildTestApp(t)
  const doc = (await app.inject('/openapi.json')).json<OpenApiDoc>()
  const validate = responseValidator(doc)
  await check(app, validate, '/articles', '/articles', 200)
  await check(app, validate, '/articles?limit=2', '/articles', 200)
  await check(app, validate, '/articles?limit=0', '/articles', 400)
  await check(app, validate, '/articles/syrian-army-retakes-maaret-al-numan', '/articles/{slug}', 200)
  await check(app, validate, '/articles/deer-rescued-from-freezing-swimming-pool', '/articles/{slug}', 200)
  await check(app, validate, '/articles/no-such-story', '/articles/{slug}', 404)
  await check(app, validate, '/articles/NOPE', '/articles/{slug}', 400)
  await check(app, validate, '/headlines', '/headlines', 200)
  await check(app, validate, '/articles/syrian-army-retakes-maaret-al-numan?format=ninjs', '/articles/{slug}', 200)
  await check(app, validate, '/articles/deer-rescued-from-freezing-swimming-pool?format=ninjs', '/articles/{slug}', 200)
  await check(app, validate, '/articles/syrian-army-retakes-maaret-al-numan?format=xml', '/articles/{slug}', 400)
  await check(app, validate, '/feeds/articles.json?limit=2', '/feeds/articles.json', 200)
  await check(app, validate, '/feeds/headlines.json', '/feeds/headlines.json', 200)
  await check(app, validate, '/feeds/articles.json?limit=0', '/feeds/articles.json', 400)
})

test('syndication routes document media types, optional key security, 401/406/429 problems and rate-limit headers', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc & { components: { securitySchemes: Record<string, unknown> } }
  type Operation = { security?: unknown[], responses: Record<string, { headers?: Record<string, unknown>, content?: Record<string, unknown> }> }
  const op = (path: string): Operation => doc.paths[path]?.get as unknown as Operation
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['ApiKeyHeader', 'BearerAuth'])
  const article = op('/articles/{slug}')
  assert.deepEqual(Object.keys(article.responses['200']?.content ?? {}), ['application/json', 'application/ninjs+json'])
  assert.ok(article.responses['406'] !== undefined)
  const feeds: Array<[string, string]> = [['/feeds/articles.json', 'application/feed+json'], ['/feeds/articles.atom', 'application/atom+xml'],
    ['/feeds/articles.rss', 'application/rss+xml'], ['/feeds/headlines.atom', 'application/atom+xml']]
  for (const [path, mediaType] of [...feeds, ['/articles/{slug}', 'application/ninjs+json'] as [string, string]]) {
    const operation = op(path)
    if (path.startsWith('/feeds/')) assert.deepEqual(Object.keys(operation.responses['200']?.content ?? {}), [mediaType], path)
    assert.deepEqual(operation.security, [{}, { BearerAuth: [] }, { ApiKeyHeader: [] }], path)
    assert.ok(operation.responses['401'] !== undefined, `${path} 401`)
    assert.ok('Retry-After' in (operation.responses['429']?.headers ?? {}), `${path} 429 Retry-After`)
    assert.ok('RateLimit-Policy' in (operation.responses['200']?.headers ?? {}), `${path} 200 RateLimit-Policy`)
  }
  assert.ok(op('/articles').responses['429'] !== undefined, 'every rate-limited route documents 429')
})

test('schema examples validate against their own schemas', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'urn:newsdesk:openapi', components: doc.components })
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const examples = (schema as { examples?: unknown[] }).examples ?? []
    assert.ok(examples.length > 0, `${name} has examples`)
    const validate = ajv.getSchema(`urn:newsdesk:openapi#/components/schemas/${name}`)
    assert.ok(validate !== undefined)
    for (const example of examples) assert.ok(validate(example), `${name} example: ${ajv.errorsText(validate.errors)}`)
  }
})
