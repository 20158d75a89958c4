// `npm run build`, second step: bundles tsc's output (dist/server.js and everything it imports) into one ES module,
// dist/server.bundle.js, which `npm start` runs. tsc stays the compiler and type checker; esbuild only joins files.
// Why: loading ~1,500 small module files (typebox alone is ~700) cost about 1 s of start-up; one file loads in a
// fraction of that. Kept external: the native SQLite binding, and Swagger UI, which serves files from its own folder.
import { build } from 'esbuild'

await build({
  entryPoints: ['dist/server.js'],
  outfile: 'dist/server.bundle.js',
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
