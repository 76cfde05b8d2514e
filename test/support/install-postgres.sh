#!/usr/bin/env bash
# Installs Debian's PostgreSQL server for the store's tests, when it is not there yet.
# The tests start their own server from it (test/support/postgres.ts); the cluster the
# package may start by itself is not used.
set -euo pipefail
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-postgres: PostgreSQL is not installed and cannot be installed here (needs root and apt-get); its tests will be skipped" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
