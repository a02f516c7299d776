#!/usr/bin/env bash
# Run before the tests (npm's pretest): deploy/compose.test.ts checks the compose file with
# `docker compose config`, or Debian's docker-compose where the Compose plugin is missing (Debian 12
# packages no plugin; its docker-compose 1.29 reads the same Compose Specification). `config` only
# parses: no Docker engine is needed. Installs Debian's docker-compose when neither is there and it
# can (as root); otherwise says the one command to run, and the test fails naming it too.
set -u
docker compose version >/dev/null 2>&1 && exit 0
command -v docker-compose >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose && exit 0
fi
echo "hallnet: the compose file check needs: apt-get update && apt-get install -y --no-install-recommends docker-compose" >&2
exit 0
