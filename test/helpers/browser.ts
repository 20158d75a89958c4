// Test helper: headless system Chromium driven by playwright-core (no downloaded browsers), and a real listening app
// whose publicUrl is its own address, so links and Swagger UI's "servers" entry point at it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, type TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from './app.js'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../.artifacts/screenshots/', import.meta.url))

/** Why browser tests cannot run here (passed to node:test's `skip`), or false when they can. */
export const browserSkipReason: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `${CHROMIUM_PATH} not found: browser tests skipped (install it with apt-get install -y chromium)`

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-quic', '--no-first-run', '--disable-sync']

/**
 * One Chromium for the calling test file: launched before its tests when Chromium is present, closed after them.
 * Returns the browser context's getter (for tests that are not skipped).
 */
export function chromiumPerFile (): () => BrowserContext {
  let launched: { context: BrowserContext, close: () => Promise<void> } | undefined
  before(async () => { if (browserSkipReason === false) launched = await launchChromium() })
  after(async () => { await launched?.close() })
  return () => {
    if (launched === undefined) throw new Error('Chromium was not launched')
    return launched.context
  }
}

/** One headless Chromium with a fresh profile; the caller closes it (one per test file keeps the suite fast). */
export async function launchChromium (): Promise<{ context: BrowserContext, close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'newsdesk-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 }
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

/** A seeded app listening on 127.0.0.1 whose publicUrl is the address it listens on; closed when the test ends. */
export async function listeningApp (t: TestContext): Promise<{ app: FastifyInstance, baseUrl: string }> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const app = await buildTestApp(t, { publicUrl: baseUrl })
  await app.listen({ port, host: '127.0.0.1' })
  return { app, baseUrl }
}

/**
 * Runs `steps` on a new page; on failure saves a full-page screenshot to .artifacts/screenshots/ (git-ignored) and
 * adds the page's console errors (also handed to `steps`) to the error, then rethrows.
 */
export async function onPage (t: TestContext, context: BrowserContext,
  steps: (page: Page, consoleErrors: string[]) => Promise<void>): Promise<void> {
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()) })
  page.on('pageerror', (error) => { consoleErrors.push(error.message) })
  try {
    await steps(page, consoleErrors)
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const file = join(SCREENSHOT_DIR, `${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    if (error instanceof Error) error.message += `\nscreenshot: ${file}${consoleErrors.length > 0 ? `\nbrowser console: ${consoleErrors.join(' | ')}` : ''}`
    throw error
  } finally {
    await page.close()
  }
}
