#!/usr/bin/env bash
# Run before the tests (npm's pretest): the scale-out test and bench put two hub processes behind
# Debian's HAProxy. Installs it when missing and it can (as root); otherwise says the one command
# to run, and the scale-out test fails naming it too.
set -u
[ -x /usr/sbin/haproxy ] && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy && exit 0
fi
echo "hallnet: the scale-out test needs: apt-get update && apt-get install -y --no-install-recommends haproxy" >&2
exit 0
