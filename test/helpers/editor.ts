// Test helper: editor keys and conditional-request plumbing for the write API.
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { ApiKeyScope } from '../../src/db/api-key-store.js'
import { strongEtag } from '../../src/http/etag.js'

export const SYRIA = 'syrian-army-retakes-maaret-al-numan'
export const MERGE_PATCH = 'application/merge-patch+json'

/** Authorization headers for a new editor key with `scopes` (all write scopes by default). */
export async function editorHeaders (app: FastifyInstance, scopes: ApiKeyScope[] = ['articles:write', 'headlines:write'],
  name = `desk-${Math.random().toString(36).slice(2)}`): Promise<Record<string, string>> {
  await app.ready()
  return { authorization: `Bearer ${app.apiKeys.create(name, 'editor', scopes).key}` }
}

/** The strong ETag of what GET `url` serves (computed from the body bytes, as the contract defines it). */
export async function currentEtag (app: FastifyInstance, url: string): Promise<string> {
  const res = await app.inject(url)
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`)
  return strongEtag(res.body)
}

export function patchArticle (slug: string, headers: Record<string, string>, payload: unknown, ifMatch?: string): InjectOptions {
  return {
    method: 'PATCH',
    url: `/articles/${slug}`,
    headers: { ...headers, 'content-type': MERGE_PATCH, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    payload: JSON.stringify(payload)
  }
}
