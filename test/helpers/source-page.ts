// Test helper: the source page the seed comes from: ../shared/source when present, else the committed copy in seed/source.
import { existsSync, readFileSync } from 'node:fs'

export const SHARED_SOURCE = new URL('../../../shared/source/no-comment-page.txt', import.meta.url)
export const COMMITTED_SOURCE = new URL('../../seed/source/no-comment-page.txt', import.meta.url)

export function sourcePageLines (): string[] {
  const file = existsSync(SHARED_SOURCE) ? SHARED_SOURCE : COMMITTED_SOURCE
  return readFileSync(file, 'utf8').split('\n')
}
