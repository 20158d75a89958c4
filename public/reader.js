// Reader example: renders one article and the "More No Comment" rail from the JSON API, as a frontend app would.
// Text goes in with textContent only (the API's body is plain-text paragraphs), so nothing from the API is parsed as HTML.
const main = document.querySelector('main')
const byId = (id) => document.getElementById(id)

const currentSlug = () => new URLSearchParams(window.location.search).get('slug') ?? main.dataset.defaultSlug

async function getJson (path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } })
  const body = await response.json()
  // Errors are RFC 9457 problem documents: their detail is safe to show.
  if (!response.ok) throw new Error(body.detail ?? `${response.status} ${response.statusText}`)
  return body
}

function renderArticle (article) {
  document.title = `${article.title} – Newsdesk`
  byId('story-section').textContent = article.section.name
  byId('story-title').textContent = article.title
  const date = byId('story-date')
  date.textContent = article.publishedAt === null
    ? ''
    : new Date(article.publishedAt).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
  if (article.publishedAt === null) date.removeAttribute('datetime')
  else date.setAttribute('datetime', article.publishedAt)
  byId('story-summary').textContent = article.summary ?? ''
  byId('story-summary').hidden = article.summary === null
  byId('story-body').replaceChildren(...article.body.map((text) => {
    const paragraph = document.createElement('p')
    paragraph.textContent = text
    return paragraph
  }))
  byId('story-rights').textContent = article.rights === undefined ? '' : `© ${article.rights.copyrightHolder}`
  byId('story').hidden = false
}

function renderRail (rail) {
  byId('rail-title').textContent = rail.title
  byId('rail-items').replaceChildren(...rail.items.map((item) => {
    const link = document.createElement('a')
    // Rail items are articles of this API: open them in this page (a real link, so new tabs and reloads work too).
    link.href = `?slug=${encodeURIComponent(item.slug)}`
    link.dataset.slug = item.slug
    link.textContent = item.title
    const entry = document.createElement('li')
    entry.append(link)
    return entry
  }))
  byId('rail').hidden = false
}

async function show (slug) {
  const status = byId('status')
  status.hidden = false
  status.classList.remove('error')
  status.textContent = 'Loading…'
  try {
    const slugPath = encodeURIComponent(slug)
    const [article, rail] = await Promise.all([getJson(`/articles/${slugPath}`), getJson(`/headlines?exclude=${slugPath}`)])
    renderArticle(article)
    renderRail(rail)
    status.hidden = true
    window.scrollTo(0, 0)
  } catch (error) {
    byId('story').hidden = true
    status.classList.add('error')
    status.textContent = `Could not load the story: ${error.message}`
  }
}

byId('rail-items').addEventListener('click', (event) => {
  const link = event.target.closest('a[data-slug]')
  if (link === null || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  window.history.pushState(null, '', link.href)
  show(link.dataset.slug)
})
window.addEventListener('popstate', () => { show(currentSlug()) })

show(currentSlug())
