/**
 * Parsers of the tables `netstat -r` and `netstat -i` read:
 * `/proc/net/route`, `/proc/net/ipv6_route` and `/proc/net/dev`.
 *
 * @module
 */

import { checkEndianness, ipv4FromWord, ipv6FromHex } from './address.js';
import { reportIssue } from './errors.js';
import { mapFieldLines } from './field-lines.js';
import { decNumber, forEachLine, hexNumber, splitFields } from './lines.js';
import type { InterfaceCounters, Ipv4Route, Ipv6Route, ParseOptions } from './types.js';

const ROUTE_FIELDS = 'Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT';

/**
 * Parses `/proc/net/route`, the IPv4 routing table `netstat -r` shows.
 * Destination, gateway and mask are printed in host byte order like the
 * socket tables, so `options.endianness` applies (default `'little'`).
 *
 * @example
 * ```ts
 * const text = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
 *   'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n';
 * parseRoute(text)[0]; // { iface: 'eth0', destination: '0.0.0.0', gateway: '192.0.2.1', flags: 3, mask: '0.0.0.0', ... }
 * ```
 */
export function parseRoute(text: string, options?: ParseOptions): Ipv4Route[] {
  const endianness = options?.endianness ?? 'little';
  checkEndianness(endianness);
  return mapFieldLines(text, options, '/proc/net/route', ({ fields: f, lineNumber, bad }) => {
    if (f[0] === 'Iface') return undefined;
    if (f.length < 11) return bad('too-few-fields', `11 fields: ${ROUTE_FIELDS}`);
    const addr = (token: string | undefined): string | undefined => {
      if (token === undefined || !/^[0-9A-Fa-f]{8}$/.test(token)) return undefined;
      return ipv4FromWord(Number.parseInt(token, 16), endianness);
    };
    const destination = addr(f[1]);
    const gateway = addr(f[2]);
    const mask = addr(f[7]);
    if (destination === undefined || gateway === undefined || mask === undefined) {
      return bad('bad-address', 'Destination, Gateway and Mask as 8 hex digits each');
    }
    const flags = hexNumber(f[3]);
    const nums = [f[4], f[5], f[6], f[8], f[9], f[10]].map(decNumber);
    if (Number.isNaN(flags) || nums.some((n) => Number.isNaN(n))) {
      return bad(
        'bad-number',
        'Flags in hex; RefCnt, Use, Metric, MTU, Window and IRTT in decimal',
      );
    }
    const [refCount, use, metric, mtu, window, irtt] = nums as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const route: Ipv4Route = {
      iface: f[0] as string,
      destination,
      gateway,
      flags,
      refCount,
      use,
      metric,
      mask,
      mtu,
      window,
      irtt,
      line: lineNumber,
    };
    if (f.length > 11) route.extra = f.slice(11);
    return route;
  });
}

const IPV6_ROUTE_FIELDS =
  'destination prefix-length source prefix-length next-hop metric refcnt use flags iface';

/**
 * Parses `/proc/net/ipv6_route`. Unlike the socket tables, the kernel prints
 * these addresses byte by byte in network order (`%pi6`), so no endianness
 * option applies. There is no header line.
 *
 * @example
 * ```ts
 * parseIpv6Route('fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n')[0];
 * // { destination: 'fe80::', destinationPrefix: 64, nextHop: '::', metric: 256, iface: 'eth0', ... }
 * ```
 */
export function parseIpv6Route(text: string, options?: ParseOptions): Ipv6Route[] {
  return mapFieldLines(text, options, '/proc/net/ipv6_route', ({ fields: f, lineNumber, bad }) => {
    if (f.length < 10) return bad('too-few-fields', `10 fields: ${IPV6_ROUTE_FIELDS}`);
    const addr = (token: string | undefined): string | undefined =>
      token !== undefined && /^[0-9A-Fa-f]{32}$/.test(token)
        ? ipv6FromHex(token, 0, 'big')
        : undefined;
    const destination = addr(f[0]);
    const src = addr(f[2]);
    const nextHop = addr(f[4]);
    if (destination === undefined || src === undefined || nextHop === undefined) {
      return bad('bad-address', 'destination, source and next hop as 32 hex digits each');
    }
    const nums = [f[1], f[3], f[5], f[6], f[7], f[8]].map(hexNumber);
    if (nums.some((n) => Number.isNaN(n))) {
      return bad('bad-number', 'prefix lengths, metric, refcnt, use and flags in hex');
    }
    const [destinationPrefix, sourcePrefix, metric, refCount, use, flags] = nums as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const route: Ipv6Route = {
      destination,
      destinationPrefix,
      source: src,
      sourcePrefix,
      nextHop,
      metric,
      refCount,
      use,
      flags,
      iface: f[9] as string,
      line: lineNumber,
    };
    if (f.length > 10) route.extra = f.slice(10);
    return route;
  });
}

const DEV_RX = ['bytes', 'packets', 'errs', 'drop', 'fifo', 'frame', 'compressed', 'multicast'];
const DEV_TX = ['bytes', 'packets', 'errs', 'drop', 'fifo', 'colls', 'carrier', 'compressed'];

/**
 * Parses `/proc/net/dev`: receive and transmit counters per interface, as
 * `netstat -i` needs. The two header lines are recognised and skipped.
 * Counters are 64-bit in the kernel; values above 2^53 lose precision.
 *
 * @example
 * ```ts
 * parseDev('    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n')[0]?.rx.packets;
 * // 29
 * ```
 */
export function parseDev(text: string, options?: ParseOptions): InterfaceCounters[] {
  const source = options?.source ?? '/proc/net/dev';
  const out: InterfaceCounters[] = [];
  forEachLine(text, (line, lineNumber) => {
    const colon = line.indexOf(':');
    if (colon < 0 && line.includes('|')) return; // the two header lines
    if (line.trim() === '') return;
    const bad = (code: string, expected: string): void =>
      reportIssue(options?.onInvalidLine, code, source, lineNumber, line, expected);
    if (colon < 0) return bad('bad-interface', "an interface name followed by ':'");
    const iface = line.slice(0, colon).trim();
    if (iface === '' || /\s/.test(iface)) {
      return bad('bad-interface', "an interface name followed by ':'");
    }
    const f = splitFields(line.slice(colon + 1));
    if (f.length < 16) return bad('too-few-fields', '16 counters (8 receive, 8 transmit)');
    const nums = f.map(decNumber);
    if (nums.some((n) => Number.isNaN(n) || n < 0)) {
      return bad('bad-number', 'counters as unsigned decimal numbers');
    }
    const rx = {} as InterfaceCounters['rx'];
    const tx = {} as InterfaceCounters['tx'];
    DEV_RX.forEach((k, i) => {
      (rx as unknown as Record<string, number>)[k] = nums[i] as number;
    });
    DEV_TX.forEach((k, i) => {
      (tx as unknown as Record<string, number>)[k] = nums[8 + i] as number;
    });
    const row: InterfaceCounters = { iface, rx, tx, line: lineNumber };
    if (f.length > 16) row.extra = f.slice(16);
    out.push(row);
  });
  return out;
}
