#!/bin/sh
# Regenerates test/golden/<case>/<flags>.txt by running the REAL net-tools
# netstat on each fixture folder test/fixtures/<case>/net (through the
# LD_PRELOAD redirect in tools/procnet-redirect.c), inside a private mount
# namespace where /etc/hosts, services, protocols, passwd, group, networks and
# nsswitch.conf are bind-mounted from test/fixtures/etc so names are
# reproducible, and inside a private network namespace holding a fixed set of
# interfaces (for -i, whose MTU and flags netstat asks the kernel for; their
# sysfs mtu, flags and operstate are written to
# test/golden/iface/sysfs-state.txt as the tests' input). The
# matrix of cases and flags is test/golden/matrix.txt.
#
# Needs root, gcc, unshare (util-linux) and netstat (net-tools 2.10).
# Usage: sh scripts/make-goldens.sh        (from packages/socket-formatter)
# Read every changed golden (git diff) before committing it.
set -eu
pkg=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/netintro-goldens.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
gcc -shared -fPIC -O2 -o "$tmp/redirect.so" "$pkg/../../tools/procnet-redirect.c" -ldl
gcc -shared -fPIC -O2 -o "$tmp/enoent.so" "$pkg/scripts/procnet-enoent.c" -ldl
netstat --version | head -1 | grep -q 'net-tools 2.10' || {
  echo "make-goldens: need net-tools 2.10, found: $(netstat --version | head -1)" >&2
  exit 1
}

unshare -m -n sh -eu -c '
  pkg=$1 tmp=$2
  # Interfaces for the -i goldens: names and states the iface fixture expects.
  ip link set lo up
  ip link add veth0 type veth peer name veth1
  ip link set veth0 mtu 9000 up
  ip link set veth1 up promisc on allmulticast on
  ip link add veth10 type veth peer name veth2
  ip link set veth10 up
  ip link set veth2 mtu 1280 up
  ip link add br0 type bridge
  ip link set br0 arp off
  ip tuntap add tap0 mode tap
  ip link set tap0 up
  mount -t sysfs sysfs /sys
  mkdir -p "$pkg/test/golden/iface"
  for d in /sys/class/net/*; do
    echo "${d##*/} $(cat "$d/mtu") $(cat "$d/flags") $(cat "$d/operstate")"
  done >"$pkg/test/golden/iface/sysfs-state.txt"
  for f in hosts services protocols passwd group networks nsswitch.conf; do
    mount --bind "$pkg/test/fixtures/etc/$f" "/etc/$f"
  done
  grep -v "^#" "$pkg/test/golden/matrix.txt" | while read -r case flags; do
    [ -n "$case" ] || continue
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
  done
' sh "$pkg" "$tmp"
echo "make-goldens: wrote $(find "$pkg/test/golden" -name "*.txt" | wc -l) golden files"
