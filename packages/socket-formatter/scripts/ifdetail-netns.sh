#!/bin/sh
# Part of make-goldens.sh, run by it inside a fresh network and mount
# namespace: builds the interfaces the "ifdetail" case (netstat -ie) needs,
# with fixed MAC addresses, MTUs, queue lengths, flags and IPv4 addresses,
# records what sysfs and `ip -j addr` show about them as the tests' input
# (test/golden/ifdetail/{sysfs-state,ipv4}.txt), then renders the ifdetail
# lines of test/golden/matrix.txt with the real netstat. Counters and IPv6
# addresses come from test/fixtures/ifdetail/net/{dev,if_inet6} through the
# LD_PRELOAD redirect; flags, MTU, hardware address, queue length and IPv4
# addresses come from the kernel by ioctl.
# Usage (as root, from make-goldens.sh): unshare -m -n sh ifdetail-netns.sh PKG TMP
set -eu
pkg=$1 tmp=$2
out="$pkg/test/golden/ifdetail"
mkdir -p "$out"
ip link set lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip link set veth0 mtu 9000 txqueuelen 4242 up
ip link set veth1 promisc on allmulticast on
ip addr add 10.1.2.3/24 brd + dev veth0
ip addr add 10.1.2.4/24 brd + dev veth0
ip addr add 10.1.3.3/24 dev veth0 label veth0:1
ip link add eth2 address 02:00:00:00:00:22 type veth peer name eth10 address 02:00:00:00:00:10
ip link set eth2 dynamic on up
ip link set eth10 multicast off up
ip addr add 10.20.30.40/16 brd 10.20.255.255 dev eth2
ip addr add 192.0.2.1/31 dev eth10
ip tuntap add tun0 mode tun
ip link set tun0 up
ip addr add 10.9.0.1 peer 10.9.0.2 dev tun0
ip tuntap add tap0 mode tap
ip link set tap0 address 02:00:00:00:00:0a arp off up
ip link add br0 address 02:00:00:00:00:0c type bridge
mount -t sysfs sysfs /sys
# name type address tx_queue_len mtu flags operstate ("-" for an empty address)
for d in /sys/class/net/*; do
  echo "${d##*/} $(cat "$d/type") $(cat "$d/address" | sed 's/^$/-/') $(cat "$d/tx_queue_len") $(cat "$d/mtu") $(cat "$d/flags") $(cat "$d/operstate")"
done >"$out/sysfs-state.txt"
# label address prefixlen broadcast peer secondary ("-" when absent), in kernel order
ip -j -4 addr show | python3 -c '
import json, sys
for link in json.load(sys.stdin):
    for a in link["addr_info"]:
        print(a.get("label", link["ifname"]), a["local"], a["prefixlen"], a.get("broadcast", "-"),
              a.get("address", "-"), 1 if a.get("secondary") else 0)
' >"$out/ipv4.txt"
grep -v "^#" "$pkg/test/golden/matrix.txt" | while read -r case flags; do
  [ "$case" = ifdetail ] || continue
  sh "$pkg/scripts/render-golden.sh" "$pkg" "$tmp" "$case" "$flags"
done
