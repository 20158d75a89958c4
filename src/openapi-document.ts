// Owns producing the OpenAPI document from the code, exactly as the app serves it at the default PUBLIC_URL.
import { buildApp } from './app.js'
import { EXAMPLE_BASE_URL } from './schemas/examples.js'
import { PROJECT_ROOT } from './project-root.js'

export const OPENAPI_FILE = new URL('openapi/openapi.json', PROJECT_ROOT)

export async function renderOpenApiDocument (): Promise<string> {
  const app = await buildApp({ databasePath: ':memory:', publicUrl: EXAMPLE_BASE_URL })
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
  }
}
