# citebot in a container: the bot, its production dependencies and word tables, no corpus (mounted
# read-only at /corpus), its saved index on a volume at /cache. Build: docker build -t citebot .
# (scripts/image.sh where no registry can be reached). Run: compose.yaml, or the README's "Deploying".
ARG NODE_VERSION=22

# Dependencies, installed exactly from the lock file without the dev ones. better-sqlite3 13, the
# SQLite driver from Node 22 on, ships its binaries; only Node 20's (the optional better-sqlite3-node20)
# is compiled at install, so the compilers and install scripts are for a Node 20 image alone (they
# took minutes of the build). The one other install script, esbuild's, only checks its binary.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
ARG NODE_VERSION
WORKDIR /app
COPY package.json package-lock.json ./
RUN if [ "${NODE_VERSION%%.*}" = 20 ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends python3 make g++ \
      && rm -rf /var/lib/apt/lists/* \
      && npm ci --omit=dev --no-audit --no-fund; \
    else \
      npm ci --omit=dev --no-audit --no-fund --ignore-scripts; \
    fi \
  && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
# tini as PID 1: it forwards SIGTERM/SIGINT to the bot (which then stops cleanly) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
# tsx's compile cache would go to /tmp: off, so that the bot writes only to /cache and /data (the
# TypeScript is compiled in memory at each start instead, about half a second).
ENV NODE_ENV=production \
    TSX_DISABLE_CACHE=1 \
    CORPUS_DIR=/corpus \
    CACHE_DIR=/cache \
    DATA_DIR=/data \
    HEALTH_PORT=8080
WORKDIR /app
# The code belongs to root and is read-only to the bot; only /cache and /data (the feedback store) are its to write.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY commands ./commands
COPY src ./src
# The word tables the search reads at start (english-frequencies.txt, word-vectors.bin).
COPY data ./data
RUN mkdir -p /cache /data /corpus && chown node:node /cache /data
VOLUME ["/cache", "/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs, with no npm process between tini and the bot. tsx is a production
# dependency: it runs the TypeScript directly, so there is no build step.
CMD ["node", "--import", "tsx", "src/main.ts"]
