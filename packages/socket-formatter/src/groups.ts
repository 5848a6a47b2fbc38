/**
 * netstat 2.10's multicast group table (`-g`) from `/proc/net/igmp` and
 * `/proc/net/igmp6`, with small pure parsers for those two files (the
 * socket parsers live in `@netintro/procnet-reader`; these tables only
 * matter for `-g`).
 *
 * @packageDocumentation
 */

import { type NetstatFlags, resolveFlags } from './flags.js';
import { hostText } from './inet.js';
import type { Resolvers } from './resolvers.js';
import { padRight } from './text.js';

/** One multicast group membership. */
export interface GroupMembership {
  family: 4 | 6;
  /** Interface name. */
  iface: string;
  /** Group address text (`224.0.0.1`, `ff02::1`). */
  address: string;
  /** `Users` (IPv4) or the reference count (IPv6): netstat's RefCnt. */
  refCount: number;
}

/**
 * Parses `/proc/net/igmp`: a device line (`1\tlo        :     1      V3`)
 * followed by its group lines (`\t\t\t\t010000E0     1 0:00000000\t\t0`).
 * Group addresses are in host byte order like the socket tables
 * (`endianness`, default little).
 *
 * @example
 * ```ts
 * parseIgmp('Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n' +
 *   '1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n');
 * // [{ family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1 }]
 * ```
 */
export function parseIgmp(
  text: string,
  options: { endianness?: 'little' | 'big' } = {},
): GroupMembership[] {
  const out: GroupMembership[] = [];
  let iface: string | undefined;
  for (const line of text.split('\n')) {
    const device = /^\d+\s+(\S+?)\s*:\s*\d+/.exec(line);
    if (device) {
      iface = device[1];
      continue;
    }
    const group = /^\s+([0-9A-Fa-f]{8})\s+(\d+)\s/.exec(line);
    if (group && iface !== undefined) {
      const word = Number.parseInt(group[1]!, 16);
      const bytes = [word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff];
      if (options.endianness !== 'big') bytes.reverse();
      out.push({ family: 4, iface, address: bytes.join('.'), refCount: Number(group[2]) });
    }
  }
  return out;
}

/**
 * Parses `/proc/net/igmp6`: `index device address(32 hex, network order)
 * users flags timer`.
 *
 * @example
 * ```ts
 * parseIgmp6('1    lo              ff020000000000000000000000000001     1 0000000C 0\n');
 * // [{ family: 6, iface: 'lo', address: 'ff02::1', refCount: 1 }]
 * ```
 */
export function parseIgmp6(text: string): GroupMembership[] {
  const out: GroupMembership[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\d+\s+(\S+)\s+([0-9A-Fa-f]{32})\s+(\d+)/.exec(line);
    if (!m) continue;
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4)
      groups.push(Number.parseInt(m[2]!.slice(i, i + 4), 16).toString(16));
    out.push({ family: 6, iface: m[1]!, address: compress(groups), refCount: Number(m[3]) });
  }
  return out;
}

/** RFC 5952 `::` compression of eight hex groups. */
function compress(groups: string[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/**
 * The `netstat -g` table: IPv4 groups then IPv6 groups (only one family
 * with `-4` or `-6`), names from `hosts` unless numeric.
 *
 * @example
 * ```ts
 * formatGroups([{ family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1 }]);
 * // 'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n' +
 * // '--------------- ------ ---------------------\nlo              1      224.0.0.1\n'
 * ```
 */
export function formatGroups(
  groups: readonly GroupMembership[],
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
): string {
  const f = resolveFlags(flags);
  let out =
    'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\n';
  for (const family of [4, 6] as const) {
    if (family === 4 ? !f.inet4 : !f.inet6) continue;
    for (const g of groups) {
      if (g.family !== family) continue;
      const name = hostText(g.address, family, f.numericHosts, resolvers);
      out += `${padRight(g.iface, 15)} ${padRight(String(g.refCount), 6)} ${name}\n`;
    }
  }
  return out;
}
