// Owns the Vary header: fields are appended (never replaced), case-insensitively de-duplicated.
import type { FastifyReply } from 'fastify'

export function appendVary (reply: FastifyReply, ...fields: string[]): void {
  const current = reply.getHeader('vary')
  const existing = current === undefined ? [] : String(current).split(',').map((field) => field.trim()).filter(Boolean)
  if (existing.includes('*')) return
  const known = new Set(existing.map((field) => field.toLowerCase()))
  for (const field of fields) {
    if (!known.has(field.toLowerCase())) {
      existing.push(field)
      known.add(field.toLowerCase())
    }
  }
  reply.header('vary', existing.join(', '))
}
