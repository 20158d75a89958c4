// Owns response compression: choosing a content coding from Accept-Encoding and compressing a body with it.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { ContentCoding } from './etag.js'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** JSON, XML and text bodies (including problem+json, RSS/Atom and HTML); images and archives are left alone. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml)\b|application\/javascript\b|image\/svg\+xml\b)/i

export function isCompressible (contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType)
}

/**
 * The coding to use for a client's Accept-Encoding: the acceptable one with the highest q, brotli before gzip on a tie;
 * 'identity' when the header is absent or accepts neither (we never answer 406: identity is always sent then).
 */
export function negotiateEncoding (acceptEncoding: string | undefined): ContentCoding | 'identity' {
  if (acceptEncoding === undefined || acceptEncoding.trim() === '') return 'identity'
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (name !== '' && !Number.isNaN(q)) weights.set(name.trim(), q)
  }
  const weightOf = (coding: string): number => weights.get(coding) ?? weights.get('*') ?? 0
  let best: ContentCoding | 'identity' = 'identity'
  let bestWeight = 0
  for (const coding of ['br', 'gzip'] as const) {
    const weight = weightOf(coding)
    if (weight > bestWeight) {
      best = coding
      bestWeight = weight
    }
  }
  return best
}

/** negotiateEncoding, remembered per distinct Accept-Encoding value (clients send few distinct ones); bounded. */
export class EncodingChoices {
  readonly #choices = new Map<string, ContentCoding | 'identity'>()
  constructor (private readonly maxEntries = 256) {}

  choose (acceptEncoding: string | undefined): ContentCoding | 'identity' {
    if (acceptEncoding === undefined) return 'identity'
    let choice = this.#choices.get(acceptEncoding)
    if (choice === undefined) {
      choice = negotiateEncoding(acceptEncoding)
      if (this.#choices.size >= this.maxEntries) this.#choices.clear()
      this.#choices.set(acceptEncoding, choice)
    }
    return choice
  }
}

/** Compresses with settings tuned for per-request work: brotli quality 5, gzip level 6. */
export async function compress (body: string | Buffer, coding: ContentCoding): Promise<Buffer> {
  const input = typeof body === 'string' ? Buffer.from(body) : body
  if (coding === 'br') {
    return await brotli(input, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: input.length
      }
    })
  }
  return await gzipAsync(input, { level: 6 })
}
