// Owns the benchmark databases: the real seed plus N synthetic articles, generated once and cached under .bench/db/,
// keyed by N and a hash of the migrations, the seed files and this generator (so a new migration regenerates them).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase, type Db } from '../src/db/connection.js'
import { migrate, MIGRATIONS_DIR } from '../src/db/migrate.js'
import { seed } from '../src/db/seed.js'
import { SEED_DIR } from '../src/db/seed-data.js'

/** Bump when the synthetic rows change shape, so cached databases are rebuilt. */
const GENERATOR_VERSION = 2

/** The real seed article: every dataset holds it, so article scenarios read the same bytes at every size. */
export const ARTICLE_PATH = '/articles/syrian-army-retakes-maaret-al-numan'
export const BENCH_DIR = fileURLToPath(new URL('../.bench/', import.meta.url))
export const SYNTHETIC_SECTION = { slug: 'benchmark', name: 'Benchmark' }
/** Obviously synthetic filler words; each synthetic summary and body carry two, so `?q=<word>` matches about 2/26 of rows. */
export const FILLER_WORDS = ['alfa', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett',
  'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor',
  'whiskey', 'xray', 'yankee', 'zulu'] as const
const TAG_COUNT = 20
const PARAGRAPHS = 7
const DRAFT_EVERY = 100
const FIRST_DATE = Date.UTC(2021, 0, 1)
const DATE_STEP_MS = 37 * 60_000

export const syntheticSlug = (i: number): string => `synthetic-article-${String(i).padStart(6, '0')}`

/** One synthetic article, a pure function of its index: text that is plainly filler, never news-like. */
export function syntheticArticle (i: number, n: number): {
  slug: string, title: string, summary: string, body: string[], publishedAt: string, status: 'published' | 'draft', tags: number[]
} {
  // Publication order is a permutation of insertion order, so the date index (not rowid order) serves the lists.
  const slot = (i * 7919) % Math.max(n, 1)
  const words = [FILLER_WORDS[i % FILLER_WORDS.length], FILLER_WORDS[(i * 7) % FILLER_WORDS.length]]
  return {
    slug: syntheticSlug(i),
    title: `Synthetic article ${i}`,
    summary: `Synthetic summary of benchmark article ${i} (${words.join(' ')}); generated load-test filler, not news.`,
    body: Array.from({ length: PARAGRAPHS }, (_, p) =>
      `Synthetic paragraph ${p + 1} of benchmark article ${i}. Filler words ${words.join(' ')} ` +
      'repeat here only to give the row a realistic size for load testing; this text carries no information.'),
    publishedAt: new Date(FIRST_DATE + slot * DATE_STEP_MS).toISOString(),
    status: i % DRAFT_EVERY === 0 ? 'draft' : 'published',
    tags: i % 4 === 0 ? [] : Array.from({ length: 1 + (i % 3) }, (_, k) => 1 + ((i + k * 5) % TAG_COUNT))
  }
}

/** Inserts n synthetic articles (and their tags) into a migrated, seeded database, in one transaction. */
export function addSyntheticArticles (db: Db, n: number): void {
  const insertSection = db.prepare('INSERT INTO sections (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING')
  const sectionId = db.prepare('SELECT id FROM sections WHERE slug = ?').pluck()
  const insertTag = db.prepare('INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING')
  const tagId = db.prepare('SELECT id FROM tags WHERE slug = ?').pluck()
  const insertArticle = db.prepare(`
    INSERT INTO articles (slug, title, summary, body, section_id, status, published_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertArticleTag = db.prepare('INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)')

  db.transaction(() => {
    insertSection.run(SYNTHETIC_SECTION.slug, SYNTHETIC_SECTION.name)
    const section = sectionId.get(SYNTHETIC_SECTION.slug) as number
    const tagIds: number[] = [0]
    for (let t = 1; t <= TAG_COUNT; t++) {
      const slug = `benchmark-tag-${t}`
      insertTag.run(slug, `Benchmark tag ${t}`)
      tagIds.push(tagId.get(slug) as number)
    }
    for (let i = 1; i <= n; i++) {
      const a = syntheticArticle(i, n)
      const { lastInsertRowid } = insertArticle.run(a.slug, a.title, a.summary, JSON.stringify(a.body), section,
        a.status, a.publishedAt, a.publishedAt)
      a.tags.forEach((tag, position) => { insertArticleTag.run(lastInsertRowid, tagIds[tag], position + 1) })
    }
  }).immediate()
}

/** Creates a migrated database at `path` holding the real seed and `n` synthetic articles. */
export function generateBenchDatabase (path: string, n: number): void {
  const db = openDatabase(path)
  try {
    migrate(db)
    seed(db)
    addSyntheticArticles(db, n)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/** Hash of everything a generated database depends on. */
export function datasetKey (): string {
  const hash = createHash('sha256').update(`generator ${GENERATOR_VERSION}\n`)
  for (const dir of [MIGRATIONS_DIR, SEED_DIR]) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.sql') || name.endsWith('.json')).sort()) {
      hash.update(`${file}\n`).update(readFileSync(new URL(file, dir)))
    }
  }
  return hash.digest('hex').slice(0, 12)
}

/** Path of the cached database for n synthetic articles, generating it first when missing. */
export function ensureBenchDatabase (n: number, log: (line: string) => void = () => {}): { path: string, generatedMs: number | null } {
  const dir = join(BENCH_DIR, 'db')
  const path = join(dir, `n${n}-${datasetKey()}.db`)
  if (existsSync(path)) return { path, generatedMs: null }
  mkdirSync(dir, { recursive: true })
  // Databases built from older migrations or seed files are stale: drop them rather than let them pile up.
  for (const stale of readdirSync(dir).filter((name) => name.startsWith(`n${n}-`))) rmSync(join(dir, stale), { force: true })
  const partial = `${path}.partial`
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true })
  const started = performance.now()
  log(`generating ${path} (seed + ${n} synthetic articles) ...`)
  generateBenchDatabase(partial, n)
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true })
  renameSync(partial, path)
  return { path, generatedMs: Math.round(performance.now() - started) }
}
