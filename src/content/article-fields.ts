// Owns the rules for writable article fields that are not SQL: merging a place, stored timestamps.
import { HttpProblem } from '../http/errors.js'

export type PlaceValue = { name: string, region: string, country: string } | null
export type PlacePatch = { name?: string, region?: string, country?: string } | null | undefined

/** RFC 7396 merge of the place object; the merged place still needs a name. */
export function mergePlace (current: PlaceValue, patch: PlacePatch): PlaceValue {
  if (patch === undefined) return current
  if (patch === null) return null
  const merged = { name: '', region: '', country: '', ...current, ...patch }
  if (merged.name === '') throw new HttpProblem(400, 'place.name is required when the article has no place yet')
  return merged
}

export function placeColumns (place: { name: string, region?: string, country?: string } | null) {
  return { placeName: place?.name ?? null, placeRegion: place?.region ?? null, placeCountry: place?.country ?? null }
}

const normalizeTime = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : new Date(value).toISOString()

/** How far ahead of the server's clock a given publishedAt may be: a client's clock that runs a little fast. */
export const PUBLISHED_AT_SKEW_MS = 60_000

/**
 * A publishedAt given by a client, normalized. Backdating only: there is no scheduled publication, and a future date
 * would put the article above every real one in newest-first lists and a Last-Modified after the response's Date.
 */
export function givenPublicationTime (value: string | undefined): string | undefined {
  const normalized = normalizeTime(value)
  if (normalized !== undefined && Date.parse(normalized) > Date.now() + PUBLISHED_AT_SKEW_MS) {
    throw new HttpProblem(422, `publishedAt ${normalized} is in the future; scheduled publication is not supported`)
  }
  return normalized
}

/** Now, but always after the previous updatedAt, so every write changes the representation and so its ETag. */
export function nextTimestamp (previous: string | null): string {
  const floor = previous === null ? 0 : Date.parse(previous) + 1
  return new Date(Math.max(Date.now(), floor)).toISOString()
}
