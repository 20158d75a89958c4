// The benchmark's ceiling: a bare node:http server replaying precomputed copies of the app's responses
// (bench/ceiling-handler.mjs). Plain JS so no loader inflates its CPU or RSS.
// usage: node bench/ceiling-server.mjs <fixture.json>   fixture: { routes: { [url]: { headers, body (base64), notModifiedHeaders? } } }
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
import { ceilingHandler } from './ceiling-handler.mjs'

const server = createServer(ceilingHandler(JSON.parse(readFileSync(process.argv[2], 'utf8'))))
// Same keep-alive behaviour as Fastify's defaults (node:http), so connection handling is comparable.
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
process.on('SIGINT', () => server.close(() => process.exit(0)))
