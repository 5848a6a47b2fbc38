#!/usr/bin/perl
# Golden-file helper: holds a few sockets open so the real `netstat -p` has
# processes to name. Usage: hold-sockets.pl PORT UNIX_PATH READY_FILE
# Opens a TCP listener on 127.0.0.1:PORT, one connection to it (both ends
# stay open), a UDP socket on 127.0.0.1:PORT+1 and a UNIX stream listener,
# writes READY_FILE, then sleeps at most 600 s (make-goldens.sh kills it).
use strict;
use warnings;
use IO::Socket::INET;
use IO::Socket::UNIX;

my ($port, $path, $ready) = @ARGV;
my $listener = IO::Socket::INET->new(
    LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 5, ReuseAddr => 1, Proto => 'tcp',
) or die "listen: $!";
my $client = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Proto => 'tcp')
    or die "connect: $!";
my $server = $listener->accept or die "accept: $!";
my $udp = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port + 1, Proto => 'udp')
    or die "udp: $!";
unlink $path;
my $unix = IO::Socket::UNIX->new(Local => $path, Listen => 5, Type => SOCK_STREAM)
    or die "unix: $!";
open(my $fh, '>', $ready) or die "ready: $!";
close $fh;
sleep 600;
