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
  # The "live" case: processes holding real sockets, so -p has names to show
  # (one argv[0] is long, one carries an escape sequence and a newline).
  # Their /proc/net tables become the fixture; the inode -> pid/argv[0] map
  # (argv[0] hex-encoded) is written beside it, as input for the tests.
  live="$pkg/test/fixtures/live"
  rm -rf "$live" && mkdir -p "$live/net"
  bash -c "exec -a /opt/bin/a-really-long-program-name perl \"\$0\" \"\$@\"" \
    "$pkg/scripts/hold-sockets.pl" 8765 "/tmp/netintro live one.sock" "$tmp/ready1" &
  p1=$!
  bash -c "exec -a \"\$(printf \"ev\\033[31mil\\nname\")\" perl \"\$0\" \"\$@\"" \
    "$pkg/scripts/hold-sockets.pl" 9876 /tmp/netintro-live-two.sock "$tmp/ready2" &
  p2=$!
  trap "kill $p1 $p2 2>/dev/null || true" EXIT
  i=0
  while [ ! -e "$tmp/ready1" ] || [ ! -e "$tmp/ready2" ]; do
    i=$((i + 1)); [ "$i" -lt 100 ] || { echo "make-goldens: socket holders did not start" >&2; exit 1; }
    sleep 0.1
  done
  for t in tcp tcp6 udp udp6 udplite udplite6 raw raw6 unix; do cat "/proc/net/$t" >"$live/net/$t"; done
  for pid in $p1 $p2; do
    argv0=$(od -An -tx1 -v "/proc/$pid/cmdline" | tr -s " \n" "\n\n" | sed "/^\$/d; /^00\$/q" | grep -v "^00\$" | tr -d "\n")
    for fd in /proc/$pid/fd/*; do
      link=$(readlink "$fd") || continue
      case $link in "socket:["*) echo "${link#socket:[}" | tr -d "]" | tr "\n" " "; echo "$pid ${fd##*/} $argv0" ;; esac
    done
  done >"$live/processes.txt"
  grep -v "^#" "$pkg/test/golden/matrix.txt" | while read -r case flags; do
    [ -n "$case" ] || continue
    [ "$case" != ifdetail ] || continue # in its own namespace, below
    sh "$pkg/scripts/render-golden.sh" "$pkg" "$tmp" "$case" "$flags"
  done
  kill "$p1" "$p2" 2>/dev/null || true
  rm -f "/tmp/netintro live one.sock" /tmp/netintro-live-two.sock
' sh "$pkg" "$tmp"
# netstat -ie: interfaces with fixed addresses, in a namespace of their own
# (IPv4 addresses would add entries to the -i goldens above).
unshare -m -n sh "$pkg/scripts/ifdetail-netns.sh" "$pkg" "$tmp"
echo "make-goldens: wrote $(find "$pkg/test/golden" -name "*.txt" | wc -l) golden files"
