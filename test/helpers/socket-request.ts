// One HTTP request over a real socket (node:http), for tests that compare what two servers send byte for byte: the
// status, every header but those set per connection or per moment, and the raw body bytes (no decompression).
import { request as httpRequest } from 'node:http'

/** Set per connection or per moment, not per answer: left out of `headers`. */
const VOLATILE = new Set(['date', 'connection', 'keep-alive'])

export interface Seen { status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }

export async function socketRequest (base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Seen> {
  return await new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        headers: Object.fromEntries(Object.entries(res.headers).filter(([name]) => !VOLATILE.has(name))),
        body: Buffer.concat(chunks)
      }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
