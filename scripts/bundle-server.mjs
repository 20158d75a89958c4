// `npm run build`, second step: bundles tsc's output (dist/server.js and everything it imports) into one CommonJS file,
// dist/server.bundle.cjs, which `npm start` runs through the launcher dist/start.cjs (src/start.ts: V8 code cache),
// itself bundled to CommonJS here too. tsc stays the compiler and type checker; esbuild only joins files.
// Why: loading ~1,500 small module files (typebox alone is ~700) cost about 1 s of start-up; one file loads in a
// fraction of that. Kept external: the native SQLite binding.
// usage: node scripts/bundle-server.mjs [entry] [outfile]   (defaults: dist/server.js dist/server.bundle.cjs, plus the
// launcher dist/start.js -> dist/start.cjs; the bundle must sit one folder below the project root, as
// src/project-root.ts expects; test/bundle.test.ts bundles src/server.ts the same way to check the bundle finds its files)
import { readFile } from 'node:fs/promises'
import { build } from 'esbuild'

/**
 * Fastify's lib/server.js requires node:https and node:http2 at load time (~15 ms of compiling Node's own modules at
 * every start) but only calls them for the `https` / `http2` options, which this server never sets (it serves plain
 * HTTP/1.1 through its own serverFactory). In the bundle they are loaded on first property access instead. The build
 * fails if Fastify's file no longer has those two lines, rather than silently loading them eagerly again.
 */
const LAZY_IN_FASTIFY_SERVER = ["const https = require('node:https')", "const http2 = require('node:http2')"]
const lazyFastifyTransports = {
  name: 'lazy-fastify-transports',
  setup (build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/ }, async ({ path }) => {
      let contents = await readFile(path, 'utf8')
      for (const line of LAZY_IN_FASTIFY_SERVER) {
        if (!contents.includes(line)) throw new Error(`${path} no longer contains "${line}": update scripts/bundle-server.mjs`)
        contents = contents.replace(line, line.replace(/require\(('node:[a-z0-9]+')\)/, '__lazyRequire($1)'))
      }
      return { contents, loader: 'js' }
    })
  }
}

const [entry = 'dist/server.js', outfile = 'dist/server.bundle.cjs'] = process.argv.slice(2)

/** What both bundles share: one CommonJS file for Node 20, import.meta.url replaced by the output file's own URL. */
const commonJsFor = (fileUrlName) => ({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  define: { 'import.meta.url': fileUrlName },
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning'
})

await build({
  ...commonJsFor('__bundleFileUrl'),
  entryPoints: [entry],
  outfile,
  // CommonJS, so the launcher can compile it with vm.Script and V8's code cache (src/start.ts); import.meta.url (used to
  // find the project root and Swagger UI's files) becomes the bundle's own file URL.
  // The native SQLite binding stays a require() of node_modules; Swagger UI's code is inlined and its static files
  // are served from its package folder (src/plugins/external/swagger.ts passes baseDir).
  external: ['better-sqlite3'],
  // Whitespace and syntax only: identifiers (and so function names, which Fastify and avvio show) are kept. A smaller
  // file is decoded and parsed faster at every start.
  minifyWhitespace: true,
  minifySyntax: true,
  banner: {
    js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" +
      'const __lazyRequire = (id) => { let m; return new Proxy({}, { get: (_, key) => (m ??= require(id))[key] }) };'
  },
  plugins: [lazyFastifyTransports],
  sourcemap: true
})

// The launcher as CommonJS too (only in the default build, not when a test bundles another entry): run as an ES module
// it made Node set up its ES module loader and an ES facade for each built-in it imports, ~11 ms of every start
// (8 alternating starts each, median 417 -> 406 ms). import.meta.url (the launcher finds the bundle beside itself)
// becomes its own file URL.
if (process.argv.length <= 2) {
  await build({
    ...commonJsFor('__launcherFileUrl'),
    entryPoints: ['dist/start.js'],
    outfile: 'dist/start.cjs',
    banner: { js: "const __launcherFileUrl = require('node:url').pathToFileURL(__filename).href;" }
  })
}
