# syntax=docker/dockerfile:1
# rectify's production image: one image, two entry points (worker and desk), both from dist/.
#   docker build -t rectify .
#   docker run … rectify                     → the desk   (node dist/server/main.js, port 3000)
#   docker run … rectify node dist/worker/main.js → a worker
# docker-compose.yml and deploy/k8s/ use it that way. Validated without an engine by
# scripts/validate-deploy.ts (file references only: this file was not built on the machine that wrote it).

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: the whole tree, dev dependencies included (tsc, Vite, the workflow bundler) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# web/ has its own package.json but no lock or dependencies of its own: the root install serves it.
RUN npm ci --no-audit --no-fund
COPY . .
# scripts/build.js: tsc → dist/, run-time assets, web/dist (Vite), dist/workflow-bundle.js, dist/build-info.json.
RUN npm run build \
 && test -f dist/worker/main.js && test -f dist/server/main.js \
 && test -f dist/workflow-bundle.js && test -f dist/web/dist/index.html

# ---- deps: production node_modules only, installed on the runtime base so native parts match ----
# Native parts: @temporalio/core-bridge (the worker's Rust core; linux-x64/arm64 glibc binaries ship in
# the npm package, no download, no compiler) and @node-rs/argon2 (its linux-x64-gnu optional package).
# Both need glibc: keep a Debian base, not Alpine.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    RECTIFY_DATA_DIR=/data \
    RECTIFY_DEMO=0
WORKDIR /app
# tini reaps children and forwards SIGTERM, so the worker and the desk shut down cleanly on `docker stop`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# The image's own unprivileged `node` user (uid 1000); the code is root-owned and read-only to it,
# only the data folder (evidence store, generated keys) is its.
RUN mkdir -p /data && chown node:node /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/dist ./dist
COPY deploy/docker/worker-healthcheck.js ./deploy/docker/worker-healthcheck.js
USER node
VOLUME ["/data"]
EXPOSE 3000
# The desk's /healthz answers 200 only when Temporal and PostgreSQL both answer (server/routes/health.ts).
# The worker image overrides this (compose: healthcheck.test; k8s: an exec probe) with
# deploy/docker/worker-healthcheck.js, which asks Temporal whether this container polls the task queue.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server/main.js"]
