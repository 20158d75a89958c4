// The benchmark's ceiling: a bare node:http server replaying precomputed copies of the app's responses (same bytes,
// same headers), 304 when If-None-Match matches (with the app's own 304 head when the fixture has it, else the ETag
// alone). Plain JS so no loader inflates its CPU or RSS.
// usage: node bench/ceiling-server.mjs <fixture.json>   fixture: { routes: { [url]: { headers, body (base64), notModifiedHeaders? } } }
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const fixture = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const routes = new Map()
for (const [url, { headers, body, notModifiedHeaders }] of Object.entries(fixture.routes)) {
  const bytes = Buffer.from(body, 'base64')
  const notModified = notModifiedHeaders ?? { etag: headers.etag }
  routes.set(url, { headers: { ...headers, 'content-length': String(bytes.length) }, bytes, etag: headers.etag, notModified })
}

const notFound = Buffer.from('{"status":404}')
const server = createServer((request, response) => {
  const route = routes.get(request.url)
  if (route === undefined) {
    response.writeHead(404, { 'content-type': 'application/json', 'content-length': notFound.length })
    response.end(notFound)
    return
  }
  if (route.etag !== undefined && request.headers['if-none-match'] === route.etag) {
    response.writeHead(304, route.notModified)
    response.end()
    return
  }
  response.writeHead(200, route.headers)
  response.end(route.bytes)
})
// Same keep-alive behaviour as Fastify's defaults (node:http), so connection handling is comparable.
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
process.on('SIGINT', () => server.close(() => process.exit(0)))
