// `npm run openapi`: regenerates openapi/openapi.json from the route schemas (`-- --check` only compares).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { OPENAPI_FILE, renderOpenApiDocument } from '../openapi-document.js'

const rendered = await renderOpenApiDocument()
const path = fileURLToPath(OPENAPI_FILE)
if (process.argv.includes('--check')) {
  const committed = readFileSync(path, 'utf8')
  if (committed !== rendered) {
    console.error(`${path} is out of date: run npm run openapi`)
    process.exit(1)
  }
  console.log(`${path} is up to date`)
} else {
  writeFileSync(path, rendered)
  console.log(`wrote ${path}`)
}
