// Test helper: builds the real app on its own temporary, migrated and seeded SQLite file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildAppOptions } from '../../src/app.js'

export const TEST_BASE_URL = 'http://newsdesk.test'

export function tempDatabasePath (t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'newsdesk.db')
}

/** A seeded app, closed (and its database deleted) when the test ends. Routes may still be added before first use. */
export async function buildTestApp (t: TestContext, options: Partial<BuildAppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    databasePath: tempDatabasePath(t),
    publicUrl: TEST_BASE_URL,
    seedIfEmpty: true,
    ...options
  })
  t.after(() => app.close())
  return app
}

/** Rate limiter settings with the limiter off, as behind a CDN that limits: nothing is counted or refused with 429. */
export const RATE_LIMIT_OFF = { enabled: false, timeWindow: '1 minute', max: 1, keyMax: 1 }

/** Starts `app` listening on a free port of 127.0.0.1 (closed with the app) and returns its base URL. */
export async function listen (app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}`
}

/** The path part of an absolute URL the API produced, checked to be on the app's own base URL. */
export function pathOf (url: string): string {
  if (!url.startsWith(`${TEST_BASE_URL}/`)) throw new Error(`not an API URL: ${url}`)
  return url.slice(TEST_BASE_URL.length)
}
