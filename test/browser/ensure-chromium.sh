#!/usr/bin/env bash
# Run before the tests (npm's pretest): the page tests drive Debian's Chromium and their
# screenshots need a CJK font. Installs what is missing when it can (as root); otherwise says
# the one command to run, and the browser suite fails naming it too.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" && exit 0
fi
echo "hallnet: the page tests need: apt-get update && apt-get install -y ${missing[*]}" >&2
exit 0
