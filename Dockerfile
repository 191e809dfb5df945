# syntax=docker/dockerfile:1
# Leadwell: multi-stage build on Node 24 LTS (Debian slim). test/docker/ replays these steps without Docker.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# No compiler: better-sqlite3 13 ships prebuilt binaries inside its npm package (install scripts stay off,
# see "allowScripts" in package.json).
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-web-assets.js ./scripts/
COPY src ./src
# The build copies the dashboard's static files, uPlot included, into dist (nothing from a CDN at run time).
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# A 16 MB V8 nursery instead of the up to 128 MB Node picks on a large host (32 MB in a 1 GB container): measured
# with the prep-card bench, RSS ~234 MB instead of ~309 (217-232 instead of 239-255 in a 1 GB container), the same
# cards per second and no worse ack p99 (docs/performance.md, "Eighth pass"). Setting NODE_OPTIONS replaces it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=8 \
    DATABASE_PATH=/data/leadwell.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY migrations ./migrations
COPY prompts ./prompts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
