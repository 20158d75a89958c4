// `npm run build`, second step: bundles tsc's output (dist/server.js and everything it imports) into one CommonJS file,
// dist/server.bundle.cjs, which `npm start` runs through dist/start.js (src/start.ts: V8 code cache). tsc stays the
// compiler and type checker; esbuild only joins files.
// Why: loading ~1,500 small module files (typebox alone is ~700) cost about 1 s of start-up; one file loads in a
// fraction of that. Kept external: the native SQLite binding.
// usage: node scripts/bundle-server.mjs [entry] [outfile]   (defaults: dist/server.js dist/server.bundle.cjs; the
// bundle must sit one folder below the project root, as src/project-root.ts expects; test/bundle.test.ts bundles
// src/server.ts the same way to check the bundle finds its files)
import { build } from 'esbuild'

const [entry = 'dist/server.js', outfile = 'dist/server.bundle.cjs'] = process.argv.slice(2)

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  // CommonJS, so dist/start.js can compile it with vm.Script and V8's code cache (src/start.ts); import.meta.url (used to
  // find the project root and Swagger UI's files) becomes the bundle's own file URL.
  format: 'cjs',
  define: { 'import.meta.url': '__bundleFileUrl' },
  target: 'node20',
  // The native SQLite binding stays a require() of node_modules; Swagger UI's code is inlined and its static files
  // are served from its package folder (src/plugins/external/swagger.ts passes baseDir).
  external: ['better-sqlite3'],
  // Whitespace and syntax only: identifiers (and so function names, which Fastify and avvio show) are kept. A smaller
  // file is decoded and parsed faster at every start.
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning'
})
