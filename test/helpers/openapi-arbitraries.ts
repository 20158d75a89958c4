// Test helper: fast-check arbitraries derived from the served OpenAPI document: values that fit a JSON Schema (with
// real slugs, sections and tags mixed in so requests reach the database), hostile strings, and hostile bodies.
import fc from 'fast-check'

export type Schema = Record<string, unknown>
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema>, securitySchemes: Record<string, Schema> }
}
export interface Parameter { name: string, in: 'query' | 'path' | 'header', required?: boolean, schema: Schema }
export interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }>, headers?: Record<string, unknown> }>
  security?: Array<Record<string, string[]>>
}

/** Values the running app knows (slugs, sections, tags, a cursor), so valid-looking requests hit real rows. */
export interface KnownValues { slugs: string[], sections: string[], tags: string[], cursors: string[] }

/** Strings that have broken APIs before: SQL and FTS syntax, traversal, NUL, lone surrogates, bidi, huge numbers. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1", "'; DROP TABLE articles; --", '" OR ""="', '1 UNION SELECT key_hash FROM api_keys', '%', '_', '\\',
  'NEAR(a b)', 'a AND OR NOT b', '"unterminated', 'title:x', '*', '^a', '-a', 'a OR', '(', ')', '{col}', 'a"b"c',
  '../../../etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f', '/etc/passwd%00.json', '....//', '~',
  '\u0000', 'a\u0000b', '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '\uFEFF', '\u202Eevil\u202C', 'שלום', 'مرحبا', '\u200B',
  'e\u0301', 'ﬁ', 'İ', 'ß', '😀👩‍👩‍👧', '\r\n', '\t', ' ', '', 'null', 'undefined', 'true', '[]', '{}', 'NaN', 'Infinity',
  '-0', '0x10', '1e309', '-1e309', '9007199254740993', '99999999999999999999999999999999', '-9223372036854775809', '1.5',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile input (log4j-style lookup), not a template
  '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString',
  '%ZZ', '%C0%AF', '%E0%80%80', '%ED%A0%80', '+', '&', '=', '#', '?', ';', ','
]

export const hostileString = (): fc.Arbitrary<string> => fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 6000 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) }
)

const resolve = (schema: Schema, doc: OpenApiDoc): Schema => {
  const ref = schema.$ref
  if (typeof ref !== 'string') return schema
  const name = ref.replace('#/components/schemas/', '')
  const target = doc.components.schemas[name]
  if (target === undefined) throw new Error(`unresolved ${ref}`)
  return resolve(target, doc)
}

/** Real values for fields whose name says what they hold; undefined when the name means nothing to the app. */
function knownFor (name: string, known: KnownValues): fc.Arbitrary<unknown> | undefined {
  if (name === 'slug' || name === 'exclude') return fc.constantFrom(...known.slugs)
  if (name === 'section') return fc.constantFrom(...known.sections)
  if (name === 'tag') return fc.constantFrom(...known.tags)
  if (name === 'cursor') return fc.constantFrom(...known.cursors)
  if (name === 'items') return fc.uniqueArray(fc.constantFrom(...known.slugs), { maxLength: 6 })
  if (name === 'tags') return fc.array(fc.constantFrom(...known.tags), { maxLength: 4 })
  return undefined
}

/** A value that (mostly) satisfies `schema`; `name` is the property or parameter it is for. */
export function valueFor (schema: Schema, doc: OpenApiDoc, known: KnownValues, name = ''): fc.Arbitrary<unknown> {
  const real = knownFor(name, known)
  const fitting = fromSchema(resolve(schema, doc), doc, known)
  return real === undefined ? fitting : fc.oneof({ weight: 3, arbitrary: real }, { weight: 1, arbitrary: fitting })
}

function fromSchema (schema: Schema, doc: OpenApiDoc, known: KnownValues): fc.Arbitrary<unknown> {
  const examples = Array.isArray(schema.examples) && schema.examples.length > 0 ? schema.examples : undefined
  const base = fromType(schema, doc, known)
  return examples === undefined ? base : fc.oneof(base, fc.constantFrom(...examples))
}

function fromType (schema: Schema, doc: OpenApiDoc, known: KnownValues): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((alt) => valueFor(alt, doc, known)))
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => fromType({ ...schema, type }, doc, known)))
  switch (schema.type) {
    case 'null': return fc.constant(null)
    case 'boolean': return fc.boolean()
    case 'integer': return fc.integer({ min: Number(schema.minimum ?? -1000), max: Number(schema.maximum ?? 1000) })
    case 'number': return fc.double({ min: Number(schema.minimum ?? -1000), max: Number(schema.maximum ?? 1000), noNaN: true })
    case 'string': return stringFor(schema)
    case 'array': {
      const items = valueFor((schema.items ?? {}) as Schema, doc, known)
      const maxLength = Math.min(Number(schema.maxItems ?? 4), 4)
      return schema.uniqueItems === true ? fc.uniqueArray(items, { maxLength }) : fc.array(items, { maxLength })
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>
      const required = (schema.required ?? []) as string[]
      const record = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valueFor(value, doc, known, key)]))
      return fc.record(record, { requiredKeys: required })
    }
    default: return fc.jsonValue({ maxDepth: 2 })
  }
}

function stringFor (schema: Schema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0)
  const maxLength = Math.min(Number(schema.maxLength ?? 40), 60)
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString())
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern)
    return fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= Number(schema.maxLength ?? Infinity))
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) })
}

/** Bodies as raw text: schema-shaped, one field broken, unknown fields, prototype payloads, malformed JSON. */
export function bodyFor (schema: Schema, doc: OpenApiDoc, known: KnownValues): fc.Arbitrary<string> {
  const valid = valueFor(schema, doc, known) as fc.Arbitrary<Record<string, unknown>>
  const broken = fc.tuple(valid, fc.string({ maxLength: 12 }), fc.oneof(hostileString(), fc.jsonValue({ maxDepth: 3 })))
    .map(([body, key, value]) => {
      const keys = Object.keys(body)
      const target = keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length] ?? key : key
      return JSON.stringify({ ...body, [target]: value })
    })
  const poisoned = fc.tuple(valid, fc.constantFrom(
    '"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"isAdmin":true}}', '"__proto__":null',
    '"place":{"__proto__":{"x":1},"name":"x"}', '"tags":{"__proto__":[]}'
  )).map(([body, extra]) => JSON.stringify(body).replace(/^\{/, `{${extra}${Object.keys(body).length > 0 ? ',' : ''}`))
  const malformed = fc.constantFrom(
    '', '{', '}', '[', '{"title":', '{"title":"x",}', "{'title':'x'}", 'null', '[]', '"x"', '42', 'true', '{"a":1}}',
    '\uFEFF{}', '{"title":"\uD800"}', '{"title":"x\u0000"}', `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `{"body":[${Array(2000).fill('"x"').join(',')}]}`, '{"title":1e400,"section":"no-comment"}', 'not json at all'
  )
  return fc.oneof(
    { weight: 6, arbitrary: valid.map((body) => JSON.stringify(body)) },
    { weight: 3, arbitrary: broken },
    { weight: 1, arbitrary: poisoned },
    { weight: 1, arbitrary: malformed },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null') }
  )
}

/** Percent-encodes for a URL; strings with lone surrogates become raw, invalid UTF-8 escapes (the server must cope). */
export function encodeComponent (value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    return [...value].map((char) => {
      const unit = char.charCodeAt(0)
      if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
        return `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`.toUpperCase()
      }
      return encodeURIComponent(char)
    }).join('')
  }
}

/** A header value as a client can send it: characters a header cannot carry (controls, > U+00FF) become '?'. */
export const headerSafe = (value: string): string => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')
