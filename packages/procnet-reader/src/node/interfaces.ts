/**
 * What `netstat -ie` learns by ioctl, gathered without ioctls: link facts
 * from sysfs, counters from `net/dev`, IPv6 addresses from `net/if_inet6`,
 * IPv4 addresses from `os.networkInterfaces()` (this process's namespace,
 * interfaces that are up and running) and otherwise from `net/fib_trie` and
 * `net/route`.
 *
 * @module
 */

import { readdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { InterfaceAddress6 } from '../ifinet6.js';
import { parseIfInet6 } from '../ifinet6.js';
import { parseDev, parseRoute } from '../route.js';
import type { InterfaceInfo } from '../types.js';
import { hostByteOrder } from './sockets.js';
import { readSystemText } from './system.js';

export type { InterfaceInfo } from '../types.js';

/**
 * Options of {@link readInterfaceDetails}.
 *
 * @example
 * ```ts
 * const o: ReadInterfaceDetailsOptions = { root: '/proc/4242', sysRoot: '/proc/4242/root/sys' };
 * ```
 */
export interface ReadInterfaceDetailsOptions {
  /** Directory holding `net/` (default `/proc`). */
  root?: string;
  /** sysfs mount showing the same namespace's `class/net` (default `/sys`). */
  sysRoot?: string;
  /**
   * Ask `os.networkInterfaces()` too (default: when `root` is `/proc`, i.e.
   * this process's own namespace). It knows alias labels and exact
   * netmasks, but only for interfaces that are up and running.
   */
  useOs?: boolean;
}

const IFF_UP = 0x1;
const IFF_BROADCAST = 0x2;
const IFF_LOOPBACK = 0x8;
const IFF_POINTOPOINT = 0x10;
const IFF_RUNNING = 0x40;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;

function ipv4ToNumber(a: string): number {
  const p = a.split('.').map(Number);
  return (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
}
function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');
}
function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * The local IPv4 addresses of `/proc/net/fib_trie`'s local table
 * (`/32 host LOCAL` leaves), and the prefixes of type LOCAL shorter than
 * /32 (what the kernel adds for addresses on loopback devices).
 */
export function parseFibTrieLocal(text: string): {
  addresses: string[];
  prefixes: [string, number][];
} {
  const addresses: string[] = [];
  const prefixes: [string, number][] = [];
  let inLocal = false;
  let leaf: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^[A-Za-z0-9_]+:$/.test(line)) {
      inLocal = line === 'Local:';
      leaf = undefined;
      continue;
    }
    if (!inLocal) continue;
    const l = /^\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(line);
    if (l) {
      leaf = l[1];
      continue;
    }
    const m = /^\/(\d+) \S+ LOCAL$/.exec(line);
    if (m && leaf !== undefined) {
      const prefix = Number(m[1]);
      if (prefix === 32) {
        if (!addresses.includes(leaf)) addresses.push(leaf);
      } else prefixes.push([leaf, prefix]);
    }
  }
  return { addresses, prefixes };
}

/**
 * Reads every interface of a namespace as `netstat -ie` shows it, and the
 * IPv6 addresses of `net/if_inet6`. Link facts come from sysfs (so
 * `sysRoot` must show the same namespace as `root`); interfaces in
 * `net/dev` that sysfs lacks are left out, as netstat leaves out those its
 * ioctls cannot find.
 *
 * IPv4 without ioctls, and its limits: `os.networkInterfaces()` (own
 * namespace only) gives alias labels and netmasks of interfaces that are up
 * and running; for the others the local addresses of `net/fib_trie` are
 * matched to the interface and netmask of the `net/route` prefix that holds
 * them (addresses on a loopback device to its LOCAL prefix; a local
 * address with no prefix route to the one point-to-point interface without
 * an address, if there is exactly one). Otherwise an address without a
 * prefix route (`noprefixroute`) is not found, alias labels of interfaces
 * that are not running are not seen, and with several addresses the first
 * is taken, not necessarily the primary. The broadcast address is computed (address with
 * all host bits set): the kernel reports whatever was configured, which is
 * `0.0.0.0` after `ip addr add` without `brd`. The peer of a
 * point-to-point interface is its host route in `net/route`.
 *
 * @example
 * ```ts
 * import { readInterfaceDetails } from '@netintro/procnet-reader/node';
 * const { interfaces, ipv6 } = readInterfaceDetails();
 * interfaces.find((i) => i.name === 'lo')?.ipv4?.address; // '127.0.0.1'
 * ```
 */
export function readInterfaceDetails(options: ReadInterfaceDetailsOptions = {}): {
  interfaces: InterfaceInfo[];
  ipv6: InterfaceAddress6[];
} {
  const root = (options.root ?? '/proc').replace(/\/$/, '');
  const sys = options.sysRoot ?? '/sys';
  const useOs = options.useOs ?? root === '/proc';
  const devPath = `${root}/net/dev`;
  const devText = readSystemText(devPath);
  if (devText === undefined) throw new Error(`cannot read ${devPath}`);
  const counters = parseDev(devText, { source: devPath });
  const ipv6Text = readSystemText(`${root}/net/if_inet6`) ?? '';
  const ipv6 = parseIfInet6(ipv6Text, { source: `${root}/net/if_inet6`, onInvalidLine: 'skip' });

  const links = new Map<string, InterfaceInfo>();
  for (const c of counters) {
    const dir = `${sys}/class/net/${c.iface}`;
    if (c.iface.includes('/')) continue;
    const flagsText = readSystemText(`${dir}/flags`);
    const mtu = readSystemText(`${dir}/mtu`);
    if (flagsText === undefined || mtu === undefined) continue;
    let flags = Number.parseInt(flagsText.trim(), 16) & ~IFF_RUNNING;
    const operstate = (readSystemText(`${dir}/operstate`) ?? 'unknown').trim();
    if (flags & IFF_UP && (operstate === 'up' || operstate === 'unknown')) flags |= IFF_RUNNING;
    const info: InterfaceInfo = {
      name: c.iface,
      flags,
      mtu: Number(mtu),
      hardwareType: Number(readSystemText(`${dir}/type`) ?? '65535'),
      hardwareAddress: (readSystemText(`${dir}/address`) ?? '').trim(),
      counters: c,
    };
    const txq = readSystemText(`${dir}/tx_queue_len`);
    if (txq !== undefined) info.txQueueLength = Number(txq);
    links.set(c.iface, info);
  }
  const out = new Map(links);

  const routes = (() => {
    const text = readSystemText(`${root}/net/route`);
    return text === undefined
      ? []
      : parseRoute(text, {
          source: `${root}/net/route`,
          endianness: hostByteOrder(),
          onInvalidLine: 'skip',
        });
  })();
  const setIpv4 = (name: string, address: string, netmask: string) => {
    let entry = out.get(name);
    if (!entry) {
      const device = links.get(name.split(':')[0] as string);
      if (!device) return;
      const { counters: _c, ipv4: _i, ...link } = device;
      entry = { ...link, name };
      out.set(name, entry);
    }
    if (entry.ipv4) return;
    const ipv4: NonNullable<InterfaceInfo['ipv4']> = { address, netmask };
    if (entry.flags & IFF_BROADCAST) {
      // A /31 or /32 has no broadcast address (the kernel then reports 0.0.0.0).
      ipv4.broadcast =
        popcount(ipv4ToNumber(netmask)) >= 31
          ? '0.0.0.0'
          : numberToIpv4((ipv4ToNumber(address) | ~ipv4ToNumber(netmask)) >>> 0);
    }
    if (entry.flags & IFF_POINTOPOINT) {
      const dev = name.split(':')[0];
      const peer = routes.find(
        (r) =>
          r.iface === dev &&
          r.flags & RTF_HOST &&
          !(r.flags & RTF_GATEWAY) &&
          r.mask === '255.255.255.255',
      );
      if (peer) ipv4.destination = peer.destination;
    }
    entry.ipv4 = ipv4;
  };

  if (useOs) {
    for (const [name, addresses] of Object.entries(networkInterfaces())) {
      for (const a of addresses ?? []) {
        if (a.family === 'IPv4') setIpv4(name, a.address, a.netmask);
      }
    }
  }
  // Whatever os.networkInterfaces() did not cover: the local table and the routes.
  const fib = parseFibTrieLocal(readSystemText(`${root}/net/fib_trie`) ?? '');
  const known = new Set([...out.values()].flatMap((i) => (i.ipv4 ? [i.ipv4.address] : [])));
  for (const address of fib.addresses) {
    if (known.has(address)) continue;
    const a = ipv4ToNumber(address);
    let best: { iface: string; prefix: number } | undefined;
    for (const r of routes) {
      if (r.flags & RTF_GATEWAY) continue;
      const mask = ipv4ToNumber(r.mask);
      if ((a & mask) >>> 0 !== ipv4ToNumber(r.destination)) continue;
      const prefix = popcount(mask);
      if (!best || prefix > best.prefix) best = { iface: r.iface, prefix };
    }
    if (!best) {
      for (const [network, prefix] of fib.prefixes) {
        const mask = prefixMask(prefix);
        if ((a & mask) >>> 0 !== ipv4ToNumber(network)) continue;
        const loopback = [...links.values()].find((l) => l.flags & IFF_LOOPBACK);
        if (loopback) best = { iface: loopback.name, prefix };
        break;
      }
    }
    if (!best) {
      // A point-to-point local address has no prefix route: take it when
      // exactly one point-to-point interface has no address yet.
      const p2p = [...links.values()].filter(
        (l) => l.flags & IFF_POINTOPOINT && !out.get(l.name)?.ipv4,
      );
      if (p2p.length === 1) best = { iface: (p2p[0] as InterfaceInfo).name, prefix: 32 };
    }
    if (!best) continue;
    const entry = out.get(best.iface);
    if (entry?.ipv4) continue;
    setIpv4(best.iface, address, numberToIpv4(prefixMask(best.prefix)));
    known.add(address);
  }
  return { interfaces: [...out.values()], ipv6 };
}

function popcount(n: number): number {
  let c = 0;
  for (let v = n >>> 0; v; v &= v - 1) c++;
  return c;
}

/**
 * Whether `sysRoot/class/net` lists exactly the interfaces of `root/net/dev`
 * (so its facts belong to that namespace).
 *
 * @example
 * ```ts
 * sysfsMatches('/proc/4242', '/proc/4242/root/sys'); // true inside a container with its own sysfs
 * ```
 */
export function sysfsMatches(root: string, sysRoot: string): boolean {
  const devText = readSystemText(`${root.replace(/\/$/, '')}/net/dev`);
  if (devText === undefined) return false;
  let names: string[];
  try {
    names = readdirSync(`${sysRoot}/class/net`);
  } catch {
    return false;
  }
  const dev = parseDev(devText, { onInvalidLine: 'skip' }).map((c) => c.iface);
  return dev.length === names.length && dev.every((n) => names.includes(n));
}
