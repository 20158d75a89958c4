// Owns the content version counter: bumped after every committed editorial write, so caches can key on it.
import fp from 'fastify-plugin'

export interface ContentVersion {
  /** Starts at 0 when the app starts; only ever grows. */
  readonly value: number
  /** Call AFTER the write's transaction has committed. */
  bump: () => void
}

declare module 'fastify' {
  interface FastifyInstance { contentVersion: ContentVersion }
}

export function createContentVersion (): ContentVersion {
  let value = 0
  return {
    get value () { return value },
    bump () { value++ }
  }
}

export default fp(async (app) => {
  app.decorate('contentVersion', createContentVersion())
}, { name: 'content-version' })
