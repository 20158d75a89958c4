// Owns API keys in SQLite: creation (random key shown once, only its SHA-256 stored), lookup by key, revocation.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from './connection.js'

export const API_KEY_KINDS = ['partner', 'editor'] as const
export type ApiKeyKind = (typeof API_KEY_KINDS)[number]
export const API_KEY_SCOPES = ['articles:write', 'headlines:write'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

export interface ApiKey {
  id: number
  name: string
  kind: ApiKeyKind
  scopes: ApiKeyScope[]
  prefix: string
  createdAt: string
  revokedAt: string | null
}

interface ApiKeyRow { id: number, name: string, kind: ApiKeyKind, scopes: string, prefix: string, created_at: string, revoked_at: string | null }

/** Keys look like nd_<kind>_<43 base64url chars>: 256 random bits, so a fast hash is enough (no brute force). */
const KEY_FORMAT = /^nd_(partner|editor)_[A-Za-z0-9_-]{43}$/

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex')

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  scopes: JSON.parse(row.scopes) as ApiKeyScope[],
  prefix: row.prefix,
  createdAt: row.created_at,
  revokedAt: row.revoked_at
})

export class ApiKeyStore {
  readonly #insert
  readonly #byHash
  readonly #byName
  readonly #revoke
  readonly #all

  constructor (db: Db) {
    this.#insert = db.prepare<[string, string, string, string, string], ApiKeyRow>(
      'INSERT INTO api_keys (name, kind, scopes, prefix, key_hash) VALUES (?, ?, ?, ?, ?) RETURNING *')
    this.#byHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ?')
    this.#byName = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE name = ?')
    this.#revoke = db.prepare<[string], ApiKeyRow>(
      "UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE name = ? AND revoked_at IS NULL RETURNING *")
    this.#all = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY id')
  }

  /** Creates a key and returns it with its plaintext; the plaintext is not stored and cannot be shown again. */
  create (name: string, kind: ApiKeyKind, scopes: ApiKeyScope[] = []): { apiKey: ApiKey, key: string } {
    if (this.#byName.get(name) !== undefined) throw new Error(`An API key named "${name}" already exists`)
    const key = `nd_${kind}_${randomBytes(32).toString('base64url')}`
    const row = this.#insert.get(name, kind, JSON.stringify([...new Set(scopes)].sort()), key.slice(0, kind.length + 8), hashApiKey(key))
    if (row === undefined) throw new Error('API key insert returned no row')
    return { apiKey: toApiKey(row), key }
  }

  /**
   * The key's record, or undefined when the string is not a key we issued. Revoked keys are returned with revokedAt set.
   * Timing-safe by construction: the presented key is never compared with a stored secret. It is hashed (SHA-256) and
   * the hash looked up; how long the lookup takes depends only on the hash, which an attacker cannot steer towards a
   * stored one, so timing reveals nothing about any key. The format check first only rejects non-keys early.
   */
  findByKey (key: string): ApiKey | undefined {
    if (!KEY_FORMAT.test(key)) return undefined
    const row = this.#byHash.get(hashApiKey(key))
    return row === undefined ? undefined : toApiKey(row)
  }

  revoke (name: string): ApiKey | undefined {
    const row = this.#revoke.get(name)
    return row === undefined ? undefined : toApiKey(row)
  }

  list (): ApiKey[] {
    return this.#all.all().map(toApiKey)
  }
}
