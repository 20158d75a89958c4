// `npm run keys -- create|revoke|list`: manage partner and editor API keys in DATABASE_PATH.
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/connection.js'
import { migrate } from '../db/migrate.js'
import { API_KEY_KINDS, API_KEY_SCOPES, ApiKeyStore, type ApiKeyKind, type ApiKeyScope } from '../db/api-key-store.js'

const USAGE = `usage:
  npm run keys -- create --name <name> [--kind partner|editor] [--scope articles:write] [--scope headlines:write]
  npm run keys -- revoke --name <name>
  npm run keys -- list
Editor keys default to all write scopes; partner keys have none (they raise syndication rate limits).`

function fail (message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { name: { type: 'string' }, kind: { type: 'string' }, scope: { type: 'string', multiple: true } }
    })
  } catch (error) {
    return fail((error as Error).message)
  }
})()

const db = openDatabase(loadConfig().databasePath)
migrate(db)
const store = new ApiKeyStore(db)
try {
  switch (positionals[0]) {
    case 'create': {
      if (values.name === undefined || values.name.trim() === '') fail('create needs --name')
      const kind = (values.kind ?? 'partner') as ApiKeyKind
      if (!API_KEY_KINDS.includes(kind)) fail(`--kind must be one of ${API_KEY_KINDS.join(', ')}`)
      const scopes = (values.scope ?? (kind === 'editor' ? [...API_KEY_SCOPES] : [])) as ApiKeyScope[]
      const unknown = scopes.filter((scope) => !API_KEY_SCOPES.includes(scope))
      if (unknown.length > 0) fail(`unknown scope ${unknown.join(', ')}; scopes are ${API_KEY_SCOPES.join(', ')}`)
      if (kind === 'partner' && scopes.length > 0) fail('partner keys carry no write scopes; use --kind editor')
      let created: ReturnType<ApiKeyStore['create']>
      try {
        created = store.create(values.name, kind, scopes)
      } catch (error) {
        fail((error as Error).message)
      }
      console.log(`created ${kind} key "${created.apiKey.name}" (id ${created.apiKey.id}, scopes: ${created.apiKey.scopes.join(' ') || 'none'})`)
      console.log('store it now; it is not shown again:')
      console.log(created.key)
      break
    }
    case 'revoke': {
      if (values.name === undefined) fail('revoke needs --name')
      const revoked = store.revoke(values.name)
      if (revoked === undefined) fail(`no active key named "${values.name}"`)
      console.log(`revoked key "${revoked.name}" at ${revoked.revokedAt}`)
      break
    }
    case 'list':
      for (const key of store.list()) {
        console.log([key.id, key.name, key.kind, key.scopes.join(' ') || '-', `${key.prefix}…`, key.createdAt, key.revokedAt ?? 'active'].join('\t'))
      }
      break
    default:
      fail(positionals[0] === undefined ? 'missing command' : `unknown command "${positionals[0]}"`)
  }
} finally {
  db.close()
}
