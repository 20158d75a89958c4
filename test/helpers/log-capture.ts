// Test helper: a stream to give the app's pino logger, and the JSON lines written to it so far.
import { Writable } from 'node:stream'

export function captureLogs<Line = Record<string, unknown>> (): { stream: Writable, lines: () => Line[], raw: () => string[] } {
  const chunks: string[] = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, callback) { chunks.push(chunk.toString()); callback() } })
  const raw = (): string[] => chunks.join('').split('\n').filter(Boolean)
  return { stream, raw, lines: () => raw().map((line) => JSON.parse(line) as Line) }
}
