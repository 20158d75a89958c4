// Owns the seed files in seed/: their shape (checked on load) and reading them.
import { readFileSync } from 'node:fs'
import { Type, type Static, type TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { PROJECT_ROOT } from '../project-root.js'

export const SEED_DIR = new URL('seed/', PROJECT_ROOT)

const IsoDateTime = Type.String({ format: 'date-time' })

const SeedArticle = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  body: Type.Array(Type.String()),
  section: Type.String(),
  tags: Type.Array(Type.String()),
  place: Type.Union([Type.Null(), Type.Object({ name: Type.String(), region: Type.String(), country: Type.String() })]),
  publishedAt: Type.Union([IsoDateTime, Type.Null()]),
  updatedAt: Type.Union([IsoDateTime, Type.Null()])
})

const ArticlesFile = Type.Object({
  sections: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
  articles: Type.Array(SeedArticle)
})

const RailFile = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  section: Type.String(),
  items: Type.Array(Type.String(), { minItems: 1 })
})

export type SeedArticle = Static<typeof SeedArticle>
export type ArticlesFile = Static<typeof ArticlesFile>
export type RailFile = Static<typeof RailFile>

function readSeedFile<T> (name: string, schema: TSchema): T {
  const data: unknown = JSON.parse(readFileSync(new URL(name, SEED_DIR), 'utf8'))
  if (!Value.Check(schema, data)) {
    const [first] = Value.Errors(schema, data)
    throw new Error(`seed/${name} is malformed at ${first?.instancePath ?? '/'}: ${first?.message ?? 'invalid'}`)
  }
  return data as T
}

export const loadArticlesFile = (): ArticlesFile => readSeedFile<ArticlesFile>('articles.json', ArticlesFile)
export const loadRailFile = (): RailFile => readSeedFile<RailFile>('more-no-comment.json', RailFile)
