// Owns seeding: inserts the seed files' sections, articles, tags and rail, only where missing (idempotent).
import { slugify } from '../content/slug.js'
import type { Db } from './connection.js'
import { loadArticlesFile, loadRailFile, type SeedArticle } from './seed-data.js'

export interface SeedResult { articlesInserted: number, railsInserted: number }

export function isEmpty (db: Db): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM articles)').pluck().get() === 1
}

/** Inserts what the seed files hold and the database lacks, in one transaction. Running it twice changes nothing. */
export function seed (db: Db): SeedResult {
  const articlesFile = loadArticlesFile()
  const railFile = loadRailFile()

  const insertSection = db.prepare('INSERT INTO sections (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING')
  const sectionId = db.prepare('SELECT id FROM sections WHERE name = ?').pluck()
  const insertTag = db.prepare('INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING')
  const tagId = db.prepare('SELECT id FROM tags WHERE slug = ?').pluck()
  const insertArticle = db.prepare(`
    INSERT INTO articles (slug, title, summary, body, section_id, place_name, place_region, place_country, status, published_at, updated_at)
    VALUES (@slug, @title, @summary, @body, @sectionId, @placeName, @placeRegion, @placeCountry, 'published', @publishedAt, @updatedAt)
    ON CONFLICT (slug) DO NOTHING`)
  const insertArticleTag = db.prepare('INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)')
  const articleId = db.prepare('SELECT id FROM articles WHERE slug = ?').pluck()
  const insertRail = db.prepare('INSERT INTO rails (slug, title) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING')
  const insertRailItem = db.prepare('INSERT INTO rail_items (rail_id, position, article_id) VALUES (?, ?, ?)')

  const requireSection = (name: string): number => {
    const id = sectionId.get(name) as number | undefined
    if (id === undefined) throw new Error(`Seed refers to unknown section "${name}"`)
    return id
  }

  const addArticle = (article: SeedArticle): boolean => {
    const result = insertArticle.run({
      slug: article.slug,
      title: article.title,
      summary: article.summary,
      body: JSON.stringify(article.body),
      sectionId: requireSection(article.section),
      placeName: article.place?.name ?? null,
      placeRegion: article.place?.region ?? null,
      placeCountry: article.place?.country ?? null,
      publishedAt: article.publishedAt,
      updatedAt: article.updatedAt
    })
    if (result.changes === 0) return false
    article.tags.forEach((name, index) => {
      const slug = slugify(name)
      insertTag.run(slug, name)
      insertArticleTag.run(result.lastInsertRowid, tagId.get(slug), index + 1)
    })
    return true
  }

  return db.transaction((): SeedResult => {
    let articlesInserted = 0
    for (const section of articlesFile.sections) insertSection.run(section.slug, section.name)
    for (const article of articlesFile.articles) if (addArticle(article)) articlesInserted++

    const railStories: SeedArticle[] = railFile.items.map((title) => ({
      slug: slugify(title),
      title,
      summary: null,
      body: [],
      section: railFile.section,
      tags: [],
      place: null,
      publishedAt: null,
      updatedAt: null
    }))
    for (const story of railStories) if (addArticle(story)) articlesInserted++

    const rail = insertRail.run(railFile.slug, railFile.title)
    if (rail.changes > 0) {
      railStories.forEach((story, index) => {
        insertRailItem.run(rail.lastInsertRowid, index + 1, articleId.get(story.slug))
      })
    }
    return { articlesInserted, railsInserted: rail.changes }
  }).immediate()
}
