// `npm run docs:screenshots`: the README's pictures of Swagger UI and the reader page, taken with the same headless
// system Chromium as the browser tests, against a freshly seeded app on a temporary database.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../src/app.js'
import { launchChromium } from '../test/helpers/browser.js'

const SYRIA = 'syrian-army-retakes-maaret-al-numan'
const DOCS = new URL('../docs/', import.meta.url)

// Port 3000, as in the README's examples (the pictures show request URLs); PORT picks another when 3000 is taken.
const port = Number(process.env.PORT ?? 3000)
const base = `http://127.0.0.1:${port}`
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-screenshots-'))
const app = await buildApp({ databasePath: join(dir, 'newsdesk.db'), publicUrl: base, seedIfEmpty: true })
const browser = await launchChromium()
try {
  await app.listen({ port, host: '127.0.0.1' })
  const page = await browser.context.newPage()
  await page.setViewportSize({ width: 1200, height: 1100 })

  await page.goto(`${base}/docs/`)
  const operation = page.locator('#operations-articles-getArticle')
  await operation.locator('.opblock-summary').click()
  await operation.locator('.try-out__btn').click()
  await operation.locator('tr[data-param-name="slug"] input').fill(SYRIA)
  await operation.locator('button.execute').click()
  await operation.locator('.live-responses-table tbody .response-col_status').waitFor()
  // From the operation's header down to the live 200 response.
  await operation.evaluate((element) => { element.scrollIntoView({ block: 'start' }) })
  await page.screenshot({ path: fileURLToPath(new URL('swagger-ui.png', DOCS)) })

  await page.setViewportSize({ width: 1200, height: 760 })
  await page.goto(`${base}/`)
  await page.locator('#story:not([hidden])').waitFor()
  await page.screenshot({ path: fileURLToPath(new URL('reader.png', DOCS)) })
  console.log(`wrote ${fileURLToPath(DOCS)}swagger-ui.png and reader.png`)
} finally {
  await browser.close()
  await app.close()
  rmSync(dir, { recursive: true, force: true })
}
