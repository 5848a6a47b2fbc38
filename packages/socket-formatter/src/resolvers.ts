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
 * Parses `/etc/hosts` text: `address name [aliases...]`, `#` comments, blank
 * lines. Lines whose first field is not an IPv4 dotted quad or an IPv6
 * address, or that have no name, are skipped (as glibc skips them).
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
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = stripComment(lines[i]!)
      .split(/[ \t\r]+/)
      .filter(Boolean);
    const [address, name, ...aliases] = fields;
    if (!address || !name) continue;
    const family = ipv4Bytes(address) ? 4 : ipv6Bytes(address) ? 6 : undefined;
    if (!family) continue;
    out.push({ address, family, name, aliases, line: i + 1 });
  }
  return out;
}

/**
 * Builds a `hosts` resolver from `/etc/hosts` text with glibc's reverse
 * lookup rule: the first line with an equal address gives its first name.
 * IPv6 addresses compare by value (`2001:db8::5` equals `2001:0db8:0:0::5`).
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
 * [aliases]`), padding short numbers as glibc does (`loopback 127` is
 * 127.0.0.0); the first entry for a number wins.
 *
 * @example
 * ```ts
 * const networks = networksResolverFromText('link-local 169.254.0.0\nloopback 127\n');
 * networks('127.0.0.0'); // 'loopback'
 * networks('10.0.0.0'); // undefined
 * ```
 */
export function networksResolverFromText(text: string): (address: string) => string | undefined {
  const byAddress = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [name, num] = stripComment(line)
      .split(/[ \t\r]+/)
      .filter(Boolean);
    if (!name || !num) continue;
    const parts = num.split('.');
    while (parts.length < 4) parts.push('0');
    const key = parts.join('.');
    if (ipv4Bytes(key) && !byAddress.has(key)) byAddress.set(key, name);
  }
  return (address) => byAddress.get(address);
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

function addressKey(address: string): string | undefined {
  const v4 = ipv4Bytes(address);
  if (v4) return `4:${v4.join('.')}`;
  const v6 = ipv6Bytes(address);
  if (v6) return `6:${v6.join(',')}`;
  return undefined;
}

/**
 * Dotted-quad IPv4 to 4 bytes, or `undefined`.
 *
 * @example
 * ```ts
 * ipv4Bytes('192.0.2.1'); // [192, 0, 2, 1]
 * ipv4Bytes('300.1.1.1'); // undefined
 * ```
 */
export function ipv4Bytes(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
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
