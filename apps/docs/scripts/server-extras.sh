#!/bin/sh
# Regenerates the web-server sample's route, dev, snmp and netstat files
# (src/data/server/*.txt) and the real netstat's -rn, -i and -s output for
# them (tests/golden/server-*.txt): a private network namespace "web1" with
# loopback and a veth link 10.0.0.5/24 to a second namespace (the gateway,
# 10.0.0.1), a default route through it, one TCP exchange
# over the link, a few UDP datagrams to a closed loopback port, then the kernel's files are copied. Only the two private
# namespaces see any traffic. Needs root, iproute2, python3, netstat (net-tools).
set -eu
cd "$(dirname "$0")/.."
DATA="$PWD/src/data/server"
OUT="$PWD/tests/golden"
A=ni-web1-$$
B=ni-gw-$$
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$A"
ip netns add "$B"
ip link add eth0 netns "$A" type veth peer name eth0 netns "$B"
ip -n "$A" link set lo up
ip -n "$B" link set lo up
ip -n "$A" addr add 10.0.0.5/24 dev eth0
ip -n "$B" addr add 10.0.0.1/24 dev eth0
ip -n "$A" link set eth0 up
ip -n "$B" link set eth0 up
ip -n "$A" route add default via 10.0.0.1

ip netns exec "$B" python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.0.0.1", 8080)); s.listen(1); s.settimeout(10)
c, _ = s.accept(); c.recv(100); c.sendall(b"HTTP/1.0 200 OK\r\n\r\nhello\n"); c.close()
' &
SERVER=$!
sleep 0.5
ip netns exec "$A" python3 -c '
import socket
c = socket.create_connection(("10.0.0.1", 8080), timeout=10)
c.sendall(b"GET / HTTP/1.0\r\n\r\n"); print(c.recv(100)); c.close()
' >/dev/null
wait "$SERVER"
ip netns exec "$A" python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); [s.sendto(b"x", ("127.0.0.1", 53)) for _ in range(3)]'
for f in route dev snmp netstat; do ip netns exec "$A" cat "/proc/net/$f" >"$DATA/$f.txt"; done
ip netns exec "$A" netstat -rn >"$OUT/server-rn.txt"
ip netns exec "$A" netstat -i >"$OUT/server-i.txt"
ip netns exec "$A" netstat -s >"$OUT/server-s.txt"
echo "wrote $DATA/{route,dev,snmp,netstat}.txt and $OUT/server-{rn,i,s}.txt ($(netstat --version 2>&1 | head -1); kernel $(uname -r))"
