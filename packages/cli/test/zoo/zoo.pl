#!/usr/bin/perl
# The socket zoo for the conformance test. Run it inside a private network
# and mount namespace (see setup.sh): it opens sockets in as many states as
# Linux lets a user reach, prints "READY <pid>" on stdout, then sleeps until
# its stdin closes or it gets SIGTERM. Only perl-base modules are used, so
# it runs on any Debian machine (perl-base is essential there).
use strict;
use warnings;
use Socket qw(:all);
use POSIX qw(setuid setgid);
use Fcntl qw(F_GETFL F_SETFL O_NONBLOCK);
use Errno qw(EAGAIN EINPROGRESS EWOULDBLOCK);

my $dir = shift @ARGV or die "usage: zoo.pl <dir>\n";
$| = 1;
my @keep;    # every handle we must keep open
my @kids;

sub nonblock { my $s = shift; my $f = fcntl($s, F_GETFL, 0); fcntl($s, F_SETFL, $f | O_NONBLOCK) or die "fcntl: $!"; }
sub sa {
  my ($ip, $port) = @_;
  return $ip =~ /:/ ? (AF_INET6, pack_sockaddr_in6($port, inet_pton(AF_INET6, $ip)))
                    : (AF_INET, pack_sockaddr_in($port, inet_aton($ip)));
}
sub small_bufs { my $s = shift; setsockopt($s, SOL_SOCKET, SO_RCVBUF, 4096); setsockopt($s, SOL_SOCKET, SO_SNDBUF, 4096); }
sub tcp_listen {
  my ($ip, $port, %o) = @_;
  my ($fam, $addr) = sa($ip, $port);
  socket(my $s, $fam, SOCK_STREAM, IPPROTO_TCP) or die "socket: $!";
  setsockopt($s, SOL_SOCKET, SO_REUSEADDR, 1);
  setsockopt($s, IPPROTO_IPV6, IPV6_V6ONLY, $o{v6only} // 0) if $fam == AF_INET6;
  setsockopt($s, IPPROTO_TCP, 9, $o{defer}) if $o{defer};    # TCP_DEFER_ACCEPT
  small_bufs($s) if $o{small};
  bind($s, $addr) or die "bind $ip:$port: $!";
  listen($s, $o{backlog} // 16) or die "listen: $!";
  push @keep, $s;
  return $s;
}
sub tcp_connect {
  my ($src, $dst, $port, %o) = @_;
  my ($fam, $addr) = sa($dst, $port);
  socket(my $c, $fam, SOCK_STREAM, IPPROTO_TCP) or die "socket: $!";
  small_bufs($c) if $o{small};
  if (defined $src) { my (undef, $sa) = sa($src, 0); bind($c, $sa) or die "bind $src: $!"; }
  if ($o{nonblock}) { nonblock($c); connect($c, $addr) or $! == EINPROGRESS or die "connect: $!"; }
  else { connect($c, $addr) or die "connect $dst:$port: $!"; }
  push @keep, $c;
  return $c;
}
sub tcp_accept { my $l = shift; accept(my $a, $l) or die "accept: $!"; push @keep, $a; return $a; }
sub fill {    # write until the peer's window and our buffer are full
  my $s = shift; nonblock($s);
  my $chunk = 'x' x 65536;
  for (1 .. 2000) { my $n = syswrite($s, $chunk); last if !defined $n && ($! == EAGAIN || $! == EWOULDBLOCK); }
}
sub udp {
  my ($ip, $port, $peer, $pport) = @_;
  my ($fam, $addr) = sa($ip, $port);
  socket(my $u, $fam, SOCK_DGRAM, IPPROTO_UDP) or die "socket: $!";
  bind($u, $addr) or die "bind udp $ip:$port: $!";
  if (defined $peer) { my (undef, $pa) = sa($peer, $pport); connect($u, $pa) or die "connect udp: $!"; }
  push @keep, $u;
  return $u;
}
sub unix_sock {
  my ($type, $path, $listen) = @_;
  socket(my $s, AF_UNIX, $type, 0) or die "socket unix: $!";
  if (defined $path) { unlink $path unless $path =~ /^\0/; bind($s, pack_sockaddr_un($path)) or die "bind $path: $!"; }
  listen($s, 8) or die "listen unix: $!" if $listen;
  push @keep, $s;
  return $s;
}
sub unix_connect { my ($type, $path) = @_; socket(my $c, AF_UNIX, $type, 0) or die; connect($c, pack_sockaddr_un($path)) or die "connect $path: $!"; push @keep, $c; return $c; }

# --- helper processes, each a fresh exec of this script so that it shares
# none of our sockets: one running as nobody (uid 65534; exec after setuid
# keeps it "dumpable", so nobody can read its /proc/<pid>/fd), and one whose
# argv[0] holds control characters (netstat prints them raw: CVE-2024-58251).
my $role = $dir;
if ($role eq '--nobody' || $role eq '--evil') {
  $dir = shift @ARGV;
  if ($role eq '--nobody') {
    $0 = 'nobody-sockets';
    tcp_listen('127.0.0.1', 8081);
    tcp_listen('::', 8082, v6only => 1);
    udp('127.0.0.1', 8083);
    unix_sock(SOCK_STREAM, "\0netintro-nobody", 1);
  } else {
    $0 = "ev\e[31mil";
    unix_sock(SOCK_STREAM, "$dir/evil.sock", 1);
  }
  print "ok\n"; close STDOUT; open STDOUT, '>', '/dev/null';
  my $rin = ''; vec($rin, fileno(STDIN), 1) = 1;
  select(my $rout = $rin, undef, undef, 600);
  exit 0;
}
sub helper {
  my ($role, $uid) = @_;
  pipe(my $in_r, my $in_w) or die;     # the helper's stdin: closes when we exit
  my $pid = open(my $out, '-|') // die "fork: $!";
  if ($pid == 0) {
    close $in_w; open STDIN, '<&', $in_r or die;
    if (defined $uid) { setgid($uid); $) = "$uid $uid"; setuid($uid) or die "setuid: $!"; }
    exec $^X, $0, $role, $dir or die "exec: $!";
  }
  close $in_r;
  my $line = <$out>; die "helper $role failed\n" unless defined $line && $line eq "ok\n";
  push @keep, $in_w, $out; push @kids, $pid;
}
helper('--nobody', 65534);
helper('--evil');

$0 = 'netintro-socket-zoo-with-a-long-name';

# --- TCP
tcp_listen('0.0.0.0', 22);                               # LISTEN, well-known name (ssh)
my $l8765 = tcp_listen('127.0.0.1', 8765);               # duplicate service port: netstat shows second-name
tcp_connect('127.0.0.2', '127.0.0.1', 8765);             # ESTABLISHED (client, long host name)
tcp_accept($l8765);                                      # ESTABLISHED (server)
my $l8766 = tcp_listen('127.0.0.3', 8766);               # very long host and service names
tcp_connect('127.0.0.3', '127.0.0.3', 8766);
tcp_accept($l8766);
my $l443 = tcp_listen('::', 443);                        # dual-stack listener
tcp_connect('127.0.0.1', '127.0.0.1', 443);              # accepted below: tcp6 row, IPv4-mapped
tcp_accept($l443);
my $l993 = tcp_listen('fd00::2', 993);                   # long IPv6 addresses
tcp_connect('2001:db8:85a3:8d3:1319:8a2e:370:7348', 'fd00::2', 993);
tcp_accept($l993);
tcp_connect('::1', '::1', 443);                          # left in the accept queue: inode 0
tcp_listen('127.0.0.1', 8080);                           # never accepts:
tcp_connect(undef, '127.0.0.1', 8080);                   #   ESTABLISHED server side with inode 0
tcp_connect('127.0.0.1', '203.0.113.7', 443, nonblock => 1);   # SYN_SENT (routed into a black hole)
tcp_listen('127.0.0.1', 9999, defer => 30);              # TCP_DEFER_ACCEPT:
tcp_connect('127.0.0.4', '127.0.0.1', 9999);             #   the request stays SYN_RECV
{   # TIME_WAIT: the client closes first, then the server
  my $l = tcp_listen('127.0.0.1', 7001);
  my $c = tcp_connect('127.0.0.5', '127.0.0.1', 7001);
  my $a = tcp_accept($l);
  shutdown($c, 1); shutdown($a, 1);
}
{   # FIN_WAIT2 (with an fd) and CLOSE_WAIT
  my $l = tcp_listen('127.0.0.1', 7002);
  my $c = tcp_connect('127.0.0.6', '127.0.0.1', 7002);
  tcp_accept($l);
  shutdown($c, 1);
}
{   # orphaned FIN_WAIT2 (timewait mini-socket) and its CLOSE_WAIT peer
  my $l = tcp_listen('127.0.0.1', 7003);
  socket(my $c, AF_INET, SOCK_STREAM, IPPROTO_TCP) or die;
  bind($c, (sa('127.0.0.7', 0))[1]); connect($c, (sa('127.0.0.1', 7003))[1]) or die;
  tcp_accept($l);
  shutdown($c, 1); close($c);
}
{   # FIN_WAIT1: FIN queued behind data the peer does not read (zero window)
  my $l = tcp_listen('127.0.0.1', 7004, small => 1);
  my $c = tcp_connect('127.0.0.8', '127.0.0.1', 7004, small => 1);
  tcp_accept($l);
  fill($c); shutdown($c, 1);
}
{   # LAST_ACK: the client closes its side, stops reading; the server fills
    # the client's window and closes: its FIN stays unacknowledged
  my $l = tcp_listen('127.0.0.1', 7005, small => 1);
  my $c = tcp_connect('127.0.0.9', '127.0.0.1', 7005, small => 1);
  my $a = tcp_accept($l);
  shutdown($c, 1);
  select(undef, undef, undef, 0.05);
  fill($a); shutdown($a, 1);
}

# --- UDP
udp('0.0.0.0', 5353);                                    # bound (mdns)
my $q = udp('127.0.0.1', 8766);                          # a datagram waiting: Recv-Q in bytes of memory
udp('127.0.0.2', 40000, '127.0.0.1', 5353);              # connected: ESTABLISHED
{ my $s = udp('127.0.0.1', 0); send($s, 'hello zoo', 0, (sa('127.0.0.1', 8766))[1]); }
udp('::', 443);                                          # udp6 (https has a udp entry)
udp('::1', 0, 'fd00::2', 53);                            # udp6 connected
udp('::', 40001, '::ffff:127.0.0.1', 5353);              # IPv4-mapped peer

# --- raw
for my $spec ([AF_INET, 1], [AF_INET6, 58], [AF_INET, 255]) {
  socket(my $r, $spec->[0], SOCK_RAW, $spec->[1]) or die "raw $spec->[1]: $!";
  # Block every ICMP type (ICMP_FILTER / ICMP6_FILTER): the queues must not
  # grow with the ICMP errors that failing DNS lookups cause.
  setsockopt($r, 255, 1, pack('L', 0xffffffff)) if $spec->[1] == 1;
  setsockopt($r, 58, 1, "\xff" x 32) if $spec->[1] == 58;
  push @keep, $r;
}

# --- UNIX
my $us = unix_sock(SOCK_STREAM, "$dir/stream.sock", 1);
unix_connect(SOCK_STREAM, "$dir/stream.sock");
tcp_accept($us);
unix_sock(SOCK_STREAM, "$dir/with space.sock", 1);      # netstat cuts this path at the space
unix_sock(SOCK_DGRAM, "$dir/dgram.sock");
unix_sock(SOCK_DGRAM);                                   # unbound dgram
unix_sock(SOCK_SEQPACKET, "$dir/seqpacket.sock", 1);
unix_sock(SOCK_STREAM, "\0netintro-abstract", 1);
socketpair(my $p1, my $p2, AF_UNIX, SOCK_STREAM, 0) or die; push @keep, $p1, $p2;

# --- Multicast memberships (netstat -g): an IPv4 and an IPv6 group on lo,
# named in the zoo's /etc/hosts; unbound sockets, so no socket table lists them.
socket(my $m4, AF_INET, SOCK_DGRAM, IPPROTO_UDP) or die "socket: $!";
setsockopt($m4, IPPROTO_IP, IP_ADD_MEMBERSHIP, pack_ip_mreq(inet_aton("239.255.0.1"), inet_aton("127.0.0.1")))
  or die "IP_ADD_MEMBERSHIP: $!";
socket(my $m6, AF_INET6, SOCK_DGRAM, IPPROTO_UDP) or die "socket: $!";
setsockopt($m6, IPPROTO_IPV6, IPV6_JOIN_GROUP, pack_ipv6_mreq(inet_pton(AF_INET6, "ff15::1234"), 1))
  or die "IPV6_JOIN_GROUP: $!";
push @keep, $m4, $m6;

select(undef, undef, undef, 0.3);
print "READY $$\n";
$SIG{TERM} = sub { kill 'TERM', @kids; exit 0; };
# wait for stdin to close (the test ends), bounded to 10 minutes
my $rin = ''; vec($rin, fileno(STDIN), 1) = 1;
select(my $rout = $rin, undef, undef, 600);
kill 'TERM', @kids;
exit 0;
