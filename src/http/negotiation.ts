// Owns proactive content negotiation (RFC 9110 §12.5.1): picks the best offered media type for an Accept header.

interface MediaRange { type: string, subtype: string, q: number, specificity: number }

function parseAccept (accept: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const part of accept.split(',')) {
    const [mediaRange = '', ...params] = part.trim().split(';')
    const [type, subtype] = mediaRange.trim().toLowerCase().split('/')
    if (type === undefined || type === '' || subtype === undefined || subtype === '') continue
    let q = 1
    for (const param of params) {
      const [name, value] = param.trim().split('=')
      if (name?.trim().toLowerCase() === 'q' && value !== undefined) q = Number(value.trim())
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) continue
    const specificity = type === '*' ? 0 : subtype === '*' ? 1 : 2
    ranges.push({ type, subtype, q, specificity })
  }
  return ranges
}

/** The quality the client gives `mediaType`: that of the most specific matching range, 0 when none matches. */
function qualityOf (mediaType: string, ranges: MediaRange[]): number {
  const [type, subtype] = mediaType.split('/')
  let best: MediaRange | undefined
  for (const range of ranges) {
    const matches = (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype)
    if (matches && (best === undefined || range.specificity > best.specificity)) best = range
  }
  return best?.q ?? 0
}

/**
 * The offered media type the client prefers (ties go to the earlier offer), undefined when it accepts none of them.
 * No Accept header (or an unparseable one) accepts anything: the first offer.
 */
export function negotiateMediaType (accept: string | undefined, offered: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0]
  const ranges = parseAccept(accept)
  if (ranges.length === 0) return offered[0]
  let chosen: string | undefined
  let chosenQ = 0
  for (const mediaType of offered) {
    const q = qualityOf(mediaType, ranges)
    if (q > chosenQ) { chosen = mediaType; chosenQ = q }
  }
  return chosen
}

/** Adds `field` to the Vary header, keeping what other hooks (CORS, compression) put there. */
export function appendVary (reply: { getHeader: (name: string) => unknown, header: (name: string, value: string) => unknown }, field: string): void {
  const current = reply.getHeader('vary')
  const fields = (current === undefined ? '' : String(current)).split(',').map((f) => f.trim()).filter((f) => f !== '')
  if (fields.includes('*') || fields.some((f) => f.toLowerCase() === field.toLowerCase())) return
  reply.header('vary', [...fields, field].join(', '))
}
