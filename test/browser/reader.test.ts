// The reader example in a real browser, under a strict CSP: the Syria story and its "More No Comment" rail render,
// and a rail item opens in the page (with history) as a frontend app would.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { browserSkipReason, chromiumPerFile, listeningApp, onPage } from '../helpers/browser.js'
import { SYRIA } from '../helpers/editor.js'
import { sourceParagraphs, sourceTitles } from '../helpers/fixtures.js'
import { sourcePageLines } from '../helpers/source-page.js'
import { loadArticlesFile } from '../../src/db/seed-data.js'
import { slugify } from '../../src/content/slug.js'

// Stricter than the app's own CSP (src/plugins/external/helmet.ts allows inline styles for Swagger UI): the page
// is served under it here to prove it needs no inline code of any kind.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'"

const context = chromiumPerFile()

test('the reader page shows the Syria story and the rail; a rail item opens in the page', { skip: browserSkipReason }, async (t) => {
  const { baseUrl } = await listeningApp(t)
  const title = loadArticlesFile().articles.find((article) => article.slug === SYRIA)?.title
  assert.ok(title !== undefined)
  const railTitles = sourceTitles()
  const picked = railTitles[2] as string // "Deer rescued from freezing swimming pool"

  await onPage(t, context(), async (page, consoleErrors) => {
    await page.route((url) => url.pathname === '/', async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } })
    })
    await page.goto(`${baseUrl}/`)

    await page.locator('#story-title', { hasText: title }).waitFor()
    assert.equal(await page.title(), `${title} – Newsdesk`)
    assert.equal(await page.locator('#story-section').textContent(), 'No Comment')
    assert.equal(await page.locator('#story-date').getAttribute('datetime'), '2020-01-28T00:00:00.000Z')
    assert.equal(await page.locator('#story-summary').textContent(), sourcePageLines()[0])
    assert.deepEqual(await page.locator('#story-body p').allTextContents(), sourceParagraphs())

    assert.equal(await page.locator('#rail-title').textContent(), sourcePageLines()[8]) // "More No Comment"
    assert.deepEqual(await page.locator('#rail-items a').allTextContents(), railTitles)

    await page.locator('#rail-items a', { hasText: picked }).click()
    await page.locator('#story-title', { hasText: picked }).waitFor()
    assert.equal(new URL(page.url()).search, `?slug=${slugify(picked)}`)
    assert.equal(await page.locator('#story-body p').count(), 0, 'rail stories have no body text')
    assert.ok(!(await page.locator('#rail-items a').allTextContents()).includes(picked), 'the open story leaves the rail')
    assert.equal(await page.locator('#rail-items a').count(), railTitles.length - 1)

    await page.goBack()
    await page.locator('#story-title', { hasText: title }).waitFor()
    assert.equal(new URL(page.url()).search, '')

    // A rail link is a real link: loading it directly shows the same story.
    await page.goto(`${baseUrl}/?slug=${slugify(picked)}`)
    await page.locator('#story-title', { hasText: picked }).waitFor()
    assert.deepEqual(consoleErrors, [], 'no script errors or CSP violations')
  })
})

test('the reader page reports an unknown story with the API problem detail', { skip: browserSkipReason }, async (t) => {
  const { baseUrl } = await listeningApp(t)
  await onPage(t, context(), async (page) => {
    await page.goto(`${baseUrl}/?slug=no-such-story`)
    await page.locator('#status.error').waitFor()
    assert.match(await page.locator('#status').textContent() ?? '', /^Could not load the story: No article has the slug "no-such-story"$/)
    assert.equal(await page.locator('#story').isHidden(), true)
  })
})
