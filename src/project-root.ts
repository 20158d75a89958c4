// Owns where the project's files are: one URL that is the repository root from src/ (tsx), dist/ (tsc) and the
// single-file bundle in dist/ alike, so migrations/, seed/, openapi/ and package.json resolve the same everywhere.
export const PROJECT_ROOT = new URL('../', import.meta.url)
