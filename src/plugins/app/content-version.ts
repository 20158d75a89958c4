// Owns the content version counter: bumped after every committed editorial write, so caches can key on it.
// Writes by another process on the same database file (a second server, a script) are noticed by polling SQLite's
// PRAGMA data_version on a timer, never per request: caches are at most one poll interval behind such writes.
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

export interface ContentVersionOptions {
  /** How often to look for commits made by other connections, in ms; 0 turns it off. */
  externalChangePollMs: number
}

export default fp<ContentVersionOptions>(async (app, options) => {
  const version = createContentVersion()
  app.decorate('contentVersion', version)
  if (options.externalChangePollMs <= 0) return
  // data_version changes only when ANOTHER connection commits; our own writes bump the counter directly.
  const dataVersion = app.db.prepare('PRAGMA data_version').pluck()
  let seen = dataVersion.get()
  const timer = setInterval(() => {
    if (!app.db.open) return
    const current = dataVersion.get()
    if (current !== seen) {
      seen = current
      version.bump()
    }
  }, options.externalChangePollMs)
  timer.unref()
  app.addHook('onClose', async () => { clearInterval(timer) })
}, { name: 'content-version', dependencies: ['database'] })
