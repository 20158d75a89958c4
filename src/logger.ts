// Owns the logger settings: pino JSON lines by default (production), pino-pretty for development. Every line logged
// while serving a request carries Fastify's request id (reqId), including the request / response lines.
import type { FastifyServerOptions } from 'fastify'
import type { AppConfig } from './config.js'
import { batchedDestination, type BatchedDestination } from './log-destination.js'

let stdout: BatchedDestination | undefined
/** One per process: stdout, written in batches of lines, each at most FLUSH_MS late (log-destination.ts). */
const batchedStdout = (): BatchedDestination => (stdout ??= batchedDestination(1))

export function loggerOptions (config: Pick<AppConfig, 'logLevel' | 'logFormat'>): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  if (config.logFormat === 'json') return { level: config.logLevel, stream: batchedStdout() }
  // A transport runs in a worker thread and is only resolved here, so production installs (--omit=dev) never need
  // pino-pretty as long as LOG_FORMAT stays json.
  return {
    level: config.logLevel,
    transport: {
      target: 'pino-pretty',
      options: {
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,reqId',
        messageFormat: '{if reqId}[{reqId}] {end}{msg}'
      }
    }
  }
}
