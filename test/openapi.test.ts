// The OpenAPI document: generated from code, committed without drift, named components, and true to real responses.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from './helpers/app.js'
import { currentEtag, editorHeaders, patchArticle, SYRIA } from './helpers/editor.js'
import { OPENAPI_FILE, renderOpenApiDocument } from '../src/openapi-document.js'
import { EXAMPLE_BASE_URL } from '../src/schemas/examples.js'

interface OpenApiDoc {
  openapi: string
  components: { schemas: Record<string, unknown> }
  paths: Record<string, Record<string, { security?: unknown[], responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>
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
  for (const name of ['Article', 'ArticleSummary', 'ArticleListItem', 'ArticlePage', 'Headline', 'HeadlineRail', 'Problem', 'Section', 'Tag', 'Place', 'SectionSummary', 'SectionList', 'TagSummary', 'TagList',
    'ArticleCreate', 'ArticlePatch', 'ArticleRevision', 'ArticleRevisionList', 'HeadlinesReplace', 'NinjsItem', 'JsonFeed', 'JsonFeedItem']) {
    assert.ok(name in doc.components.schemas, name)
  }
  assert.doesNotMatch(JSON.stringify(doc), /def-\d/)
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/articles', '/articles/{slug}', '/articles/{slug}/revisions', '/feeds/articles.atom', '/feeds/articles.json',
    '/feeds/articles.rss', '/feeds/headlines.atom', '/feeds/headlines.json', '/feeds/headlines.rss', '/headlines', '/health/live', '/health/ready', '/sections', '/tags'])
})

test('every parameter has a typed schema (an enum without a type shows as "any" in Swagger UI)', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string, schema?: { type?: unknown, $ref?: string } }> }>> }
  const untyped = Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).flatMap(([method, operation]) =>
    (operation.parameters ?? []).filter((parameter) => parameter.schema?.type === undefined && parameter.schema?.$ref === undefined)
      .map((parameter) => `${method.toUpperCase()} ${path} ${parameter.name}`)))
  assert.deepEqual(untyped, [])
})

test('every GET documents its caching headers, conditional request headers, 304 and 400', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, { get: { parameters: Array<{ in: string, name: string }>, responses: Record<string, { headers?: Record<string, unknown>, content?: unknown }> } }> }
  // Health checks are never cached (no-store). Feeds are: the fuzzer found them answering an undocumented 304.
  for (const [path, item] of Object.entries(doc.paths).filter(([path]) => !path.startsWith('/health/'))) {
    const { responses, parameters } = item.get
    for (const header of ['ETag', 'Last-Modified', 'Cache-Control', 'Vary', 'Surrogate-Key', 'Cache-Tag']) {
      assert.ok(header in (responses['200']?.headers ?? {}), `${path} 200 ${header}`)
      assert.ok(header in (responses['304']?.headers ?? {}), `${path} 304 ${header}`)
    }
    assert.equal(responses['304']?.content, undefined, `${path} 304 has no body`)
    assert.ok(responses['400'] !== undefined, `${path} 400`)
    const headerParams = parameters.filter((p) => p.in === 'header').map((p) => p.name).sort()
    assert.deepEqual(headerParams, ['if-modified-since', 'if-none-match'], path)
  }
  const list = doc.paths['/articles']?.get
  assert.ok(list !== undefined)
  assert.ok('Link' in (list.responses['200']?.headers ?? {}))
  assert.ok('X-Total-Count' in (list.responses['200']?.headers ?? {}))
  assert.deepEqual(list.parameters.filter((p) => p.in === 'query').map((p) => p.name).sort(),
    ['cursor', 'fields', 'from', 'limit', 'q', 'section', 'sort', 'tag', 'to'])
  assert.deepEqual(doc.paths['/headlines']?.get.parameters.filter((p) => p.in === 'query').map((p) => p.name).sort(), ['exclude', 'limit'])
})

test('every write operation requires an API key (Bearer or X-API-Key) and documents its error statuses', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc
  const writes: Array<[string, string, string[]]> = [
    ['/articles', 'post', ['201', '400', '401', '403', '409', '413', '415', '422', '429']],
    ['/articles/{slug}', 'patch', ['200', '400', '401', '403', '404', '409', '410', '412', '413', '415', '422', '428', '429']],
    ['/articles/{slug}', 'delete', ['204', '400', '401', '403', '404', '409', '410', '412', '428', '429']],
    ['/headlines', 'put', ['200', '400', '401', '403', '404', '412', '413', '415', '422', '428', '429']]
  ]
  for (const [path, method, statuses] of writes) {
    const operation = doc.paths[path]?.[method]
    assert.ok(operation !== undefined, `${method} ${path}`)
    assert.deepEqual(operation.security, [{ BearerAuth: [] }, { ApiKeyHeader: [] }])
    assert.deepEqual(Object.keys(operation.responses).sort(), statuses.sort(), `${method} ${path}`)
  }
  for (const [path, method] of [['/articles', 'get'], ['/articles/{slug}', 'get'], ['/headlines', 'get']] as const) {
    const security = doc.paths[path]?.[method]?.security as unknown[] | undefined
    assert.ok(security === undefined || security.some((requirement) => JSON.stringify(requirement) === '{}'), `${path}: reads stay public`)
  }
})

function responseValidator (doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'urn:newsdesk:openapi', components: doc.components })
  return (path: string, status: number, mediaType: string, body: unknown, method = 'get'): void => {
    const schema = doc.paths[path]?.[method]?.responses[String(status)]?.content?.[mediaType]?.schema
    assert.ok(schema !== undefined, `no ${mediaType} schema for ${method} ${path} ${status}`)
    const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"urn:newsdesk:openapi#/components/'))
    const validate = ajv.compile(rooted)
    assert.ok(validate(body), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`)
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
  await check(app, validate, '/headlines?exclude=deer-rescued-from-freezing-swimming-pool&limit=3', '/headlines', 200)
  await check(app, validate, '/articles?q=maaret&fields=slug,snippet', '/articles', 200)
  await check(app, validate, '/articles?tag=syria&section=no-comment&from=2020-01-01&to=2020-12-31&sort=oldest', '/articles', 200)
  await check(app, validate, '/articles?sort=relevance', '/articles', 400)
  await check(app, validate, '/sections', '/sections', 200)
  await check(app, validate, '/tags', '/tags', 200)
  await check(app, validate, '/tags?x=1', '/tags', 400)
  await check(app, validate, `/articles/${SYRIA}/revisions`, '/articles/{slug}/revisions', 200)

  const editor = await editorHeaders(app)
  const writes = [
    [await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { title: 'Example headline', section: 'no-comment' } }), '/articles', 'post', 201],
    [await app.inject({ method: 'POST', url: '/articles', headers: editor, payload: { title: 'Example headline', section: 'no-comment' } }), '/articles', 'post', 409],
    [await app.inject({ method: 'POST', url: '/articles', payload: {} }), '/articles', 'post', 401],
    [await app.inject(patchArticle(SYRIA, editor, { summary: 'Example standfirst.', changeNote: 'x' }, await currentEtag(app, `/articles/${SYRIA}`))), '/articles/{slug}', 'patch', 200],
    [await app.inject(patchArticle(SYRIA, editor, { summary: 'Example standfirst.', changeNote: 'x' })), '/articles/{slug}', 'patch', 428],
    [await app.inject({ method: 'PUT', url: '/headlines', headers: { ...editor, 'if-match': await currentEtag(app, '/headlines') }, payload: { items: [SYRIA] } }), '/headlines', 'put', 200]
  ] as const
  for (const [res, path, method, status] of writes) {
    assert.equal(res.statusCode, status, `${method} ${path}`)
    validate(path, status, (res.headers['content-type'] as string).split(';')[0] ?? '', res.json(), method)
  }
  await check(app, validate, `/articles/${SYRIA}/revisions`, '/articles/{slug}/revisions', 200)
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
