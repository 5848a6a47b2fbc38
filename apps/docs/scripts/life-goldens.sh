#!/bin/sh
# Regenerates tests/golden/life/: the real net-tools netstat rendering the
# captures of scripts/capture-life.mjs (src/data/life), through the /proc/net
# redirect of tools/procnet-redirect.c. The flags capture's passwd lines are
# bind-mounted over /etc/passwd in a private mount namespace, so `-e` prints
# the captured user names. (netstat -i, -rn, -st and -p cannot be replayed
# from files: capture-life.mjs ran those live, beside the capture.)
# Needs root, gcc, netstat (net-tools) and unshare.
set -eu
cd "$(dirname "$0")/.."
DATA="$PWD/src/data/life"
OUT="$PWD/tests/golden/life"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
gcc -shared -fPIC -O2 -o "$TMP/redirect.so" ../../tools/procnet-redirect.c -ldl
mkdir -p "$OUT"
rm -f "$OUT"/*.txt
INDEX="$OUT/index.tsv"
printf 'file\tscenario\tstep\tcommand\n' >"$INDEX"

# render SCENARIO STEP NETSTAT-ARGS...
render() {
  scenario=$1 step=$2
  shift 2
  rm -rf "$TMP/net" && mkdir "$TMP/net"
  for table in tcp tcp6 udp udp6; do
    f="$DATA/$scenario/$step.$table.txt"
    if [ -f "$f" ]; then cp "$f" "$TMP/net/$table"; fi
  done
  passwd="$DATA/$scenario/$step.passwd.txt"
  [ -f "$passwd" ] || passwd=/etc/passwd
  name="$scenario.$step$(echo "$*" | tr ' ' '_').txt"
  unshare -m sh -c "mount --bind '$passwd' /etc/passwd && PROCNET_DIR='$TMP/net' LD_PRELOAD='$TMP/redirect.so' netstat $*" >"$OUT/$name"
  printf '%s\t%s\t%s\t%s\n' "$name" "$scenario" "$step" "$*" >>"$INDEX"
}

for scenario in client-closes server-closes; do
  for f in "$DATA/$scenario"/*.tcp.txt; do
    render "$scenario" "$(basename "$f" .tcp.txt)" -tan
  done
done
for step in 04-established 06-window-full 10-server-fin 11-time-wait; do
  render client-closes "$step" -tano
done
render home 01-listen -tln
render home 02-connected -tn
render home 03-unread -tn
render home 04-client-quit -tan
render flags 01-machine -aun
render flags 01-machine -atn
render flags 01-machine -ate --numeric-hosts --numeric-ports
echo "wrote $(ls "$OUT"/*.txt | wc -l) goldens to $OUT ($(netstat --version 2>&1 | head -1))"
