/**
 * netstat 2.10's routing tables (`-r`): "Kernel IP routing table" from
 * `/proc/net/route` and "Kernel IPv6 routing table" from `/proc/net/ipv6_route`.
 *
 * @module
 */

import type { Ipv4Route, Ipv6Route } from '@netintro/procnet-reader';
import { type NetstatFlags, resolveFlags } from './flags.js';
import { hostText } from './inet.js';
import type { Resolvers } from './resolvers.js';
import { cutEscaped, escapeText, padLeft, padRight } from './text.js';

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;
const RTF_REJECT = 0x200;
const RTF_CACHE = 0x01000000;

/** IPv4 route flag letters in netstat's order (`!` for reject replaces what came before). */
const V4_FLAGS: readonly [number, string][] = [
  [0x1, 'U'],
  [0x2, 'G'],
  [RTF_REJECT, '!'],
  [0x4, 'H'],
  [0x8, 'R'],
  [0x10, 'D'],
  [0x20, 'M'],
  [0x10000, 'd'],
  [0x20000, 'a'],
  [0x40000, 'c'],
  [0x200000, 'o'],
  [0x400000, 'e'],
  [0x1000000, 'c'],
  [0x2000000, 'f'],
  [0x4000000, 'p'],
  [0x80000000, 'l'],
  [0x40, 'u'],
  [0x80, 'w'],
  [0x100, 'i'],
  [0x400, 'n'],
];

/** IPv6 route flag letters in netstat 2.10's order. */
const V6_FLAGS: readonly [number, string][] = [
  [0x1, 'U'],
  [RTF_REJECT, '!'],
  [0x2, 'G'],
  [0x4, 'H'],
  [0x10000, 'D'],
  [0x40000, 'A'],
  [RTF_CACHE, 'C'],
  [0x20000, 'a'],
  [0x400000, 'e'],
  [0x20, 'm'],
  [0x200000, 'n'],
  [0x2000000, 'f'],
];

/**
 * netstat's Flags text for an IPv4 route (`UG`, `UH`, `!` for reject).
 *
 * @example
 * ```ts
 * routeFlagsText(0x0003); // 'UG'
 * routeFlagsText(0x0201); // '!'
 * ```
 */
export function routeFlagsText(flags: number): string {
  let s = '';
  for (const [bit, letter] of V4_FLAGS) {
    if ((flags & bit) >>> 0 === 0) continue;
    s = bit === RTF_REJECT ? '!' : s + letter;
  }
  return s;
}

/**
 * netstat 2.10's Flag text for an IPv6 route (`U`, `UG`, `Un`, `!n`).
 *
 * @example
 * ```ts
 * route6FlagsText(0x80200001); // 'Un'
 * ```
 */
export function route6FlagsText(flags: number): string {
  let s = '';
  for (const [bit, letter] of V6_FLAGS) if ((flags & bit) >>> 0 !== 0) s += letter;
  return s;
}

function ipv4Number(a: string): number {
  return a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/**
 * The Destination text: `default` for 0.0.0.0 unless numeric; a host route
 * (host bits set or `H` flag) through `hosts`, a network through
 * `networks`; cut to 15 characters.
 */
function destinationText(r: Ipv4Route, numeric: boolean, resolvers: Resolvers): string {
  let s: string;
  if (numeric) s = r.destination;
  else if (r.destination === '0.0.0.0') s = 'default';
  else {
    const host =
      (ipv4Number(r.destination) & ~ipv4Number(r.mask)) !== 0 || (r.flags & RTF_HOST) !== 0;
    const name = host ? resolvers.hosts?.(r.destination, 4) : resolvers.networks?.(r.destination);
    s = name === undefined ? r.destination : escapeText(name);
  }
  return cutEscaped(s, 15);
}

function gatewayText(r: Ipv4Route, numeric: boolean, resolvers: Resolvers): string {
  if (numeric || r.gateway === '0.0.0.0') return r.gateway;
  const name = resolvers.hosts?.(r.gateway, 4);
  return cutEscaped(name === undefined ? r.gateway : escapeText(name), 15);
}

/**
 * Which `-r` layout netstat uses for a number of `-e`: none gives the
 * MSS/Window/irtt layout (2), one `-e` the Metric/Ref/Use layout (1), two the
 * long layout (3), three prints the title only (0); netstat computes
 * `(e + 1, with 1 and 2 swapped) & 3`.
 *
 * @example
 * ```ts
 * routeLayout(0); // 2
 * routeLayout(1); // 1
 * ```
 */
export function routeLayout(extend: number): 0 | 1 | 2 | 3 {
  let e = extend + 1;
  if (e === 2) e = 1;
  else if (e === 1) e = 2;
  return (e & 3) as 0 | 1 | 2 | 3;
}

/**
 * The IPv4 routing table as `netstat -r` prints it (rows without `U` are
 * skipped, as netstat skips them). With `-n` (`numericHosts`) addresses stay
 * numeric; otherwise `default`, host names (`hosts`) and network names
 * (`networks`, netstat's getnetbyaddr) are used, cut to 15 characters.
 *
 * @example
 * ```ts
 * import { parseRoute } from '@netintro/procnet-reader';
 * formatRouteTable(parseRoute(routeText), { numeric: true });
 * // Kernel IP routing table
 * // Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
 * // 0.0.0.0         192.0.2.1       0.0.0.0         UG        0 0          0 eth0
 * ```
 */
export function formatRouteTable(
  routes: readonly Ipv4Route[],
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
): string {
  const f = resolveFlags(flags);
  const layout = routeLayout(flags.extend ?? 0);
  let out = 'Kernel IP routing table\n';
  const head = 'Destination     Gateway         Genmask         ';
  if (layout === 1) out += `${head}Flags Metric Ref    Use Iface\n`;
  if (layout === 2) out += `${head}Flags   MSS Window  irtt Iface\n`;
  if (layout === 3) out += `${head}Flags Metric Ref    Use Iface    MSS   Window irtt\n`;
  for (const r of routes) {
    if (!(r.flags & RTF_UP)) continue;
    const dst = padRight(destinationText(r, f.numericHosts, resolvers), 15);
    const gw = padRight(gatewayText(r, f.numericHosts, resolvers), 15);
    const mask = padRight(r.mask, 15);
    const fl = padRight(routeFlagsText(r.flags), 5);
    const reject = (r.flags & RTF_REJECT) !== 0;
    const metric = padRight(String(r.metric | 0), 6);
    const use = padLeft(String(r.use | 0), 7);
    if (layout === 1) {
      out += reject
        ? `${dst} -               ${mask} ${fl} ${metric} -  ${use} -\n`
        : `${dst} ${gw} ${mask} ${fl} ${metric} ${padRight(String(r.refCount | 0), 2)} ${use} ${r.iface}\n`;
    } else if (layout === 2) {
      out += reject
        ? `${dst} -               ${mask} ${fl}     - -          - -\n`
        : `${dst} ${gw} ${mask} ${fl} ${padLeft(String(r.mtu | 0), 5)} ${padRight(String(r.window | 0), 5)} ${padLeft(String(r.irtt | 0), 6)} ${r.iface}\n`;
    } else if (layout === 3) {
      out += reject
        ? `${dst} -               ${mask} ${fl} ${metric} -  ${use} -        -     -      -\n`
        : `${dst} ${gw} ${mask} ${fl} ${metric} ${padRight(String(r.refCount | 0), 3)} ` +
          `${padLeft(String(r.use | 0), 6)} ${padRight(cutEscaped(escapeText(r.iface), 6), 6)}   ` +
          `${padRight(String(r.mtu | 0), 5)} ${padRight(String(r.window | 0), 6)} ${r.irtt | 0}\n`;
    }
  }
  return out;
}

/** Same rules as the socket table: `[::]`, IPv4-mapped as plain IPv4, inet_ntop text. */
function v6Text(address: string, numeric: boolean, resolvers: Resolvers): string {
  return hostText(address, 6, numeric, resolvers);
}

/**
 * The IPv6 routing table as netstat 2.10 prints it for `-r -6` (cached
 * routes are skipped; `-e` changes nothing), or with `cache` true the
 * "Kernel IPv6 routing cache" of `-rC -6`: only the cached (`C`) routes.
 *
 * @example
 * ```ts
 * import { parseIpv6Route } from '@netintro/procnet-reader';
 * formatRoute6Table(parseIpv6Route(text), { numeric: true });
 * // Kernel IPv6 routing table
 * // Destination                    Next Hop                   Flag Met Ref  Use If
 * // ::1/128                        ::                         Un   0   4      0 lo
 * ```
 */
export function formatRoute6Table(
  routes: readonly Ipv6Route[],
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  cache = false,
): string {
  const f = resolveFlags(flags);
  let out = `Kernel IPv6 routing ${cache ? 'cache' : 'table'}\nDestination                    Next Hop                   Flag Met Ref  Use If\n`;
  for (const r of routes) {
    if (((r.flags & RTF_CACHE) !== 0) !== cache) continue;
    const dst = `${v6Text(r.destination, f.numericHosts, resolvers)}/${r.destinationPrefix}`;
    const hop = v6Text(r.nextHop, f.numericHosts, resolvers);
    out +=
      `${padRight(dst, 30)} ${padRight(hop, 26)} ${padRight(route6FlagsText(r.flags), 4)} ` +
      `${padRight(String(r.metric | 0), 3)} ${r.refCount | 0} ${padLeft(String(r.use | 0), 6)} ${r.iface}\n`;
  }
  return out;
}

/**
 * The route flag bits the formatters test (from `<net/route.h>`).
 *
 * @example
 * ```ts
 * (route.flags & ROUTE_FLAGS.RTF_GATEWAY) !== 0; // a route via a gateway
 * ```
 */
export const ROUTE_FLAGS = { RTF_UP, RTF_GATEWAY, RTF_HOST, RTF_REJECT, RTF_CACHE } as const;

/**
 * `netstat -rC` for IPv4: the "Kernel IP routing cache" title and column
 * header for the `-e` layout. Linux has had no IPv4 routing cache since
 * 3.6 (`/proc/net/rt_cache` holds only its header), so there are no rows.
 *
 * @example
 * ```ts
 * formatRouteCache({});
 * // 'Kernel IP routing cache\nSource          Destination     Gateway         Flags   MSS Window  irtt Iface\n'
 * ```
 */
export function formatRouteCache(flags: NetstatFlags = {}): string {
  const layout = routeLayout(flags.extend ?? 0);
  const head = 'Source          Destination     Gateway         ';
  let out = 'Kernel IP routing cache\n';
  if (layout === 1) out += `${head}Flags Metric Ref    Use Iface\n`;
  if (layout === 2) out += `${head}Flags   MSS Window  irtt Iface\n`;
  if (layout === 3) {
    out += `${head}Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n`;
  }
  return out;
}

/**
 * The routing records `netstat -r` reads.
 *
 * @example
 * ```ts
 * formatRoutes({ route: parseProcNet('route', routeText) }, { numeric: true });
 * ```
 */
export interface RouteInput {
  /** `/proc/net/route` rows. */
  route?: readonly Ipv4Route[];
  /** `/proc/net/ipv6_route` rows. */
  ipv6Route?: readonly Ipv6Route[];
}

/**
 * Everything `netstat -r` prints: the IPv4 table by default, the IPv6 table
 * for `-6` (or `-A inet6`), both when both families are selected; with `-C`
 * (`cache`) the routing caches instead, with `-F -C` both, per family.
 *
 * @example
 * ```ts
 * formatRoutes({ route, ipv6Route }, { inet4: true, inet6: true, numeric: true });
 * // 'Kernel IP routing table\n...Kernel IPv6 routing table\n...'
 * ```
 */
export function formatRoutes(
  input: RouteInput,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
): string {
  const v6 = !!flags.inet6;
  const v4 = !!flags.inet4 || !v6;
  const fib = !flags.cache || !!flags.fib;
  let out = '';
  if (v4 && fib) out += formatRouteTable(input.route ?? [], flags, resolvers);
  if (v4 && flags.cache) out += formatRouteCache(flags);
  if (v6 && fib) out += formatRoute6Table(input.ipv6Route ?? [], flags, resolvers);
  if (v6 && flags.cache) out += formatRoute6Table(input.ipv6Route ?? [], flags, resolvers, true);
  return out;
}
