// Owns rendering article text for syndication: escaped HTML paragraphs, plain text, XML escaping, place lines.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML and XML content and attribute values. */
export const escapeMarkup = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)

/** Body paragraphs (plain text) as HTML: one escaped <p> per paragraph. */
export const bodyHtml = (paragraphs: string[]): string => paragraphs.map((p) => `<p>${escapeMarkup(p)}</p>`).join('\n')

/** Body paragraphs as plain text, separated by a blank line. */
export const bodyText = (paragraphs: string[]): string => paragraphs.join('\n\n')

export const placeLine = (place: { name: string, region: string, country: string }): string =>
  [place.name, place.region, place.country].filter((part) => part !== '').join(', ')
