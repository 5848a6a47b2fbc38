/**
 * Name resolution for the formatter: plain synchronous callbacks the caller
 * builds (from `/etc/hosts` text, a services db, `/etc/protocols`,
 * `/etc/passwd`, a DNS cache, ...). The formatter never reads the system.
 *
 * @packageDocumentation
 */

import type { SocketProcess } from '@netintro/procnet-reader';

/**
 * Callbacks that turn numbers into names. Each may return `undefined` for
 * "no name": the number is printed, as netstat does.
 *
 * @example
 * ```ts
 * const resolvers: Resolvers = {
 *   hosts: hostsResolverFromText(etcHosts),
 *   services: servicesResolverFromDb(createServicesDb(parseServices(etcServices), { match: 'last' })),
 *   users: (uid) => (uid === 0 ? 'root' : undefined),
 * };
 * ```
 */
export interface Resolvers {
  /**
   * Host name for an address (`127.0.0.1`, `::1`). Not called for wildcards,
   * IPv4-mapped IPv6 addresses, `0.x.y.z` addresses (netstat looks those up
   * as networks) or with `numericHosts`.
   */
  hosts?: (address: string, family: 4 | 6) => string | undefined;
  /**
   * Service name for a port. `protocol` is `tcp`, `udp` (also for UDP-Lite:
   * netstat looks those up as udp) or `raw`. Never called for port 0.
   */
  services?: (port: number, protocol: 'tcp' | 'udp' | 'raw') => string | undefined;
  /** IP protocol name for a raw socket's protocol number (`1` is `icmp`). Tried before `services`. */
  protocols?: (protocol: number) => string | undefined;
  /**
   * Network name for an IPv4 network address (netstat's `getnetbyaddr`,
   * `/etc/networks`): used for network routes in `-r` and for `0.x.y.z`
   * socket addresses.
   */
  networks?: (address: string) => string | undefined;
  /** User name for a uid (`-e`). */
  users?: (uid: number) => string | undefined;
  /** The process holding a socket inode (`-p`); `undefined` prints `-`. */
  processes?: (inode: string) => SocketProcess | undefined;
}

/**
 * One line of `/etc/hosts`.
 *
 * @example
 * ```ts
 * const [entry] = parseHosts('127.0.0.1 localhost\n');
 * entry?.name; // 'localhost'
 * ```
 */
export interface HostsEntry {
  /** The address as written. */
  address: string;
  /** 4 or 6. */
  family: 4 | 6;
  /** Canonical name (the first name on the line), what reverse lookups return. */
  name: string;
  /** Further names. */
  aliases: string[];
  /** 1-based line number. */
  line: number;
}

/**
 * Parses `/etc/hosts` text as glibc 2.36 does: `address [name [aliases...]]`,
 * `#` starts a comment anywhere, fields are separated by any C whitespace
 * (space, tab, `\v`, `\f`, `\r`). The address must be what `inet_pton`
 * accepts: IPv6, or a strict IPv4 dotted quad (`010.0.0.1` and `1.2.3` are
 * not addresses: the line is skipped). A line with an address and no name
 * gives the empty name, as glibc does.
 *
 * @example
 * ```ts
 * parseHosts('127.0.0.1 localhost loopback\n::1 ip6-localhost\n');
 * // [{ address: '127.0.0.1', family: 4, name: 'localhost', aliases: ['loopback'], line: 1 },
 * //  { address: '::1', family: 6, name: 'ip6-localhost', aliases: [], line: 2 }]
 * ```
 */
export function parseHosts(text: string): HostsEntry[] {
  const out: HostsEntry[] = [];
  const lines = glibcLines(text);
  for (let i = 0; i < lines.length; i++) {
    const fields = stripComment(lines[i]!).split(C_SPACE).filter(Boolean);
    const [address, name = '', ...aliases] = fields;
    if (!address) continue;
    const family = ipv6Bytes(address) ? 6 : ipv4Bytes(address) ? 4 : undefined;
    if (!family) continue;
    out.push({ address, family, name, aliases, line: i + 1 });
  }
  return out;
}

/** C's isspace in the C locale. */
const C_SPACE = /[ \t\n\v\f\r]+/;

/**
 * Builds a `hosts` resolver from `/etc/hosts` text with glibc's reverse
 * lookup rule: the first line with an equal address gives its first name.
 * IPv6 addresses compare by value (`2001:db8::5` equals `2001:0db8:0:0::5`);
 * an IPv4-mapped line (`::ffff:10.0.0.4 name`) answers for the IPv4
 * address, as in glibc. Checked against `getent hosts` in a test.
 *
 * @example
 * ```ts
 * const hosts = hostsResolverFromText('127.0.0.1 localhost\n127.0.0.1 other\n');
 * hosts('127.0.0.1', 4); // 'localhost'
 * hosts('10.0.0.1', 4); // undefined
 * ```
 */
export function hostsResolverFromText(
  text: string,
): (address: string, family: 4 | 6) => string | undefined {
  const byKey = new Map<string, string>();
  for (const entry of parseHosts(text)) {
    // glibc treats an IPv4-mapped IPv6 line as that IPv4 address.
    const key = addressKey(entry.address);
    if (key && !byKey.has(key)) byKey.set(key, entry.name);
  }
  return (address) => {
    const key = addressKey(address);
    return key ? byKey.get(key) : undefined;
  };
}

/**
 * The part of a services db the formatter needs (`@netintro/services-parser` db fits).
 *
 * @example
 * ```ts
 * const db: ServicesLookup = { byPort: (port) => (port === 22 ? { name: 'ssh' } : undefined) };
 * ```
 */
export interface ServicesLookup {
  byPort(port: number, protocol?: string): { name: string } | undefined;
}

/**
 * Adapts a services db (for example `createServicesDb(entries, { match: 'last' })`
 * from `@netintro/services-parser`, which imitates netstat's last-match rule)
 * into a `services` resolver.
 *
 * @example
 * ```ts
 * const services = servicesResolverFromDb({
 *   byPort: (port, protocol) => (port === 22 && protocol === 'tcp' ? { name: 'ssh' } : undefined),
 * });
 * services(22, 'tcp'); // 'ssh'
 * services(22, 'udp'); // undefined
 * ```
 */
export function servicesResolverFromDb(
  db: ServicesLookup,
): (port: number, protocol: 'tcp' | 'udp' | 'raw') => string | undefined {
  return (port, protocol) => db.byPort(port, protocol)?.name;
}

/**
 * One line of `/etc/protocols`.
 *
 * @example
 * ```ts
 * const [icmp] = parseProtocols('icmp 1 ICMP\n');
 * icmp?.number; // 1
 * ```
 */
export interface ProtocolEntry {
  name: string;
  number: number;
  aliases: string[];
  line: number;
}

/**
 * Parses `/etc/protocols` text: `name number [aliases...]`, `#` comments.
 * Lines without a decimal number are skipped.
 *
 * @example
 * ```ts
 * parseProtocols('icmp 1 ICMP # internet control message protocol\n');
 * // [{ name: 'icmp', number: 1, aliases: ['ICMP'], line: 1 }]
 * ```
 */
export function parseProtocols(text: string): ProtocolEntry[] {
  const out: ProtocolEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const [name, num, ...aliases] = stripComment(lines[i]!)
      .split(/[ \t\r]+/)
      .filter(Boolean);
    if (!name || !num || !/^\d+$/.test(num)) continue;
    out.push({ name, number: Number(num), aliases, line: i + 1 });
  }
  return out;
}

/**
 * Builds a `protocols` resolver from `/etc/protocols` text. netstat collects
 * the file into a list it searches newest-first, so the **last** entry for a
 * number wins (`match: 'last'`, the default); `getprotobynumber` returns the
 * first (`match: 'first'`).
 *
 * @example
 * ```ts
 * const protocols = protocolsResolverFromText('icmp 1 ICMP\nipv6-icmp 58 IPv6-ICMP\n');
 * protocols(58); // 'ipv6-icmp'
 * protocols(255); // undefined
 * ```
 */
export function protocolsResolverFromText(
  text: string,
  options: { match?: 'first' | 'last' } = {},
): (protocol: number) => string | undefined {
  const byNumber = new Map<number, string>();
  for (const e of parseProtocols(text)) {
    if (options.match === 'first' && byNumber.has(e.number)) continue;
    byNumber.set(e.number, e.name);
  }
  return (n) => byNumber.get(n);
}

/**
 * Builds a `users` resolver from `/etc/passwd` text (`name:x:uid:...`); the
 * first line for a uid wins, as with `getpwuid` on the files backend.
 *
 * @example
 * ```ts
 * const users = usersResolverFromPasswd('root:x:0:0:root:/root:/bin/sh\n');
 * users(0); // 'root'
 * users(1000); // undefined
 * ```
 */
export function usersResolverFromPasswd(text: string): (uid: number) => string | undefined {
  const byUid = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (!name || uid === undefined || !/^\d+$/.test(uid)) continue;
    if (!byUid.has(Number(uid))) byUid.set(Number(uid), name);
  }
  return (uid) => byUid.get(uid);
}

/**
 * Builds a `networks` resolver from `/etc/networks` text (`name number
 * [aliases]`) as glibc 2.36 reads it: the number is completed to four parts
 * with `.0` (`loopback 127` is 127.0.0.0) and read by `inet_network`, so
 * each part may be decimal, octal with a leading `0` (`012.1` is 10.1.0.0)
 * or hex with `0x` (`0x0a` is 10.0.0.0); a number glibc cannot read counts
 * as 255.255.255.255, as in glibc. The first entry for a number wins.
 * Checked against `getent networks` in a test.
 *
 * @example
 * ```ts
 * const networks = networksResolverFromText('link-local 169.254.0.0\nloopback 127\nten 0x0a\n');
 * networks('127.0.0.0'); // 'loopback'
 * networks('10.0.0.0'); // 'ten'
 * networks('192.168.0.0'); // undefined
 * ```
 */
export function networksResolverFromText(text: string): (address: string) => string | undefined {
  const byAddress = new Map<string, string>();
  for (const line of glibcLines(text)) {
    const fields = stripComment(line).split(C_SPACE).filter(Boolean);
    const name = fields[0];
    if (name === undefined) continue;
    let number = fields[1] ?? '';
    const dots = Math.min(3, number.split('.').length - 1);
    for (let n = dots + 1; n < 4; n++) number += '.0';
    const value = inetNetwork(number);
    const key = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
    if (!byAddress.has(key)) byAddress.set(key, name);
  }
  return (address) => byAddress.get(address);
}

/** glibc's inet_network: 0xFFFFFFFF when the text is not a network number. */
function inetNetwork(text: string): number {
  const NONE = 0xffffffff;
  const parts: number[] = [];
  let i = 0;
  for (;;) {
    let value = 0;
    let base = 10;
    let digit = false;
    if (text[i] === '0') {
      digit = true;
      base = 8;
      i++;
    }
    if (text[i] === 'x' || text[i] === 'X') {
      digit = false;
      base = 16;
      i++;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (base === 8 && c >= 56) return NONE;
        value = (value * base + (c - 48)) >>> 0;
      } else if (base === 16 && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
        value = ((value << 4) + ((c | 32) - 87)) >>> 0;
      } else break;
      digit = true;
    }
    if (!digit || parts.length >= 4 || value > 255) return NONE;
    parts.push(value);
    if (text[i] === '.') {
      i++;
      continue;
    }
    if (i < text.length) return NONE;
    break;
  }
  let value = 0;
  for (const part of parts) value = ((value << 8) | part) >>> 0;
  return value;
}

/**
 * Lines as glibc's nss_files reader sees them. Its one quirk: when the last
 * line has no newline and starts with whitespace, the line is shifted left
 * over that whitespace without moving its end, so its last characters repeat
 * once per whitespace character (`' 10.0.0.1 abcd'` reads as
 * `'10.0.0.1 abcdd'`; glibc 2.36, seen with getent).
 */
function glibcLines(text: string): string[] {
  const lines = text.split('\n');
  const last = lines.length - 1;
  const tail = lines[last]!;
  const lead = /^[ \t\v\f\r]*/.exec(tail)![0].length;
  if (lead > 0 && lead < tail.length) {
    lines[last] = tail.slice(lead) + tail.slice(tail.length - lead);
  }
  return lines;
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

function addressKey(address: string): string | undefined {
  const v6 = ipv6Bytes(address);
  if (v6) {
    const mapped = v6.slice(0, 6).join(',') === '0,0,0,0,0,65535';
    if (!mapped) return `6:${v6.join(',')}`;
    return `4:${v6[6]! >> 8}.${v6[6]! & 255}.${v6[7]! >> 8}.${v6[7]! & 255}`;
  }
  const v4 = ipv4Bytes(address);
  if (v4) return `4:${v4.join('.')}`;
  return undefined;
}

/**
 * Dotted-quad IPv4 to 4 bytes, or `undefined`, as `inet_pton` reads it:
 * four decimal parts up to 255, no leading zeros.
 *
 * @example
 * ```ts
 * ipv4Bytes('192.0.2.1'); // [192, 0, 2, 1]
 * ipv4Bytes('300.1.1.1'); // undefined
 * ipv4Bytes('010.0.0.1'); // undefined
 * ```
 */
export function ipv4Bytes(text: string): number[] | undefined {
  const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/**
 * IPv6 text (with `::` and an optional dotted-quad tail) to 8 groups, or `undefined`.
 *
 * @example
 * ```ts
 * ipv6Bytes('2001:db8::5'); // [0x2001, 0xdb8, 0, 0, 0, 0, 0, 5]
 * ```
 */
export function ipv6Bytes(text: string): number[] | undefined {
  let s = text.toLowerCase();
  const tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  if (dotted) {
    const b = ipv4Bytes(dotted[2]!);
    if (!b) return undefined;
    tail.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
    s = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const parts = s.split('::');
  if (parts.length > 2) return undefined;
  const group = (p: string): number[] | undefined => {
    if (p === '') return [];
    const out: number[] = [];
    for (const g of p.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = group(parts[0]!);
  if (!head) return undefined;
  if (parts.length === 1) {
    const all = [...head, ...tail];
    return all.length === 8 ? all : undefined;
  }
  const rest = group(parts[1]!);
  if (!rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}
