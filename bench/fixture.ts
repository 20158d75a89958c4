// Owns the ceiling's fixture (bench/ceiling-server.mjs): the app's own responses, captured over HTTP.
import { httpGet } from './processes.js'

/** Headers the connection or the moment sets, not the response: node:http adds its own. */
const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])

export interface FixtureRoute { headers: Record<string, string>, body: string, notModifiedHeaders?: Record<string, string> }
export interface Fixture { routes: Record<string, FixtureRoute> }
/** A request the ceiling must answer: a plain GET (status 200) or a revalidation with `headers` (status 304). */
export interface FixtureRequest { path: string, headers: Record<string, string>, status: number }

/**
 * The app's own responses per path (hop-by-hop headers aside): the 200's bytes and headers, and for a path that is
 * revalidated, the app's 304 head too, so both servers' 304s carry the same headers.
 */
export async function captureFixture (baseUrl: string, requests: FixtureRequest[]): Promise<Fixture> {
  const routes: Record<string, FixtureRoute> = {}
  const kept = (headers: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)))
  for (const request of requests) {
    if (request.status !== 200 || routes[request.path] !== undefined) continue
    const response = await httpGet(`${baseUrl}${request.path}`)
    if (response.status !== 200) throw new Error(`GET ${request.path} answered ${response.status}; cannot build the ceiling`)
    routes[request.path] = { headers: kept(response.headers), body: response.body.toString('base64') }
  }
  for (const request of requests) {
    const route = routes[request.path]
    if (request.status !== 304 || route === undefined) continue
    const response = await httpGet(`${baseUrl}${request.path}`, request.headers)
    if (response.status !== 304) throw new Error(`conditional GET ${request.path} answered ${response.status}; cannot build the ceiling`)
    route.notModifiedHeaders = kept(response.headers)
  }
  return { routes }
}
