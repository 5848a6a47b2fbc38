/**
 * netstat 2.10's "Active Internet connections" table: the heading, the
 * column header, and each column's text (host, port, state, timer,
 * program) as netstat prints it.
 *
 * @module
 */

import {
  datagramStateName,
  escapeControlCharacters,
  INET_TABLES,
  type InetSocket,
  type InetTableName,
  type SocketProcess,
  TIMER_KINDS,
  tcpStateName,
} from '@netintro/procnet-reader';
import { type NetstatFlags, type ResolvedFlags, resolveFlags } from './flags.js';
import { ipv6Bytes, type Resolvers } from './resolvers.js';
import { byteLength, cutEscaped, escapeText, padRight } from './text.js';

/**
 * Options that are not netstat flags.
 *
 * @example
 * ```ts
 * formatInetTable(sockets, { timers: true }, {}, { clockTicks: 100 });
 * ```
 */
export interface FormatOptions {
  /**
   * Clock ticks per second (`sysconf(_SC_CLK_TCK)`), used by netstat to turn
   * TCP timer ticks into seconds. Default 100. UDP and raw timers are always
   * divided by 100, as netstat does.
   */
  clockTicks?: number;
}

/** Width of the address columns when not `-W`, and netstat's cut length. */
const ADDRESS_WIDTH = 23;
const SHORT_LEN = 22;

/**
 * netstat prints tables in this order: tcp, udp, udplite, raw, each IPv4
 * then IPv6. The same list as `INET_TABLES` of `@netintro/procnet-reader`.
 *
 * @example
 * ```ts
 * INET_TABLE_ORDER[1]; // 'tcp6'
 * ```
 */
export const INET_TABLE_ORDER: readonly InetTableName[] = INET_TABLES;

const PROTO_LABEL: Record<InetTableName, string> = {
  tcp: 'tcp',
  tcp6: 'tcp6',
  udp: 'udp',
  udp6: 'udp6',
  udplite: 'udpl',
  udplite6: 'udpl6',
  raw: 'raw',
  raw6: 'raw6',
};

/**
 * The heading netstat prints above a socket table: `Active Internet
 * connections` / `Active UNIX domain sockets` plus `(servers and
 * established)` with `-a`, `(only servers)` with `-l`, `(w/o servers)`
 * otherwise.
 *
 * @example
 * ```ts
 * activeHeading('Internet connections', { listening: true }); // 'Active Internet connections (only servers)'
 * ```
 */
export function activeHeading(what: string, flags: NetstatFlags = {}): string {
  const suffix = flags.all
    ? 'servers and established'
    : flags.listening
      ? 'only servers'
      : 'w/o servers';
  return `Active ${what} (${suffix})`;
}

/**
 * The column header line of the Internet table for the given flags
 * (`-e` adds User and Inode, `-p` PID/Program name, `-o` Timer), with
 * netstat's trailing spaces.
 *
 * @example
 * ```ts
 * inetColumnHeader({ program: true });
 * // 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    '
 * ```
 */
export function inetColumnHeader(flags: NetstatFlags = {}): string {
  let h = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
  if (flags.extend) h += ' User       Inode     ';
  if (flags.program) h += ' PID/Program name    ';
  if (flags.timers) h += ' Timer';
  return h;
}

/**
 * Whether netstat counts the socket as a "server": TCP by remote port 0,
 * UDP, UDP-Lite and raw by an all-zero remote address.
 *
 * @example
 * ```ts
 * isServerSocket(socket); // true for a LISTEN socket (remote port 0)
 * ```
 */
export function isServerSocket(s: InetSocket): boolean {
  if (s.protocol === 'tcp') return s.remote.port === 0;
  return /^0*$/.test(s.remote.addressHex) || isZeroAddress(s.remote.address);
}

function isZeroAddress(a: string): boolean {
  return a === '0.0.0.0' || a === '::';
}

/**
 * Whether `flags` select the socket: its protocol (`-t -u -U -w`), family
 * (`-4 -6`) and the servers rule (`-a`, `-l`, default).
 *
 * @example
 * ```ts
 * inetSocketSelected(listenSocket, { tcp: true }); // false: default hides servers
 * inetSocketSelected(listenSocket, { tcp: true, listening: true }); // true
 * ```
 */
export function inetSocketSelected(s: InetSocket, flags: NetstatFlags | ResolvedFlags): boolean {
  const r = resolveFlags(flags);
  if (!r[s.protocol]) return false;
  if (s.family === 4 ? !r.inet4 : !r.inet6) return false;
  if (r.all) return true;
  return isServerSocket(s) === r.listening;
}

/**
 * IPv6 text as glibc's `inet_ntop` writes it, which netstat prints: RFC 5952
 * except that an address whose first six groups are zero (and which is not
 * `::` or `::1`-like with a zero seventh group) ends in dotted IPv4
 * (`::10.0.0.1`, `::255.255.255.255`), as does `::ffff:a.b.c.d`.
 *
 * @example
 * ```ts
 * inetNtop6('::a00:1'); // '::10.0.0.1'
 * inetNtop6('2001:db8::1'); // '2001:db8::1'
 * ```
 */
export function inetNtop6(address: string): string {
  // Only an address starting with a zero run can take the dotted form.
  if (!address.startsWith('::')) return address;
  const w = ipv6Bytes(address);
  if (!w) return address;
  let zeros = 0;
  while (zeros < 8 && w[zeros] === 0) zeros++;
  if (zeros === 6 || (zeros === 5 && w[5] === 0xffff)) {
    const v4 = `${w[6]! >> 8}.${w[6]! & 0xff}.${w[7]! >> 8}.${w[7]! & 0xff}`;
    return zeros === 6 ? `::${v4}` : `::ffff:${v4}`;
  }
  return address;
}

/**
 * The host part netstat prints: wildcards as `0.0.0.0` and `[::]` (`::`
 * with numeric hosts), IPv4-mapped IPv6 as plain IPv4 (never resolved),
 * otherwise the resolved name or the address.
 *
 * @example
 * ```ts
 * hostText('::', 6, false); // '[::]'
 * hostText('::ffff:127.0.0.1', 6, false, { hosts: () => 'localhost' }); // '127.0.0.1'
 * ```
 */
export function hostText(
  address: string,
  family: 4 | 6,
  numericHosts: boolean,
  resolvers: Resolvers = {},
): string {
  return resolvedHost(hostPlan(address, family, numericHosts), address, family, resolvers);
}

/** What {@link hostText} shows before any lookup, and which database may name the address instead. */
interface HostPlan {
  text: string;
  ask: 'hosts' | 'networks' | undefined;
}

function hostPlan(address: string, family: 4 | 6, numericHosts: boolean): HostPlan {
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return { text: mapped[1] as string, ask: undefined };
    if (address === '::') return { text: numericHosts ? '::' : '[::]', ask: undefined };
    return { text: inetNtop6(address), ask: numericHosts ? undefined : 'hosts' };
  }
  if (address === '0.0.0.0' || numericHosts) return { text: address, ask: undefined };
  // netstat's host-or-network test looks at the first octet on little-endian
  // machines: 0.x.y.z goes to getnetbyaddr (`networks`), never to the hosts database.
  return { text: address, ask: address.startsWith('0.') ? 'networks' : 'hosts' };
}

function resolvedHost(
  plan: HostPlan,
  address: string,
  family: 4 | 6,
  resolvers: Resolvers,
): string {
  if (plan.ask === undefined) return plan.text;
  const name =
    plan.ask === 'hosts' ? resolvers.hosts?.(address, family) : resolvers.networks?.(address);
  return escapeName(name) ?? plan.text;
}

/** A name from a file or a name service, made safe for a terminal (see escapeText). */
function escapeName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : escapeText(name);
}

/**
 * The port part netstat prints: `*` for 0, else the service name (raw
 * sockets: the IP protocol name) unless numeric ports were asked for.
 *
 * @example
 * ```ts
 * portText(0, 'tcp', false); // '*'
 * portText(22, 'tcp', false, { services: () => 'ssh' }); // 'ssh'
 * portText(1, 'raw', false, { protocols: () => 'icmp' }); // 'icmp'
 * ```
 */
export function portText(
  port: number,
  protocol: InetSocket['protocol'],
  numericPorts: boolean,
  resolvers: Resolvers = {},
): string {
  if (port === 0) return '*';
  if (numericPorts) return String(port);
  const name =
    protocol === 'raw'
      ? (resolvers.protocols?.(port) ?? resolvers.services?.(port, 'raw'))
      : resolvers.services?.(port, protocol === 'tcp' ? 'tcp' : 'udp');
  return name === undefined ? String(port) : escapeText(name);
}

/**
 * netstat's `host:port` column text with its cut rule: without `-W`, when
 * host and port together exceed 22 characters, keep at most 18 of the port
 * and fill up to 22 with the start of the host (`economy.canonical.:http`).
 *
 * @example
 * ```ts
 * addressColumn('economy.canonical.example.com', 'http', false); // 'economy.canonical.:http'
 * addressColumn('localhost', 'ssh', false); // 'localhost:ssh'
 * ```
 */
export function addressColumn(host: string, port: string, wide: boolean): string {
  if (wide) return `${host}:${port}`;
  // netstat counts bytes (strlen); the cut never splits a character or an escape.
  const hostBytes = byteLength(host);
  const portBytes = byteLength(port);
  if (hostBytes + portBytes > SHORT_LEN) {
    const portLen = Math.min(portBytes, SHORT_LEN - 4);
    return `${cutEscaped(host, SHORT_LEN - portLen)}:${cutEscaped(port, portLen)}`;
  }
  return `${host}:${port}`;
}

/**
 * The State column: TCP names (`UNKNOWN` for codes netstat cannot name; it
 * would print a neighbouring string), UDP/UDP-Lite `ESTABLISHED`, blank for
 * unconnected (7) or `UNKNOWN`, raw sockets the bare number.
 *
 * @example
 * ```ts
 * stateText({ protocol: 'udp', stateCode: 7 }); // ''
 * stateText({ protocol: 'raw', stateCode: 7 }); // '7'
 * ```
 */
export function stateText(s: Pick<InetSocket, 'protocol' | 'stateCode'>): string {
  if (s.protocol === 'tcp') return tcpStateName(s.stateCode);
  if (s.protocol === 'raw') return String(s.stateCode);
  return s.stateCode === 7 ? '' : datagramStateName(s.stateCode);
}

/**
 * The `-o` Timer text: `off (0.00/0/0)`, `on (10.28/9/0)`,
 * `keepalive (7142.74/0/0)`, `timewait (54.99/0/0)`, `probe (0.12/3/2)`;
 * UDP and raw print `on1`/`on2` and divide by 100; other codes `unkn-N`.
 * UDP and UDP-Lite rows always show 0 retransmits: netstat resets the
 * value, whatever the file holds.
 *
 * @example
 * ```ts
 * timerText({ protocol: 'tcp', timerCode: 2, timerTicks: 714274, retransmits: 0, timeout: 0 });
 * // 'keepalive (7142.74/0/0)'
 * ```
 */
export function timerText(
  s: Pick<InetSocket, 'protocol' | 'timerCode' | 'timerTicks' | 'retransmits' | 'timeout'>,
  options: FormatOptions = {},
): string {
  // netstat sets retr to 0 for UDP and UDP-Lite rows whatever the file says.
  const tail = `/${s.protocol === 'udp' ? 0 : s.retransmits}/${s.timeout})`;
  if (s.timerCode === 0) return `off (0.00${tail}`;
  const hz = s.protocol === 'tcp' ? (options.clockTicks ?? 100) : 100;
  const secs = `(${(s.timerTicks / hz).toFixed(2)}${tail}`;
  if (s.protocol === 'tcp') {
    const name = TIMER_KINDS[s.timerCode];
    return name ? `${name} ${secs}` : `unkn-${s.timerCode} ${secs}`;
  }
  return s.timerCode === 1 || s.timerCode === 2
    ? `on${s.timerCode} ${secs}`
    : `unkn-${s.timerCode} ${secs}`;
}

/**
 * The `-p` column text: `pid/program` cut to 19 bytes, `-` when unknown.
 * Control characters in the name print as `\xHH` (CVE-2024-58251). The
 * command is taken in the form `@netintro/procnet-reader` gives it
 * (control characters as `\xHH`, a backslash as `\\`), and the cut never
 * ends inside such an escape: `12345/aaaaaaaa\\` rather than
 * `12345/aaaaaaaa\\\x1`.
 *
 * @example
 * ```ts
 * programText({ pid: 459, fd: 3, command: 'a-really-long-program' }); // '459/a-really-long-p'
 * programText(undefined); // '-'
 * ```
 */
export function programText(p: { pid: number; command: string } | undefined): string {
  if (!p) return '-';
  // Cut like netstat, but never through an escape (`\\`, `\xHH`) or a character.
  return cutEscaped(`${p.pid}/${escapeControlCharacters(p.command, { backslash: false })}`, 19);
}

/**
 * Formats one row of the Internet table exactly as netstat 2.10 prints it
 * (without the newline). The caller decides whether the row is selected
 * ({@link inetSocketSelected}). For many rows, {@link createInetRowFormatter}
 * does the same work once per table instead of once per row.
 *
 * @example
 * ```ts
 * formatInetRow(listenSocket, { numeric: true });
 * // 'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN     '
 * ```
 */
export function formatInetRow(
  s: InetSocket,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: FormatOptions = {},
): string {
  return createInetRowFormatter(flags, resolvers, options)(s);
}

/** Runs of spaces, for padding without allocating. */
const SPACES: string[] = [];
for (let n = 0; n <= 64; n++) SPACES.push(' '.repeat(n));

/** True when every character of `s` is ASCII (so its length is its byte length). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** `%-<width>s` for text known to be ASCII. */
function padAscii(s: string, width: number): string {
  return s.length >= width ? s : s + (SPACES[width - s.length] as string);
}

/** `%<width>d` for a number. */
function padNumber(n: number, width: number): string {
  const t = String(n);
  return t.length >= width ? t : (SPACES[width - t.length] as string) + t;
}

/** Entries kept per address cache before it starts afresh (bounds memory on huge tables). */
const HOST_CACHE_LIMIT = 4096;

/**
 * A row formatter for one table listing: the same text as
 * {@link formatInetRow}, with the flags resolved, the fixed columns padded
 * and the address texts that do not depend on `resolvers` cached once, not
 * per row. Resolvers are still asked on every row, so answers that arrive
 * between rows (a DNS cache filling) show as they would with formatInetRow.
 *
 * @example
 * ```ts
 * const row = createInetRowFormatter({ numeric: true });
 * const text = sockets.map((s) => `${row(s)}\n`).join('');
 * ```
 */
export function createInetRowFormatter(
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: FormatOptions = {},
): (s: InetSocket) => string {
  const f = resolveFlags(flags);
  const numericHosts = f.numericHosts;
  const numericPorts = f.numericPorts;
  const wide = f.wide;
  // What a host column shows before any lookup: cached per IPv6 address
  // (mapped IPv4, wildcard, inet_ntop form); IPv4 needs no work.
  const v6Plans = new Map<string, HostPlan>();
  const host = (address: string, family: 4 | 6): string => {
    let plan: HostPlan | undefined;
    if (family === 6) {
      plan = v6Plans.get(address);
      if (plan === undefined) {
        plan = hostPlan(address, 6, numericHosts);
        if (v6Plans.size >= HOST_CACHE_LIMIT) v6Plans.clear();
        v6Plans.set(address, plan);
      }
    } else {
      if (numericHosts) return address;
      plan = hostPlan(address, 4, false);
    }
    return resolvedHost(plan, address, family, resolvers);
  };
  const port = (n: number, protocol: InetSocket['protocol']): string =>
    n === 0 ? '*' : numericPorts ? String(n) : portText(n, protocol, false, resolvers);
  // Numbers and wildcards only: the column is ASCII.
  const asciiOnly = numericHosts && numericPorts;
  const column = (h: string, p: string): string => {
    const text = addressColumn(h, p, wide);
    return asciiOnly || isAscii(text)
      ? padAscii(text, ADDRESS_WIDTH)
      : padRight(text, ADDRESS_WIDTH);
  };
  const label = new Map<string, string>();
  for (const [table, text] of Object.entries(PROTO_LABEL)) label.set(table, padRight(text, 5));
  // The padded State column per protocol kind and code, made once.
  const states = new Map<number, string>();
  const state = (s: InetSocket): string => {
    const key = (s.protocol === 'tcp' ? 0 : s.protocol === 'raw' ? 256 : 512) + s.stateCode;
    let text = states.get(key);
    if (text === undefined) {
      text = padAscii(stateText(s), 11);
      states.set(key, text);
    }
    return text;
  };
  const extend = f.extend > 0;
  const numericUsers = f.numericUsers;
  const users = resolvers.users;
  const program = f.program;
  const processes = resolvers.processes;
  const programs = new Map<number, { command: string; text: string }>();
  const programColumn = (p: SocketProcess | undefined): string => {
    if (p === undefined) return padAscii('-', 20);
    const hit = programs.get(p.pid);
    if (hit !== undefined && hit.command === p.command) return hit.text;
    const text = padRight(programText(p), 20);
    if (programs.size >= HOST_CACHE_LIMIT) programs.clear();
    programs.set(p.pid, { command: p.command, text });
    return text;
  };
  const timers = f.timers;
  return (s: InetSocket): string => {
    const tag = label.get(s.table) ?? padRight(s.table, 5);
    let row =
      `${tag} ${padNumber(s.rxQueue, 6)} ${padNumber(s.txQueue, 6)} ` +
      `${column(host(s.local.address, s.family), port(s.local.port, s.protocol))} ` +
      `${column(host(s.remote.address, s.family), port(s.remote.port, s.protocol))} ` +
      state(s);
    if (extend) {
      // netstat prints the uid with %d: 4294967294 shows as -2.
      const uid = String(s.uid | 0);
      const user = numericUsers ? uid : (escapeName(users?.(s.uid)) ?? uid);
      row += ` ${padRight(user, 10)} ${padRight(s.inode, 10)}`;
    }
    if (program) {
      row += ` ${programColumn(s.inode === '0' ? undefined : processes?.(s.inode))}`;
    }
    if (timers) row += ` ${timerText(s, options)}`;
    return row;
  };
}

/**
 * Sorts sockets into netstat's table order (tcp, tcp6, udp, udp6, udplite,
 * udplite6, raw, raw6), keeping file order inside each table.
 *
 * @example
 * ```ts
 * sortInetSockets([udpSocket, tcpSocket]); // [tcpSocket, udpSocket]
 * ```
 */
export function sortInetSockets<T extends Pick<InetSocket, 'table'>>(sockets: readonly T[]): T[] {
  const rank = (t: InetTableName) => INET_TABLE_ORDER.indexOf(t);
  let sorted = true;
  for (let i = 1; i < sockets.length && sorted; i++) {
    if (rank(sockets[i - 1]!.table) > rank(sockets[i]!.table)) sorted = false;
  }
  if (sorted) return sockets.slice();
  return sockets
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s.table) - rank(b.s.table) || a.i - b.i)
    .map((x) => x.s);
}

/**
 * The whole "Active Internet connections" section: heading, column header
 * and the selected rows in netstat's order, each line ending in `\n`.
 *
 * @example
 * ```ts
 * import { parseProcNet } from '@netintro/procnet-reader';
 * const sockets = parseProcNet('tcp', tcpText);
 * process.stdout.write(formatInetTable(sockets, { all: true, tcp: true, numeric: true }));
 * // Active Internet connections (servers and established)
 * // Proto Recv-Q Send-Q Local Address           Foreign Address         State
 * // tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN
 * ```
 */
export function formatInetTable(
  sockets: readonly InetSocket[],
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: FormatOptions = {},
): string {
  const f = resolveFlags(flags);
  const lines = [activeHeading('Internet connections', f), inetColumnHeader(f)];
  const row = createInetRowFormatter(f, resolvers, options);
  for (const s of sortInetSockets(sockets)) {
    if (inetSocketSelected(s, f)) lines.push(row(s));
  }
  lines.push('');
  return lines.join('\n');
}
