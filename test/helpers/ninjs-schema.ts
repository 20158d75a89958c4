// Test helper: an ajv (JSON Schema 2020-12) validator for the official IPTC ninjs 2.1 schema.
import { existsSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/** The shared reference copy when present (../shared/reference), else the copy committed under test/fixtures. */
export const NINJS_SCHEMA_FILE = [
  new URL('../../../shared/reference/ninjs-schema_2.1.json', import.meta.url),
  new URL('../fixtures/ninjs-schema_2.1.json', import.meta.url)
].find((file) => existsSync(file)) as URL

export function ninjsValidator (): { validate: (data: unknown) => boolean, errors: () => string } {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  // places[].geojson refers to the GeoJSON schema on geojson.org; we never emit geojson and tests run offline,
  // so it is registered as an empty (permissive) schema.
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' })
  const validate = ajv.compile(JSON.parse(readFileSync(NINJS_SCHEMA_FILE, 'utf8')) as object)
  return { validate: (data) => validate(data), errors: () => ajv.errorsText(validate.errors) }
}
