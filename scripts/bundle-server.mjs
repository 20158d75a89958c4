// `npm run build`, second step: bundles tsc's output (dist/server.js and everything it imports) into one ES module,
// dist/server.bundle.js, which `npm start` runs. tsc stays the compiler and type checker; esbuild only joins files.
// Why: loading ~1,500 small module files (typebox alone is ~700) cost about 1 s of start-up; one file loads in a
// fraction of that. Kept external: the native SQLite binding, and Swagger UI, which serves files from its own folder.
// usage: node scripts/bundle-server.mjs [entry] [outfile]   (defaults: dist/server.js dist/server.bundle.js; the
// bundle must sit one folder below the project root, as src/project-root.ts expects; test/bundle.test.ts bundles
// src/server.ts the same way to check the bundle finds its files)
import { build } from 'esbuild'

const [entry = 'dist/server.js', outfile = 'dist/server.bundle.js'] = process.argv.slice(2)

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  // CommonJS dependencies call require(); an ES module has none, so give the bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning'
})
