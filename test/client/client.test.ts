// The typed client: its types are exactly what openapi-typescript makes of openapi/openapi.json, and it works against
// a live server (plain JSON reads, query arrays, problem errors, and 304 revalidation reusing the body it has).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { buildTestApp } from '../helpers/app.js'
import { SYRIA } from '../helpers/editor.js'
import { sourceParagraphs, sourceTitles } from '../helpers/fixtures.js'
import { CLIENT_TYPES_FILE, renderClientTypes } from '../../scripts/client-types.js'
import { createNewsdeskClient, NewsdeskApiError, type Article } from '../../src/client/index.js'

test('src/client/schema.ts is what openapi-typescript generates from openapi/openapi.json (run npm run client:types)', async () => {
  assert.equal(readFileSync(CLIENT_TYPES_FILE, 'utf8'), await renderClientTypes())
})

test('the typed client reads articles, lists and the rail from a live server and revalidates with 304', async (t) => {
  const app = await buildTestApp(t)
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  const seen: Array<{ url: string, status: number, ifNoneMatch: string | null }> = []
  const client = createNewsdeskClient({
    baseUrl,
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      seen.push({ url: String(input), status: response.status, ifNoneMatch: new Headers(init?.headers).get('if-none-match') })
      return response
    }
  })

  const article: Article = await client.getArticle(SYRIA)
  assert.equal(article.slug, SYRIA)
  assert.deepEqual(article.body, sourceParagraphs())
  assert.equal(article.section.slug, 'no-comment')

  const rail = await client.getHeadlines({ limit: 3 })
  assert.deepEqual(rail.items.map((item) => item.title), sourceTitles().slice(0, 3))

  const page = await client.listArticles({ tag: ['syria', 'idlib'], fields: 'slug,title', limit: 5 })
  assert.deepEqual(page.items.map((item) => item.slug), [SYRIA])
  assert.equal(seen.at(-1)?.url, `${baseUrl}/articles?tag=syria&tag=idlib&fields=slug%2Ctitle&limit=5`)

  // Second read of the same URL: If-None-Match goes out, the server answers 304, the client returns what it has.
  const again = await client.getArticle(SYRIA)
  assert.deepEqual(again, article)
  assert.equal(seen.at(-1)?.status, 304)
  assert.match(seen.at(-1)?.ifNoneMatch ?? '', /^"[^"]+"$/)

  await assert.rejects(client.getArticle('no-such-story'), (error: unknown) => {
    assert.ok(error instanceof NewsdeskApiError)
    assert.equal(error.status, 404)
    assert.equal(error.problem?.detail, 'No article has the slug "no-such-story"')
    return true
  })

  // Contract checks at compile time (npm run typecheck): values the OpenAPI document does not allow are type errors.
  // @ts-expect-error sort is newest | oldest | relevance
  await assert.rejects(client.listArticles({ sort: 'alphabetical' }), (error: unknown) => error instanceof NewsdeskApiError && error.status === 400)
  // @ts-expect-error articles have no `headline` field (it is `title`)
  assert.equal(article.headline, undefined)
})

test('the client keeps copies of its most recently used URLs only, and drops a copy the server no longer serves', async (t) => {
  const app = await buildTestApp(t)
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  const revalidated: string[] = []
  const client = createNewsdeskClient({
    baseUrl,
    cacheEntries: 2,
    fetch: async (input, init) => {
      if (new Headers(init?.headers).get('if-none-match') !== null) revalidated.push(new URL(String(input)).search)
      return await fetch(input, init)
    }
  })
  const list = async (limit: number): Promise<void> => { await client.listArticles({ limit }) }
  await list(1)
  await list(2)
  await list(1) // a 304: limit=1 is now the most recently used
  await list(3) // a third URL: limit=2, the least recently used, is dropped
  await list(1) // kept: revalidated
  await list(2) // dropped: asked afresh
  assert.deepEqual(revalidated, ['?limit=1', '?limit=1'], 'limit=2 came back without If-None-Match')

  const uncached = createNewsdeskClient({ baseUrl, cacheEntries: 0, fetch: async (input, init) => {
    assert.equal(new Headers(init?.headers).get('if-none-match'), null)
    return await fetch(input, init)
  } })
  await uncached.getArticle(SYRIA)
  await uncached.getArticle(SYRIA)

  // A copy the server no longer serves (here: the rail is gone, 404) is not offered again.
  let conditional = 0
  const forgetting = createNewsdeskClient({ baseUrl, fetch: async (input, init) => {
    if (new Headers(init?.headers).get('if-none-match') !== null) conditional++
    return await fetch(input, init)
  } })
  await forgetting.getHeadlines()
  app.db.prepare("DELETE FROM rail_items").run()
  app.db.prepare("DELETE FROM rails").run()
  app.contentVersion.bump()
  await assert.rejects(forgetting.getHeadlines(), (error: unknown) => error instanceof NewsdeskApiError && error.status === 404)
  await assert.rejects(forgetting.getHeadlines(), (error: unknown) => error instanceof NewsdeskApiError && error.status === 404)
  assert.equal(conditional, 1, 'only the first read after the 200 revalidated')
})
