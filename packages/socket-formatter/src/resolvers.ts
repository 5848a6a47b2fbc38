/**
 * Name resolution for the formatter: plain synchronous callbacks the caller
 * builds (from `/etc/hosts`, `/etc/networks` and `/etc/protocols` entries
 * that `@netintro/procnet-reader` parses, a services db, a DNS cache, ...).
 * The formatter never reads the system and parses no files.
 *
 * @module
 */

import { parseIpv4Bytes, parseIpv6Bytes, type SocketProcess } from '@netintro/procnet-reader';

/**
 * Callbacks that turn numbers into names. Each may return `undefined` for
 * "no name": the number is printed, as netstat does.
 *
 * @example
 * ```ts
 * const resolvers: Resolvers = {
 *   hosts: hostsResolverFromEntries(parseHosts(etcHosts)),
 *   services: servicesResolverFromDb(createServicesDb(parseServices(etcServices), { match: 'last' })),
 *   users: (uid) => passwd.get(uid), // passwd = parsePasswd(etcPasswd)
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
 * Builds a `hosts` resolver from parsed `/etc/hosts` entries
 * (`parseHosts` of `@netintro/procnet-reader`) with glibc's reverse lookup
 * rule: the first entry with an equal address gives its first name. IPv6
 * addresses compare by value (`2001:db8::5` equals `2001:0db8:0:0::5`); an
 * IPv4-mapped entry (`::ffff:10.0.0.4 name`) answers for the IPv4 address,
 * as in glibc. Checked against `getent hosts` in a test.
 *
 * @example
 * ```ts
 * import { parseHosts } from '@netintro/procnet-reader';
 * const hosts = hostsResolverFromEntries(parseHosts('127.0.0.1 localhost\n127.0.0.1 other\n'));
 * hosts('127.0.0.1', 4); // 'localhost'
 * hosts('10.0.0.1', 4); // undefined
 * ```
 */
export function hostsResolverFromEntries(
  entries: readonly { address: string; name: string }[],
): (address: string, family: 4 | 6) => string | undefined {
  const byKey = new Map<string, string>();
  for (const entry of entries) {
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
 * Builds a `protocols` resolver from parsed `/etc/protocols` entries
 * (`parseProtocols` of `@netintro/procnet-reader`). netstat collects the
 * file into a list it searches newest-first, so the **last** entry for a
 * number wins (`match: 'last'`, the default); `getprotobynumber` returns the
 * first (`match: 'first'`).
 *
 * @example
 * ```ts
 * import { parseProtocols } from '@netintro/procnet-reader';
 * const protocols = protocolsResolverFromEntries(parseProtocols('icmp 1 ICMP\nipv6-icmp 58 IPv6-ICMP\n'));
 * protocols(58); // 'ipv6-icmp'
 * protocols(255); // undefined
 * ```
 */
export function protocolsResolverFromEntries(
  entries: readonly { name: string; number: number }[],
  options: { match?: 'first' | 'last' } = {},
): (protocol: number) => string | undefined {
  const byNumber = new Map<number, string>();
  for (const e of entries) {
    if (options.match === 'first' && byNumber.has(e.number)) continue;
    byNumber.set(e.number, e.name);
  }
  return (n) => byNumber.get(n);
}

/**
 * Builds a `networks` resolver from parsed `/etc/networks` entries
 * (`parseNetworks` of `@netintro/procnet-reader`, which reads the numbers
 * as glibc does): the first entry for a network wins. Checked against
 * `getent networks` in a test.
 *
 * @example
 * ```ts
 * import { parseNetworks } from '@netintro/procnet-reader';
 * const networks = networksResolverFromEntries(parseNetworks('loopback 127\nten 0x0a\n'));
 * networks('127.0.0.0'); // 'loopback'
 * networks('10.0.0.0'); // 'ten'
 * networks('192.168.0.0'); // undefined
 * ```
 */
export function networksResolverFromEntries(
  entries: readonly { name: string; address: string }[],
): (address: string) => string | undefined {
  const byAddress = new Map<string, string>();
  for (const e of entries) if (!byAddress.has(e.address)) byAddress.set(e.address, e.name);
  return (address) => byAddress.get(address);
}

function addressKey(address: string): string | undefined {
  const v6 = ipv6Bytes(address);
  if (v6) {
    const mapped = v6.slice(0, 6).join(',') === '0,0,0,0,0,65535';
    if (!mapped) return `6:${v6.join(',')}`;
    return `4:${v6[6]! >> 8}.${v6[6]! & 255}.${v6[7]! >> 8}.${v6[7]! & 255}`;
  }
  const v4 = parseIpv4Bytes(address);
  if (v4) return `4:${v4.join('.')}`;
  return undefined;
}

/**
 * @internal IPv6 text (with `::` and an optional dotted-quad tail) as 8
 * 16-bit groups, or `undefined`: procnet-reader's `parseIpv6Bytes`, grouped.
 */
export function ipv6Bytes(text: string): number[] | undefined {
  const bytes = parseIpv6Bytes(text);
  if (!bytes) return undefined;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  return groups;
}
