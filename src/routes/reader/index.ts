// Owns the reader example at / : three static files from public/ (page, script, style) that consume the JSON API.
// Not part of the API: hidden from the OpenAPI document, and registered before the rate limiter like the docs.
import { readFileSync } from 'node:fs'
import type { FastifyPluginAsync } from 'fastify'
import { PROJECT_ROOT } from '../../project-root.js'

// From the project root, not this module: the single-file bundle (npm start) lives in dist/, not dist/routes/reader/.
const PUBLIC_DIR = new URL('public/', PROJECT_ROOT)

/** URL path -> file in public/ and its media type. The files are read once, at start-up. */
export const READER_FILES = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/reader.js': { file: 'reader.js', type: 'text/javascript; charset=utf-8' },
  '/reader.css': { file: 'reader.css', type: 'text/css; charset=utf-8' }
} as const

const reader: FastifyPluginAsync = async (app) => {
  for (const [url, { file, type }] of Object.entries(READER_FILES)) {
    const body = readFileSync(new URL(file, PUBLIC_DIR), 'utf8')
    // Strings (not streams) so the delivery hook gives them a strong ETag, 304s and compression like any read.
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      reply.type(type).setCachePolicy('docs')
      return body
    })
  }
}

export default reader
