#!/bin/sh
# Part of make-goldens.sh: renders one line of test/golden/matrix.txt with the
# real netstat on test/fixtures/<case>/net (through the LD_PRELOAD redirect
# and the ENOENT shim built in TMP) into test/golden/<case>/netstat_<flags>.txt,
# plus a .stderr file with the exit status and stderr when netstat complained.
# Runs inside whatever namespace the caller set up (make-goldens.sh's, or
# ifdetail-netns.sh's for -ie).
# Usage: sh render-golden.sh PKG TMP CASE FLAGS
set -eu
pkg=$1 tmp=$2 case=$3 flags=$4
out="$pkg/test/golden/$case"
mkdir -p "$out"
name=netstat_$(printf "%s" "$flags" | tr " " "_")
set +e
# shellcheck disable=SC2086 # flags are word-split on purpose
LC_ALL=C PROCNET_DIR="$pkg/test/fixtures/$case/net" \
  LD_PRELOAD="$tmp/enoent.so $tmp/redirect.so" \
  netstat $flags >"$out/$name.txt" 2>"$tmp/stderr" </dev/null
rc=$?
set -e
if [ -s "$tmp/stderr" ] || [ "$rc" -ne 0 ]; then
  { echo "exit $rc"; cat "$tmp/stderr"; } >"$out/$name.stderr"
else
  rm -f "$out/$name.stderr"
fi
