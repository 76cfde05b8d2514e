#!/usr/bin/env bash
# A container engine for the image test (test/e2e/image.test.ts): Debian's docker.io, debootstrap (for
# the local base scripts/image.sh makes) and docker-compose, installed where missing when this is
# root on Debian, and dockerd started by hand where no engine answers (there may be no systemd).
# Silent when the engine is ready; otherwise one line on stderr saying why not, and exit 1.
set -uo pipefail

fail() {
  echo "$*" >&2
  exit 1
}
root() { [[ "$(id -u)" == 0 ]]; }

if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null || ! command -v docker-compose >/dev/null; then
  root || fail "docker.io, debootstrap and docker-compose are not all installed, and only root can install them"
  command -v apt-get >/dev/null || fail "docker.io, debootstrap and docker-compose are not all installed, and there is no apt-get here"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap docker-compose; } >/dev/null 2>&1 ||
    fail "apt-get install docker.io debootstrap docker-compose failed"
fi

docker info >/dev/null 2>&1 && exit 0
root || fail "no container engine answers, and only root can start one"
log=/var/log/citebot-test-dockerd.log
# No iptables and no bridge: the tests' containers use the host's network (the stand-in is on 127.0.0.1).
nohup dockerd --iptables=false --bridge=none --storage-driver=overlay2 >"$log" 2>&1 &
for _ in $(seq 120); do
  docker info >/dev/null 2>&1 && exit 0
  kill -0 $! 2>/dev/null || break
  sleep 0.5
done
fail "dockerd did not start (it may need privileges this machine does not give): $(grep -m1 -iE 'level=(fatal|error)' "$log" || tail -1 "$log")"
