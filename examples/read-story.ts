// Example: a script consuming the API with the typed client. Start the server, then:
//   npx tsx examples/read-story.ts [base URL, default http://127.0.0.1:3000]
import { createNewsdeskClient, NewsdeskApiError } from '../src/client/index.js'

const api = createNewsdeskClient({ baseUrl: process.argv[2] ?? 'http://127.0.0.1:3000' })

const article = await api.getArticle('syrian-army-retakes-maaret-al-numan')
console.log(`${article.title} (${article.section.name}, ${article.publishedAt ?? 'undated'})`)

const rail = await api.getHeadlines({ exclude: article.slug, limit: 3 })
console.log(`${rail.title}: ${rail.items.map((item) => item.title).join(' | ')}`)

const page = await api.listArticles({ tag: ['idlib'], fields: 'slug,title' })
console.log(`${page.total} article(s) tagged idlib:`, page.items.map((item) => item.slug))

// Read again: the client sends If-None-Match and reuses its copy on 304 Not Modified.
await api.getArticle(article.slug)

try {
  await api.getArticle('no-such-story')
} catch (error) {
  if (!(error instanceof NewsdeskApiError)) throw error
  console.log(`${error.status}: ${error.problem?.detail}`)
}
