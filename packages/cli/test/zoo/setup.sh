#!/bin/sh
# Runs as PID-of-the-zoo inside `unshare -m -n`: private mounts for the name
# files, loopback addresses and routes, then execs the zoo.
# $1: work directory holding hosts, services, resolv.conf, nsswitch.conf
set -eu
dir=$1
mount --make-rprivate / 2>/dev/null || true
for f in hosts services resolv.conf nsswitch.conf; do mount --bind "$dir/$f" "/etc/$f"; done
# A sysfs of this network namespace: netintro -i reads MTU and flags there,
# netstat asks the kernel by ioctl in the namespace; both must see its interfaces.
mount -t sysfs sysfs /sys
ip link set lo up
ip addr add fd00::2/128 dev lo nodad
ip addr add 2001:db8:85a3:8d3:1319:8a2e:370:7348/128 dev lo nodad
ip route add 203.0.113.0/24 dev lo
# More interfaces for -i and -ia (one up, one down), where the kernel has veth.
if ip link add nxup0 type veth peer name nxdown0 2>/dev/null; then
  ip link set nxup0 mtu 1400 up
  ip addr add 198.51.100.1/24 dev nxup0
fi
exec perl "$(dirname "$0")/zoo.pl" "$dir"
