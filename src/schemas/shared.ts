// Owns the schema building blocks shared by every resource: $ref helper, nullable, timestamps, problem responses.
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'

/** A `$ref` to a schema registered with app.addSchema, typed as the schema it points to. */
export function ref<T extends TSchema> (schema: T, options: { description?: string } = {}): TUnsafe<Static<T>> {
  const id = (schema as { $id?: unknown }).$id
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>({ $ref: id, ...options })
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 date-time, UTC' })
export const AbsoluteUrl = Type.String({ format: 'uri', description: 'Absolute URL' })
