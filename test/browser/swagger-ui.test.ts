// Swagger UI in a real browser: expand GET /articles/{slug}, "Try it out" with the Syria slug, see a 200 with the story.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { browserSkipReason, chromiumPerFile, listeningApp, onPage } from '../helpers/browser.js'
import { SYRIA } from '../helpers/editor.js'
import { sourcePageLines } from '../helpers/source-page.js'
import { loadArticlesFile } from '../../src/db/seed-data.js'

const context = chromiumPerFile()

test('Swagger UI: GET /articles/{slug} "Try it out" with the Syria slug answers 200 with its title', { skip: browserSkipReason }, async (t) => {
  const { baseUrl } = await listeningApp(t)
  const title = loadArticlesFile().articles.find((article) => article.slug === SYRIA)?.title
  assert.ok(title !== undefined)

  await onPage(t, context(), async (page) => {
    await page.goto(`${baseUrl}/docs/`)
    // The servers dropdown offers this very server, so "Execute" calls it.
    await page.locator('.servers select').waitFor()
    assert.deepEqual(await page.locator('.servers select option').allTextContents(), [baseUrl])

    const operation = page.locator('#operations-articles-getArticle')
    await operation.locator('.opblock-summary').click()
    await operation.locator('.try-out__btn').click()
    await operation.locator('tr[data-param-name="slug"] input').fill(SYRIA)
    await operation.locator('button.execute').click()

    const live = operation.locator('.live-responses-table')
    const status = live.locator('tbody tr.response td.response-col_status')
    await status.waitFor()
    assert.equal((await status.textContent())?.trim(), '200')
    const body = await live.locator('tbody tr.response .highlight-code').first().textContent() ?? ''
    assert.match(body, new RegExp(`"title": "${title}"`))
    // The standfirst is line 1 of the source page, verbatim.
    assert.ok(body.includes(JSON.stringify(sourcePageLines()[0])), 'summary from the source page')
    const requestUrl = await operation.locator('.request-url pre').textContent()
    assert.equal(requestUrl, `${baseUrl}/articles/${SYRIA}`)
  })
})
