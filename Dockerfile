# citebot in a container: the bot, its production dependencies, no corpus (mounted read-only at
# /corpus) and its saved index on a volume at /cache. Build: docker build -t citebot .
# Run: see compose.yaml, or the README's "Deploying" section.
ARG NODE_VERSION=22

# Dependencies, installed exactly from the lock file without the dev ones. Compilers are here for a
# native module that has no prebuilt binary for this platform; they stay out of the final image.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
# tini as PID 1: it forwards SIGTERM/SIGINT to the bot (which then stops cleanly) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CORPUS_DIR=/corpus \
    CACHE_DIR=/cache \
    HEALTH_PORT=8080
WORKDIR /app
# The code belongs to root and is read-only to the bot; only /cache is its to write.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY commands ./commands
COPY src ./src
RUN mkdir -p /cache /corpus && chown node:node /cache
VOLUME ["/cache"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs, with no npm process between tini and the bot. tsx is a production
# dependency: it runs the TypeScript directly, so there is no build step.
CMD ["node", "--import", "tsx", "src/main.ts"]
