// Owns what a slug is: the URL-safe identifier of an article, derived from a title by one rule.

/** Lowercase ASCII letters and digits in runs joined by single hyphens. */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'
export const SLUG_MAX_LENGTH = 120

/**
 * slugify: lowercase; accents folded to ASCII (NFKD, marks dropped); every run of
 * characters other than a-z and 0-9 becomes one '-'; leading and trailing '-' trimmed.
 * "'A part of LA died': Fans mourn NBA legend Kobe Bryant" -> "a-part-of-la-died-fans-mourn-nba-legend-kobe-bryant"
 */
export function slugify (title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '')
}
