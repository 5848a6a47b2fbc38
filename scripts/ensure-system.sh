#!/bin/sh
# Installs the system programs the tests compare against, when missing:
# net-tools (netstat), iproute2 (ss, ip), libc-bin (getent), and Debian's
# chromium for the browser tests. Uses apt-get (as root, or through sudo).
set -eu
missing=""
command -v netstat >/dev/null 2>&1 || missing="$missing net-tools"
command -v ss >/dev/null 2>&1 || missing="$missing iproute2"
command -v getent >/dev/null 2>&1 || missing="$missing libc-bin"
command -v unshare >/dev/null 2>&1 || missing="$missing util-linux"
if [ "${NETINTRO_SKIP_BROWSER:-}" != "1" ]; then
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
fi
[ -z "$missing" ] && exit 0
echo "netintro: installing system packages for the tests:$missing"
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "netintro: need root or sudo to apt-get install:$missing" >&2; exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "netintro: apt-get not found; install these yourself:$missing" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "netintro: installed:$missing"
