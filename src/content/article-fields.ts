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

/** How far ahead of the server's clock a given publishedAt may be: a client's clock that runs a little fast. */
export const PUBLISHED_AT_SKEW_MS = 60_000

/**
 * A publishedAt given by a client (already an RFC 3339 date-time by the schema), normalized to UTC milliseconds.
 * Backdating only: there is no scheduled publication, and a future date would put the article above every real one in
 * newest-first lists and a Last-Modified after the response's Date. RFC 3339 allows a leap second (:60), which a
 * JavaScript Date, and so the stored ISO form, cannot hold: a 400, not a RangeError.
 */
export function givenPublicationTime (value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new HttpProblem(400, `publishedAt ${value} cannot be stored (a leap second, :60, has no representation here)`)
  if (ms > Date.now() + PUBLISHED_AT_SKEW_MS) {
    throw new HttpProblem(422, `publishedAt ${new Date(ms).toISOString()} is in the future; scheduled publication is not supported`)
  }
  return new Date(ms).toISOString()
}

/** Now, but always after the previous updatedAt, so every write changes the representation and so its ETag. */
export function nextTimestamp (previous: string | null): string {
  const floor = previous === null ? 0 : Date.parse(previous) + 1
  return new Date(Math.max(Date.now(), floor)).toISOString()
}
