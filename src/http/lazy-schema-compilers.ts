// Owns when route schemas are compiled: Fastify's own compilers (ajv for validation, fast-json-stringify for
// responses), run on a route's first use instead of at start-up. Compiling every route's validators and every
// status's serializer up front took most of the start-up time (about 1 s of CPU) and memory for responses that are
// rarely or never sent (410, 406, ...); a test compiles them all eagerly so a broken schema still fails CI.
import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler'
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

export type SchemaCompilation = 'lazy' | 'eager'

type Validate = ((data: unknown) => unknown) & { errors?: unknown }

function lazyValidators (build: ValidatorFactory): ValidatorFactory {
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options)
    return (route) => {
      let validate: Validate | undefined
      // Fastify reads `errors` off the function it was given after a failed validation: pass ajv's through.
      const lazy: Validate = (data) => {
        validate ??= compile(route) as Validate
        const valid = validate(data)
        lazy.errors = validate.errors
        return valid
      }
      return lazy as ReturnType<ReturnType<ValidatorFactory>>
    }
  }
}

function lazySerializers (build: SerializerFactory): SerializerFactory {
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options)
    return (route) => {
      let serialize: ((data: unknown) => string) | undefined
      return (data: unknown) => {
        serialize ??= compile(route)
        return serialize(data)
      }
    }
  }
}

interface SchemaController { compilersFactory: { buildValidator: ValidatorFactory, buildSerializer?: SerializerFactory } }

/**
 * Fastify's `schemaController` option: the validator factory (default: Fastify's own ajv compiler) and Fastify's
 * serializer compiler, wrapped to compile on first use when 'lazy'.
 */
export function schemaCompilers (mode: SchemaCompilation, buildValidator: ValidatorFactory = AjvCompiler()): SchemaController {
  if (mode === 'eager') return { compilersFactory: { buildValidator } }
  return { compilersFactory: { buildValidator: lazyValidators(buildValidator), buildSerializer: lazySerializers(SerializerSelector()) } }
}
