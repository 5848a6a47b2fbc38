#!/bin/sh
# Regenerates tests/golden/icebox-*.txt: the real net-tools netstat rendering
# the hand-made icebox snapshot (src/data/icebox), with that snapshot's
# /etc/hosts and /etc/services bind-mounted in a private mount namespace.
# Needs root, gcc, netstat (net-tools) and unshare. See tools/README.md.
set -eu
cd "$(dirname "$0")/.."
DATA="$PWD/src/data/icebox"
OUT="$PWD/tests/golden"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
gcc -shared -fPIC -O2 -o "$TMP/redirect.so" ../../tools/procnet-redirect.c -ldl
mkdir -p "$TMP/net" "$OUT"
cp "$DATA/tcp.txt" "$TMP/net/tcp" && cp "$DATA/tcp6.txt" "$TMP/net/tcp6"
for flags in -at -atn -lt -t -atW; do
  unshare -m sh -c "mount --bind '$DATA/hosts.txt' /etc/hosts && mount --bind '$DATA/services.txt' /etc/services && PROCNET_DIR='$TMP/net' LD_PRELOAD='$TMP/redirect.so' netstat $flags" >"$OUT/icebox$flags.txt"
done
echo "wrote $(ls "$OUT" | wc -l) goldens to $OUT ($(netstat --version 2>&1 | head -1))"
