// Owns the file that holds V8's code cache for the server bundle: <bundle>.v8cache, the SHA-256 of the bundle's text
// and the Node version (hex), then V8's data. Written and read by the launcher (start.ts), checked by the benchmark.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

const HASH_LENGTH = 64

export const codeCacheFile = (bundle: string): string => `${bundle}.v8cache`

/** What a cache must have been made for: this bundle (its text, or that text's UTF-8 bytes: same hash) under this Node version. */
export const bundleHash = (source: string | Buffer): string => createHash('sha256').update(source).update(process.version).digest('hex')

/** V8's data from `bundle`'s cache file when it was made for `hash`; undefined when missing, unreadable or stale. */
export function readCodeCache (bundle: string, hash: string): Buffer | undefined {
  try {
    const file = readFileSync(codeCacheFile(bundle))
    return file.subarray(0, HASH_LENGTH).toString() === hash ? file.subarray(HASH_LENGTH) : undefined
  } catch {
    return undefined
  }
}

export function writeCodeCache (bundle: string, hash: string, data: Buffer): void {
  writeFileSync(codeCacheFile(bundle), Buffer.concat([Buffer.from(hash), data]))
}
