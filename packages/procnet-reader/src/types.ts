/**
 * The record types produced by the `/proc/net` parsers. These types are the
 * contract between `@netintro/procnet-reader` and its consumers
 * (`@netintro/socket-formatter`, the CLI and the docs site): change them only
 * with a changeset.
 *
 * @module
 */

/**
 * Byte order the kernel used to print addresses: the host's own.
 *
 * @example
 * ```ts
 * const order: Endianness = 'big'; // text captured on s390x
 * ```
 */
export type Endianness = 'little' | 'big';

/**
 * Names of the socket tables under `/proc/net`.
 *
 * @example
 * ```ts
 * const table: InetTableName = 'tcp6';
 * ```
 */
export type InetTableName =
  | 'tcp'
  | 'tcp6'
  | 'udp'
  | 'udp6'
  | 'udplite'
  | 'udplite6'
  | 'raw'
  | 'raw6';

/**
 * Every table name {@link parseProcNet} understands.
 *
 * @example
 * ```ts
 * parseProcNet('ipv6_route' satisfies ProcNetTableName, text);
 * ```
 */
export type ProcNetTableName =
  | InetTableName
  | 'unix'
  | 'route'
  | 'ipv6_route'
  | 'dev'
  | 'snmp'
  | 'snmp6'
  | 'netstat';

/**
 * Transport of an Internet socket.
 *
 * @example
 * ```ts
 * sockets.filter((s) => s.protocol === ('udp' satisfies InetProtocol));
 * ```
 */
export type InetProtocol = 'tcp' | 'udp' | 'udplite' | 'raw';

/**
 * TCP state names, exactly as netstat spells them (with `UNKNOWN` for codes outside 0x01-0x0B).
 *
 * @example
 * ```ts
 * const listening = (s: InetSocket) => s.state === ('LISTEN' satisfies TcpStateName);
 * ```
 */
export type TcpStateName =
  | 'ESTABLISHED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'TIME_WAIT'
  | 'CLOSE'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'LISTEN'
  | 'CLOSING'
  | 'UNKNOWN';

/**
 * Kind of the kernel timer (`tr` column): 0 off, 1 on (retransmit/RTO/TLP),
 * 2 keepalive, 3 timewait, 4 probe (zero window). Other codes: `unknown`.
 *
 * @example
 * ```ts
 * parseTcp(text).filter((s) => s.timer === ('keepalive' satisfies TimerKind));
 * ```
 */
export type TimerKind = 'off' | 'on' | 'keepalive' | 'timewait' | 'probe' | 'unknown';

/**
 * One endpoint as decoded from `/proc/net`: address text plus port.
 *
 * @example
 * ```ts
 * const e: Endpoint = { address: '127.0.0.1', addressHex: '0100007F', port: 8080 };
 * ```
 */
export interface Endpoint {
  /**
   * Address text: dotted quad for IPv4 (`127.0.0.1`), RFC 5952 text for
   * IPv6 (`::1`, `fe80::abcd`), `::ffff:a.b.c.d` for IPv4-mapped IPv6.
   */
  address: string;
  /** The raw hex address as the kernel printed it (`0100007F`). */
  addressHex: string;
  /** Port as a number (never byte-swapped). For raw sockets: the IP protocol number. */
  port: number;
}

/**
 * State names of UDP, UDP-Lite and raw rows. These sockets only use two of
 * the kernel's TCP state codes: 0x01 (`ESTABLISHED`, connected) and 0x07
 * (`CLOSE`, unconnected); any other code is `UNKNOWN` (netstat prints the
 * same words for udp, and the number for raw).
 *
 * @example
 * ```ts
 * const unconnected: DatagramStateName = 'CLOSE';
 * ```
 */
export type DatagramStateName = 'ESTABLISHED' | 'CLOSE' | 'UNKNOWN';

/**
 * The process holding a socket, with its program as `netstat -p`, `ss -p`
 * and psutil show it.
 *
 * @example
 * ```ts
 * const owner: SocketOwner = {
 *   pid: 812, fd: 3, command: 'sshd', name: 'sshd',
 *   cmdline: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'],
 * };
 * `${owner.pid}/${owner.command}`; // netstat's PID/Program name column: '812/sshd'
 * ```
 */
export interface SocketOwner extends SocketProcess {
  /**
   * The kernel's name of the process, from `/proc/<pid>/comm` (at most 15
   * bytes, what `ps -o comm`, `ss -p` and psutil's `name()` show), control
   * characters escaped; `''` when it could not be read.
   */
  name: string;
  /**
   * Full command line, `/proc/<pid>/cmdline` split at NUL bytes (psutil's
   * `cmdline()`): `['/usr/bin/python3', '-m', 'http.server']`. Empty for
   * kernel threads and zombies. A process may rewrite it (sshd, nginx do):
   * then it is whatever the process wrote, spaces included.
   */
  cmdline: string[];
}

/** Columns every Internet socket row has. */
interface InetSocketBase {
  /** 4 for tcp/udp/udplite/raw, 6 for the `*6` tables. */
  family: 4 | 6;
  /** The `sl` column: a running index for tcp, a hash bucket for udp/raw. */
  slot: number;
  local: Endpoint;
  remote: Endpoint;
  /** Raw state code from the `st` column (hex decoded). */
  stateCode: number;
  /** Bytes queued for sending (`tx_queue`), netstat's Send-Q. */
  txQueue: number;
  /** Bytes received but not read (`rx_queue`), netstat's Recv-Q. */
  rxQueue: number;
  /** Timer kind code (`tr`). */
  timerCode: number;
  /** Timer kind name. */
  timer: TimerKind;
  /** Timer expiry in clock ticks (`tm->when`, USER_HZ, usually 100 per second). */
  timerTicks: number;
  /** `retrnsmt` column. */
  retransmits: number;
  /** Owner uid (in the reader's user namespace). */
  uid: number;
  /** `timeout` column (unanswered zero-window probes / keepalives). */
  timeout: number;
  /** Socket inode, decimal string (may exceed 32 bits on new kernels). `'0'` for mini-sockets. */
  inode: string;
  /** Reference count, when present. */
  refCount?: number;
  /** Kernel pointer (`%pK`, hashed; never a key), when present. */
  pointer?: string;
  /** Any further columns a newer kernel prints, kept verbatim. */
  extra?: string[];
  /**
   * The process holding the socket (the first in numeric pid order, the one
   * netstat shows), set by the node readers when asked for processes;
   * absent when no readable process holds it (inode 0, another user's
   * process without root, the kernel).
   */
  owner?: SocketOwner;
  /** 1-based line number in the source text. */
  line: number;
}

/**
 * One row of `/proc/net/tcp` or `/proc/net/tcp6`.
 *
 * @example
 * ```ts
 * const [s] = parseTcp(text);
 * if (s?.protocol === 'tcp') s.cwnd; // TCP-only columns, full sockets only
 * ```
 */
export interface TcpSocket extends InetSocketBase {
  /** The table the row came from. */
  table: 'tcp' | 'tcp6';
  protocol: 'tcp';
  /** TCP state name (`UNKNOWN` outside 0x01-0x0B). */
  state: TcpStateName;
  /** Full sockets only: retransmit timeout (ticks). */
  rto?: number;
  /** Full sockets only: delayed-ack timeout (ticks). */
  ato?: number;
  /** Full sockets only: `(quick << 1) | pingpong`. */
  quickAck?: number;
  /** Full sockets only: congestion window. */
  cwnd?: number;
  /** Full sockets only: slow-start threshold (`-1` in initial slow start; fastopen max_qlen for listeners). */
  ssthresh?: number;
}

/**
 * One row of `/proc/net/{udp,udp6,udplite,udplite6}`.
 *
 * @example
 * ```ts
 * const [s] = parseUdp(text);
 * s?.state; // 'CLOSE' (unconnected) or 'ESTABLISHED' (connected)
 * ```
 */
export interface UdpSocket extends InetSocketBase {
  table: 'udp' | 'udp6' | 'udplite' | 'udplite6';
  protocol: 'udp' | 'udplite';
  state: DatagramStateName;
  /** Dropped datagrams. */
  drops?: number;
}

/**
 * One row of `/proc/net/raw` or `/proc/net/raw6`. The local "port" is the
 * IP protocol number (1 = ICMP, 58 = ICMPv6).
 *
 * @example
 * ```ts
 * const [s] = parseRaw(text);
 * s?.local.port; // 1
 * ```
 */
export interface RawSocket extends InetSocketBase {
  table: 'raw' | 'raw6';
  protocol: 'raw';
  state: DatagramStateName;
  /** Dropped datagrams. */
  drops?: number;
}

/**
 * One row of `/proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}`: a
 * union discriminated by `protocol` (or `table`). TCP rows have TCP state
 * names and the TCP-only columns; UDP, UDP-Lite and raw rows have
 * {@link DatagramStateName}s and `drops`.
 *
 * @example
 * ```ts
 * const [s]: InetSocket[] = parseTcp(text);
 * s?.local.address; // '127.0.0.1'
 * if (s?.protocol === 'tcp') s.state; // TcpStateName, e.g. 'LISTEN'
 * ```
 */
export type InetSocket = TcpSocket | UdpSocket | RawSocket;

/**
 * UNIX socket type (`Type` column).
 *
 * @example
 * ```ts
 * parseUnix(text).filter((u) => u.type === ('SEQPACKET' satisfies UnixSocketType));
 * ```
 */
export type UnixSocketType = 'STREAM' | 'DGRAM' | 'RAW' | 'RDM' | 'SEQPACKET' | 'UNKNOWN';

/**
 * UNIX socket state (`St` column): socket states, not TCP states.
 *
 * @example
 * ```ts
 * parseUnix(text).filter((u) => u.state === ('CONNECTED' satisfies UnixSocketState));
 * ```
 */
export type UnixSocketState =
  | 'FREE'
  | 'UNCONNECTED'
  | 'CONNECTING'
  | 'CONNECTED'
  | 'DISCONNECTING'
  | 'UNKNOWN';

/**
 * One row of `/proc/net/unix`.
 *
 * @example
 * ```ts
 * const [u]: UnixSocket[] = parseUnix(text);
 * u?.path; // '/run/with space.sock' or '@abstract' or undefined
 * ```
 */
export interface UnixSocket {
  table: 'unix';
  /** Kernel pointer (`Num` column, hashed). */
  pointer: string;
  refCount: number;
  /** Protocol column (always 0). */
  protocol: number;
  /** Raw flags word. */
  flags: number;
  /** True when `__SO_ACCEPTCON` (0x10000) is set: a listening socket. */
  listening: boolean;
  typeCode: number;
  type: UnixSocketType;
  stateCode: number;
  state: UnixSocketState;
  /** Inode, decimal string. */
  inode: string;
  /**
   * Path: everything after the inode and one space, spaces included;
   * abstract names start with `@`. Absent for unnamed sockets.
   */
  path?: string;
  /** True for abstract-namespace names: path starting with `@` (or a raw NUL, as old kernels printed it). */
  abstract: boolean;
  /** The holding process, set by the node readers when asked for processes (see {@link SocketOwner}). */
  owner?: SocketOwner;
  line: number;
}

/**
 * One row of `/proc/net/route` (IPv4 routing table).
 *
 * @example
 * ```ts
 * const [r]: Ipv4Route[] = parseRoute(text);
 * r?.gateway; // '192.0.2.1'
 * ```
 */
export interface Ipv4Route {
  iface: string;
  destination: string;
  gateway: string;
  /** RTF_* flags word (RTF_UP 0x1, RTF_GATEWAY 0x2, RTF_HOST 0x4, ...). */
  flags: number;
  refCount: number;
  use: number;
  metric: number;
  mask: string;
  mtu: number;
  window: number;
  irtt: number;
  /** Any further columns a newer kernel prints, kept verbatim. */
  extra?: string[];
  line: number;
}

/**
 * One row of `/proc/net/ipv6_route`.
 *
 * @example
 * ```ts
 * const [r]: Ipv6Route[] = parseIpv6Route(text);
 * r?.destination; // 'fe80::'
 * ```
 */
export interface Ipv6Route {
  destination: string;
  destinationPrefix: number;
  source: string;
  sourcePrefix: number;
  nextHop: string;
  metric: number;
  refCount: number;
  use: number;
  flags: number;
  iface: string;
  /** Any further columns a newer kernel prints, kept verbatim. */
  extra?: string[];
  line: number;
}

/**
 * One row of `/proc/net/dev`: interface counters.
 *
 * @example
 * ```ts
 * const lo = parseDev(text).find((i: InterfaceCounters) => i.iface === 'lo');
 * lo?.rx.bytes;
 * ```
 */
export interface InterfaceCounters {
  iface: string;
  rx: {
    bytes: number;
    packets: number;
    errs: number;
    drop: number;
    fifo: number;
    frame: number;
    compressed: number;
    multicast: number;
  };
  tx: {
    bytes: number;
    packets: number;
    errs: number;
    drop: number;
    fifo: number;
    colls: number;
    carrier: number;
    compressed: number;
  };
  /** Any further counters a newer kernel prints, kept verbatim. */
  extra?: string[];
  line: number;
}

/**
 * Protocol statistics from `/proc/net/snmp`, `/proc/net/netstat` (pairs of
 * header/value lines per group, e.g. `Tcp:` / `TcpExt:`) or `/proc/net/snmp6`
 * (one `Name value` per line, grouped by prefix `Ip6`, `Icmp6`, `Udp6`, ...).
 * Group and counter names are kept exactly as the kernel prints them; values
 * are numbers (counters can be negative, e.g. `Tcp: MaxConn -1`).
 *
 * @example
 * ```ts
 * const stats: ProtocolStatistics = parseSnmp(text);
 * stats.Tcp?.MaxConn; // -1
 * ```
 */
export type ProtocolStatistics = Record<string, Record<string, number>>;

/**
 * What went wrong with one line, in lenient modes.
 *
 * @example
 * ```ts
 * const issues: ParseIssue[] = [];
 * parseTcp(text, { onInvalidLine: (issue) => issues.push(issue) });
 * ```
 */
export interface ParseIssue {
  /** Machine-readable reason, e.g. `'bad-address'`, `'too-few-fields'`. */
  code: string;
  /** Source name (file path or the name the caller gave). */
  source: string;
  /** 1-based line number. */
  line: number;
  /** The offending line, verbatim. */
  raw: string;
  /** Human-readable: what was expected there. */
  expected: string;
  /** One-line summary including source, line and expectation. */
  message: string;
}

/**
 * How a parser treats a bad line: `'throw'` (default) raises a
 * `ProcNetParseError`; `'skip'` ignores it; a function receives each issue
 * and parsing goes on.
 *
 * @example
 * ```ts
 * const collect: OnInvalidLine = (issue) => console.warn(issue.message);
 * parseUnix(text, { onInvalidLine: collect });
 * ```
 */
export type OnInvalidLine = 'throw' | 'skip' | ((issue: ParseIssue) => void);

/**
 * Options shared by every parser.
 *
 * @example
 * ```ts
 * const options: ParseOptions = { source: 'capture/tcp', onInvalidLine: 'skip', endianness: 'little' };
 * parseTcp(text, options);
 * ```
 */
export interface ParseOptions {
  /** Name used in errors and issues (default: `/proc/net/<table>`). */
  source?: string;
  /** Bad-line policy (default `'throw'`). */
  onInvalidLine?: OnInvalidLine;
  /** Byte order of addresses (default: `'little'` in the pure entry; the node layer passes the host's). */
  endianness?: Endianness;
}

/**
 * A process holding a socket open, as found by scanning `/proc/<pid>/fd`.
 *
 * @example
 * ```ts
 * const holder: SocketProcess = { pid: 459, fd: 3, command: 'nginx' };
 * ```
 */
export interface SocketProcess {
  pid: number;
  /** File descriptor number in that process. */
  fd: number;
  /**
   * Program name as netstat shows it: argv[0] from `/proc/<pid>/cmdline`
   * (basename when it starts with `/`; `comm` when cmdline is empty), with
   * control characters escaped.
   */
  command: string;
}

/**
 * One interface as netstat's `-ie` needs it (socket-formatter's
 * `InterfaceDetails` extends it): a device, or an IPv4 alias label.
 * `readInterfaceDetails` in the `./node` entry gathers them.
 *
 * @example
 * ```ts
 * const lo: InterfaceInfo = { name: 'lo', flags: 0x49, mtu: 65536, hardwareType: 772, hardwareAddress: '00:00:00:00:00:00', txQueueLength: 1000 };
 * ```
 */
export interface InterfaceInfo {
  /** Device name, or an IPv4 label (`eth0:1`). */
  name: string;
  /** `IFF_*` flags as `SIOCGIFFLAGS` reports them: sysfs `flags` plus RUNNING (up, operstate up or unknown). */
  flags: number;
  /** `SIOCGIFMTU` (`/sys/class/net/<name>/mtu`). */
  mtu: number;
  /** `ARPHRD_*` (`/sys/class/net/<name>/type`: 1 Ethernet, 772 loopback, 65534 none, ...). */
  hardwareType: number;
  /** Hardware address as sysfs prints it (`02:00:5e:10:00:01`, `''` for none). */
  hardwareAddress?: string;
  /** `SIOCGIFTXQLEN` (`/sys/class/net/<name>/tx_queue_len`); absent: netstat's "unknown". */
  txQueueLength?: number;
  /** The interface's (first) IPv4 address, when one was found (see `readInterfaceDetails`). */
  ipv4?: {
    address: string;
    netmask: string;
    /** Printed when the BROADCAST flag is set; `'0.0.0.0'` when none is configured. */
    broadcast?: string;
    /** Peer address, printed when the POINTOPOINT flag is set. */
    destination?: string;
  };
  /** The `net/dev` row (absent for alias labels, which netstat prints without counters). */
  counters?: InterfaceCounters;
}
