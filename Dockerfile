# syntax=docker/dockerfile:1
# Newsdesk API image. Stages: deps (build tools + lockfile) -> build (all deps, tsc + esbuild bundle) and prod-deps (npm ci --omit=dev,
# better-sqlite3 compiled here when no prebuilt binary fits) -> runtime (slim, no compilers, non-root).
# Reviewed, not built, in CI (test/dockerfile.test.ts checks its shape). Build: docker build -t newsdesk .
# Run: docker run -p 3000:3000 -v newsdesk-data:/data -e PUBLIC_URL=https://api.example.org newsdesk
ARG NODE_VERSION=20.20

FROM node:${NODE_VERSION}-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./

FROM deps AS build
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle-server.mjs ./scripts/
RUN npm run build

FROM deps AS prod-deps
RUN npm ci --omit=dev && npm cache clean --force

FROM node:${NODE_VERSION}-slim AS runtime
# MALLOC_ARENA_MAX=2: as in npm start (package.json), glibc keeps 2 malloc arenas instead of up to 8 per core for
# V8's and libuv's threads: ~5 MiB less resident memory under load, no measured throughput cost (BENCHMARKS.md).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PUBLIC_URL=http://localhost:3000 \
    DATABASE_PATH=/data/newsdesk.db \
    LOG_FORMAT=json \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: package.json (version), migrations, seed data, the reader page.
COPY package.json ./
COPY migrations ./migrations
COPY seed ./seed
COPY public ./public
RUN mkdir -p /data && chown node:node /data
# Prime V8's code cache (src/start.ts): one start, as CMD runs it (same Node, same flags), writes
# dist/server.bundle.cjs.v8cache 2 s in; every container then starts from compiled code (the node user cannot write
# dist/ later). If the server cannot start here, nothing is written and containers compile at start, as before.
RUN (DATABASE_PATH=/tmp/prime.db PORT=0 LOG_LEVEL=warn node --max-semi-space-size=4 --heap-growing-percent=10 --no-flush-bytecode dist/start.cjs & \
     pid=$!; sleep 5; kill $pid; wait $pid) || true; \
    rm -f /tmp/prime.db /tmp/prime.db-wal /tmp/prime.db-shm
# The official image's unprivileged user; it owns only /data.
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in slim images: node's fetch checks liveness.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs after its build (its MALLOC_ARENA_MAX=2 is in ENV above): the esbuild bundle of the compiled server through its code-cache launcher.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=10", "--no-flush-bytecode", "dist/start.cjs"]
