// The ceiling's request handler (bench/ceiling-server.mjs, bench/ceiling-beside-app.mjs): precomputed copies of the
// app's responses (same bytes, same headers), 304 when If-None-Match matches (with the app's own 304 head when the
// fixture has it, else the ETag alone). Plain JS so no loader inflates its CPU or RSS.
// fixture: { routes: { [url]: { headers, body (base64), notModifiedHeaders? } } }

const notFound = Buffer.from('{"status":404}')

/** The node:http request listener replaying `fixture`. */
export function ceilingHandler (fixture) {
  const routes = new Map()
  for (const [url, { headers, body, notModifiedHeaders }] of Object.entries(fixture.routes)) {
    const bytes = Buffer.from(body, 'base64')
    const notModified = notModifiedHeaders ?? { etag: headers.etag }
    routes.set(url, { headers: { ...headers, 'content-length': String(bytes.length) }, bytes, etag: headers.etag, notModified })
  }
  return (request, response) => {
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
  }
}
