// Owns the schema building blocks shared by every resource: $ref helper, nullable, timestamps, problem responses.
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'

/** A `$ref` to a schema registered with app.addSchema, typed as the schema it points to. */
export function ref<T extends TSchema> (schema: T, options: { description?: string } = {}): TUnsafe<Static<T>> {
  const id = (schema as { $id?: unknown }).$id
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>({ $ref: id, ...options })
}

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean'])

/**
 * `schema` or null. A primitive schema becomes one schema with `type: [type, "null"]` (JSON Schema 2020-12, OpenAPI
 * 3.1): fast-json-stringify writes it directly, whereas for an anyOf it runs an Ajv validator per branch on every
 * value it serializes (compiled on first use: ~35 ms of the first article response). Objects and $refs stay an anyOf.
 */
export function Nullable<T extends TSchema> (schema: T): TUnsafe<Static<T> | null> {
  const type = (schema as { type?: unknown }).type
  if (typeof type === 'string' && PRIMITIVE_TYPES.has(type)) return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] })
  return Type.Union([schema, Type.Null()]) as unknown as TUnsafe<Static<T> | null>
}

export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 date-time, UTC' })
export const AbsoluteUrl = Type.String({ format: 'uri', description: 'Absolute URL' })
