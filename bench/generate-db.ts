// `npm run bench:db -- [N ...]`: generates (or finds cached) benchmark databases under .bench/db/ and prints their paths.
import { ensureBenchDatabase } from './dataset.js'

const sizes = process.argv.slice(2).map(Number)
if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n < 0)) {
  console.error('usage: npm run bench:db -- <synthetic article count> [...]   e.g. npm run bench:db -- 10 10000 100000')
  process.exit(2)
}
for (const n of sizes) {
  const { path, generatedMs } = ensureBenchDatabase(n, console.log)
  console.log(generatedMs === null ? `cached    ${path}` : `generated ${path} in ${generatedMs} ms`)
}
