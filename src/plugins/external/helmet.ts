// Owns security headers: @fastify/helmet with a Content-Security-Policy that Swagger UI (/docs) and a same-origin
// reader page with external scripts both work under: nothing inline may run, everything loads from this origin.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'

/** The CSP directives, exported so tests can compare the header with what was meant. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  // Swagger UI ships its scripts as files (swagger-initializer.js included): no inline script needed.
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // Swagger UI (React) sets style attributes; styles cannot run code.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // Swagger UI's icons are data: URIs.
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: it would break the docs over plain http://localhost; HSTS covers TLS deployments.
  upgradeInsecureRequests: null
}

export default fp(async (app) => {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Public content for any origin (CORS is open for reads): other sites may embed or fetch it.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' }
  })
}, { name: 'helmet' })
