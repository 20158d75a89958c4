// Owns how request schemas are compiled: bodies are validated exactly as sent (no type coercion), while the other
// parts (querystring, params, headers), which arrive as strings, are coerced to the schema's types.
import { AjvCompiler } from '@fastify/ajv-compiler'

type BuildValidator = ReturnType<typeof AjvCompiler>
type CompilerOptions = { mode?: never, customOptions?: Record<string, unknown>, plugins?: never[] }

const pool = AjvCompiler()

/**
 * schemaController.compilersFactory.buildValidator: one Ajv for JSON bodies without coercion (`{"title": 123}` is a
 * 400, not the title "123"; `"body": "text"` is not silently wrapped in an array), one coercing string-only parts.
 */
export const buildPartAwareValidator: BuildValidator = (externalSchemas, options) => {
  // Fastify passes its `ajv` server option here (plain JSON Schema mode, never JTD in this app).
  const ajvOptions = (options ?? {}) as CompilerOptions
  const base = ajvOptions.customOptions ?? {}
  const strict = pool(externalSchemas, { ...ajvOptions, customOptions: { ...base, coerceTypes: false } })
  const coercing = pool(externalSchemas, { ...ajvOptions, customOptions: { ...base, coerceTypes: 'array' } })
  return (route) => route.httpPart === 'body' ? strict(route) : coercing(route)
}
