/**
 * Readers for the routing tables, interface counters and protocol
 * statistics (what `netstat -r`, `-i` and `-s` show).
 *
 * @module
 */

import {
  type GroupMembership,
  parseDev,
  parseIgmp,
  parseIgmp6,
  parseIpv6Route,
  parseNetstat,
  parseRoute,
  parseSnmp,
  parseSnmp6,
} from '../index.js';
import type {
  Endianness,
  InterfaceCounters,
  Ipv4Route,
  Ipv6Route,
  OnInvalidLine,
  ProtocolStatistics,
} from '../types.js';
import { isMissing } from './errno.js';
import { ProcNetReadError, readTextFile, readWholeSync } from './read.js';
import { hostByteOrder } from './sockets.js';

/**
 * Options shared by {@link readRoutes}, {@link readInterfaces}, {@link readStatistics} and
 * {@link readGroups}.
 *
 * @example
 * ```ts
 * await readRoutes({ root: '/proc/4242', onInvalidLine: 'skip' });
 * ```
 */
export interface ReadNetFileOptions {
  /** Directory holding `net/` (default `/proc`; `/proc/<pid>` for another namespace). */
  root?: string;
  /** Byte order of hex addresses (default: this machine's). */
  endianness?: Endianness;
  /** Bad-line policy (default `'throw'`). */
  onInvalidLine?: OnInvalidLine;
}

function netPath(root: string | undefined, file: string): string {
  const base = root ?? '/proc';
  return `${base.endsWith('/') ? base.slice(0, -1) : base}/net/${file}`;
}

async function readOptionalText(path: string): Promise<string | undefined> {
  try {
    return await readTextFile(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * Both routing tables of a namespace.
 *
 * @example
 * ```ts
 * const { ipv4, ipv6 }: Routes = await readRoutes();
 * ```
 */
export interface Routes {
  /** `/proc/net/route`. */
  ipv4: Ipv4Route[];
  /** `/proc/net/ipv6_route`; empty when the file does not exist (IPv6 disabled). */
  ipv6: Ipv6Route[];
}

/**
 * Reads the IPv4 and IPv6 routing tables (`<root>/net/route` and
 * `<root>/net/ipv6_route`), as `netstat -r` and `netstat -6r` show them.
 * A missing `ipv6_route` (IPv6 disabled) gives an empty list; a missing or
 * unreadable `route` rejects with a {@link ProcNetReadError} naming the path.
 *
 * @example
 * ```ts
 * import { readRoutes } from '@netintro/procnet-reader/node';
 * const { ipv4, ipv6 } = await readRoutes();
 * const gateway = ipv4.find((r) => r.destination === '0.0.0.0')?.gateway; // '192.0.2.1'
 * ```
 */
export async function readRoutes(options: ReadNetFileOptions = {}): Promise<Routes> {
  const endianness = options.endianness ?? hostByteOrder();
  const v4Path = netPath(options.root, 'route');
  const v6Path = netPath(options.root, 'ipv6_route');
  const [v4, v6] = await Promise.all([readTextFile(v4Path), readOptionalText(v6Path)]);
  return {
    ipv4: parseRoute(v4, { source: v4Path, endianness, onInvalidLine: options.onInvalidLine }),
    ipv6:
      v6 === undefined
        ? []
        : parseIpv6Route(v6, { source: v6Path, endianness, onInvalidLine: options.onInvalidLine }),
  };
}

/**
 * Reads the interface counters of `<root>/net/dev` (`netstat -i`, `ip -s link`).
 *
 * @throws ProcNetReadError naming the path when the file is missing or unreadable.
 * @example
 * ```ts
 * import { readInterfaces } from '@netintro/procnet-reader/node';
 * const lo = (await readInterfaces()).find((i) => i.iface === 'lo');
 * lo?.rx.bytes; // 123456
 * ```
 */
export async function readInterfaces(
  options: ReadNetFileOptions = {},
): Promise<InterfaceCounters[]> {
  const path = netPath(options.root, 'dev');
  return parseDev(await readTextFile(path), {
    source: path,
    endianness: options.endianness ?? hostByteOrder(),
    onInvalidLine: options.onInvalidLine,
  });
}

/**
 * The three statistics files, kept apart (their group names never collide).
 *
 * @example
 * ```ts
 * const s: Statistics = await readStatistics();
 * const all = { ...s.snmp, ...s.netstat, ...s.snmp6 };
 * all.Tcp?.CurrEstab; // 3
 * ```
 */
export interface Statistics {
  /** `/proc/net/snmp`: `Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`, `UdpLite` groups. */
  snmp: ProtocolStatistics;
  /** `/proc/net/netstat`: `TcpExt`, `IpExt`, `MPTcpExt`, ... groups. */
  netstat: ProtocolStatistics;
  /** `/proc/net/snmp6`: `Ip6`, `Icmp6`, `Udp6`, ... groups; `{}` when IPv6 is disabled. */
  snmp6: ProtocolStatistics;
}

/**
 * Reads the protocol statistics `netstat -s` prints, from
 * `<root>/net/snmp`, `<root>/net/netstat` and `<root>/net/snmp6`
 * (concurrently). Spread them into one object when you want a single map:
 * `{ ...s.snmp, ...s.netstat, ...s.snmp6 }`.
 *
 * @throws ProcNetReadError naming the path when `snmp` or `netstat` is missing or unreadable
 * (a missing `snmp6` gives `{}`).
 * @example
 * ```ts
 * import { readStatistics } from '@netintro/procnet-reader/node';
 * const { snmp, netstat } = await readStatistics();
 * snmp.Tcp?.ActiveOpens; // 42
 * netstat.TcpExt?.ListenOverflows; // 0
 * ```
 */
export async function readStatistics(options: ReadNetFileOptions = {}): Promise<Statistics> {
  const paths = {
    snmp: netPath(options.root, 'snmp'),
    netstat: netPath(options.root, 'netstat'),
    snmp6: netPath(options.root, 'snmp6'),
  };
  const [snmp, netstat, snmp6] = await Promise.all([
    readTextFile(paths.snmp),
    readTextFile(paths.netstat),
    readOptionalText(paths.snmp6),
  ]);
  const onInvalidLine = options.onInvalidLine;
  return {
    snmp: parseSnmp(snmp, { source: paths.snmp, onInvalidLine }),
    netstat: parseNetstat(netstat, { source: paths.netstat, onInvalidLine }),
    snmp6: snmp6 === undefined ? {} : parseSnmp6(snmp6, { source: paths.snmp6, onInvalidLine }),
  };
}

/**
 * Reads the multicast group memberships `netstat -g` shows, from
 * `<root>/net/igmp` (IPv4) and `<root>/net/igmp6` (IPv6), IPv4 first. A
 * missing file (the family is disabled) contributes no rows; any other
 * failure rejects with a {@link ProcNetReadError} naming the path.
 *
 * @example
 * ```ts
 * import { readGroups } from '@netintro/procnet-reader/node';
 * const groups = await readGroups();
 * groups.filter((g) => g.iface === 'lo').map((g) => g.address); // ['224.0.0.1', 'ff02::1', 'ff01::1']
 * ```
 */
export async function readGroups(options: ReadNetFileOptions = {}): Promise<GroupMembership[]> {
  const v4Path = netPath(options.root, 'igmp');
  const v6Path = netPath(options.root, 'igmp6');
  const [v4, v6] = await Promise.all([readOptionalText(v4Path), readOptionalText(v6Path)]);
  const onInvalidLine = options.onInvalidLine;
  return [
    ...(v4 === undefined
      ? []
      : parseIgmp(v4, {
          source: v4Path,
          endianness: options.endianness ?? hostByteOrder(),
          onInvalidLine,
        })),
    ...(v6 === undefined ? [] : parseIgmp6(v6, { source: v6Path, onInvalidLine })),
  ];
}

/**
 * What sysfs says about one network interface (`/sys/class/net/<iface>/`):
 * the numbers `netstat -i` and `ip link` show beside the counters.
 *
 * @example
 * ```ts
 * const lo: InterfaceSysfs = { mtu: 65536, flags: 0x9, operstate: 'unknown' };
 * ```
 */
export interface InterfaceSysfs {
  /** `mtu`. */
  mtu: number;
  /** `flags`: the IFF_* word (IFF_UP 0x1, IFF_LOOPBACK 0x8, ...), as the kernel keeps it. */
  flags: number;
  /** `operstate`: `'up'`, `'down'`, `'unknown'` (loopback), ... (`'unknown'` when absent). */
  operstate: string;
}

/**
 * Reads an interface's MTU, flags and operational state from sysfs
 * (`<sysRoot>/class/net/<iface>/{mtu,flags,operstate}`, default sysRoot
 * `/sys`). Undefined when the interface (or its `mtu`/`flags`) does not
 * exist there, e.g. it went away, or `/sys` belongs to another network
 * namespace. Blocking reads: three tiny files.
 *
 * @example
 * ```ts
 * import { readInterfaceSysfs, readInterfaces } from '@netintro/procnet-reader/node';
 * for (const i of await readInterfaces()) {
 *   const sys = readInterfaceSysfs(i.iface);
 *   console.log(i.iface, sys?.mtu, sys && (sys.flags & 0x1) !== 0 ? 'UP' : 'down');
 * }
 * ```
 */
export function readInterfaceSysfs(
  iface: string,
  options: { sysRoot?: string } = {},
): InterfaceSysfs | undefined {
  if (iface === '' || iface.includes('/') || iface === '.' || iface === '..') return undefined;
  const dir = `${options.sysRoot ?? '/sys'}/class/net/${iface}`;
  const mtu = readSystemText(`${dir}/mtu`);
  const flags = readSystemText(`${dir}/flags`);
  if (mtu === undefined || flags === undefined) return undefined;
  const operstate = readSystemText(`${dir}/operstate`)?.trim() || 'unknown';
  return { mtu: Number(mtu.trim()), flags: Number.parseInt(flags.trim(), 16), operstate };
}

/**
 * Reads a small system text file with one blocking call: `/etc/networks`,
 * `/etc/protocols`, `/etc/hosts`, a sysfs attribute. Undefined when it does
 * not exist (ENOENT, ENOTDIR); any other failure (EACCES, EISDIR, ...)
 * throws a {@link ProcNetReadError} naming the path. `'latin1'` keeps every
 * byte as one character (what the C library's parsers see); default `'utf8'`.
 *
 * @example
 * ```ts
 * import { readSystemText } from '@netintro/procnet-reader/node';
 * const networks = readSystemText('/etc/networks') ?? ''; // '' when absent
 * ```
 */
export function readSystemText(
  path: string,
  encoding: 'utf8' | 'latin1' = 'utf8',
): string | undefined {
  try {
    // A regular file only (not a FIFO or a device), at most 16 MiB.
    return readWholeSync(path, encoding, 16 * 1024 * 1024);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error instanceof ProcNetReadError ? error : new ProcNetReadError(path, error);
  }
}
