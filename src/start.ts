// Owns how `npm start` loads the server: the one-file CommonJS bundle (scripts/bundle-server.mjs) compiled through
// vm.Script with V8's code cache, so a restart skips parsing and compiling ~2 MB of JavaScript (Node 20 has no
// module.enableCompileCache; this is what it does, for one file).
//
// The cache (<bundle>.v8cache, see code-cache.ts) is written 2 s after a start whose cache was
// missing or rejected, once the start-up warm-up has compiled the hot paths too, so their bytecode is in it. V8 rejects
// data made by another V8 version or with other flags (which is why --no-flush-bytecode is a command-line flag in
// package.json, not set at run time); the hash guards against a rebuilt bundle. If dist/ is not writable (a read-only
// container), starts simply stay uncached. Measured in BENCHMARKS.md.
// usage: node [flags] dist/start.cjs [bundle]   (default: dist/server.bundle.cjs beside this file; the build bundles
// tsc's dist/start.js into dist/start.cjs, see scripts/bundle-server.mjs)
import { readFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
import { isAscii } from 'node:buffer'
import { bundleHash, readCodeCache, writeCodeCache } from './code-cache.js'

const WRITE_AFTER_MS = 2000

const bundle = resolve(process.argv[2] ?? fileURLToPath(new URL('server.bundle.cjs', import.meta.url)))

/** Compiles the bundle (with the cache when it matches); the file's text and the cache data are not kept after. */
function compile (): Script {
  const bytes = readFileSync(bundle)
  const hash = bundleHash(bytes)
  // esbuild writes ASCII (its default charset escapes everything else), which latin1 turns into a string without
  // UTF-8 decoding: with hashing the bytes instead of the string, ~12 ms less start-up (33 -> 21 ms for 2 MB here).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
  const cachedData = readCodeCache(bundle, hash)
  // The wrapper Node puts around every CommonJS file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: bundle, cachedData })
  if (cachedData === undefined || script.cachedDataRejected === true) {
    setTimeout(() => {
      try {
        writeCodeCache(bundle, hash, script.createCachedData())
      } catch {
        // Not writable: the next start compiles from source, as without a cache.
      }
    }, WRITE_AFTER_MS).unref()
  }
  return script
}

const script = compile()
// Run it as Node runs a CommonJS file: its own module object, require resolving from the bundle's folder.
const module = new Module(bundle)
module.filename = bundle
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void
run(module.exports, createRequire(bundle), module, bundle, dirname(bundle))
