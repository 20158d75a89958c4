// Owns the opaque keyset cursor for "newest first" paging: the last row's sort key, base64url-encoded JSON.
import { badRequest } from '../http/errors.js'

/** Sort key of a row: publication time ('' when unknown, so undated rows sort last) and id as tiebreak. */
export interface Cursor { publishedKey: string, id: number }

export function encodeCursor (cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedKey, cursor.id])).toString('base64url')
}

export function decodeCursor (value: string): Cursor {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
  } catch {
    decoded = undefined
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string' ||
      !Number.isSafeInteger(decoded[1]) || (decoded[1] as number) < 1) {
    throw badRequest('The cursor is malformed; pass the nextCursor value of a previous page unchanged')
  }
  return { publishedKey: decoded[0], id: decoded[1] as number }
}
