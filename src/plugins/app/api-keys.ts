// Owns request authentication by API key: resolves `Authorization: Bearer <key>` or `X-API-Key: <key>` to
// request.apiKey; a presented key that is unknown or revoked is a 401; requireScope() guards write routes.
import fp from 'fastify-plugin'
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { ApiKeyStore, type ApiKey, type ApiKeyScope } from '../../db/api-key-store.js'
import { HttpProblem } from '../../http/errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyStore
    /** preHandler: 401 without a valid key, 403 when the key lacks `scope`. */
    requireScope: (scope: ApiKeyScope) => preHandlerAsyncHookHandler
  }
  interface FastifyRequest { apiKey: ApiKey | null }
}

/** OpenAPI security scheme names, declared in the swagger plugin. */
export const SECURITY_SCHEMES = { bearer: 'BearerAuth', header: 'ApiKeyHeader' } as const

const CHALLENGE = 'Bearer realm="newsdesk"'

const unauthorized = (detail: string, error?: string): HttpProblem =>
  new HttpProblem(401, detail, { 'www-authenticate': error === undefined ? CHALLENGE : `${CHALLENGE}, error="${error}"` })

/** The key the client presented, if any. */
function presentedKey (request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization
  const headerKey = request.headers['x-api-key']
  if (Array.isArray(headerKey)) throw unauthorized('Send a single X-API-Key header', 'invalid_request')
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+)\s*$/i.exec(authorization)
    if (match === null) throw unauthorized('The Authorization header must use the Bearer scheme: "Authorization: Bearer <key>"', 'invalid_request')
    if (headerKey !== undefined && headerKey !== match[1]) throw unauthorized('Authorization and X-API-Key carry different keys; send one', 'invalid_request')
    return match[1]
  }
  return headerKey
}

export default fp(async (app) => {
  const store = new ApiKeyStore(app.db)
  app.decorate('apiKeys', store)
  app.decorateRequest('apiKey', null)

  const authenticate = (request: FastifyRequest): void => {
    const key = presentedKey(request)
    if (key === undefined) return
    const apiKey = store.findByKey(key)
    if (apiKey === undefined) throw unauthorized('The API key is not valid', 'invalid_token')
    if (apiKey.revokedAt !== null) throw unauthorized('The API key has been revoked', 'invalid_token')
    request.apiKey = apiKey
  }
  // Callback style, not async: every request passes here, most without a key, and an async hook costs a promise
  // and a microtask turn each time.
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      authenticate(request)
    } catch (error) {
      done(error as Error)
      return
    }
    done()
  })

  app.decorate('requireScope', (scope: ApiKeyScope): preHandlerAsyncHookHandler => async (request) => {
    if (request.apiKey === null) throw unauthorized(`This operation needs an API key with the ${scope} scope`)
    if (!request.apiKey.scopes.includes(scope)) {
      throw new HttpProblem(403, `The API key "${request.apiKey.name}" lacks the ${scope} scope`)
    }
  })
}, { name: 'api-keys', dependencies: ['database'] })
