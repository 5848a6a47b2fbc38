/**
 * netstat 2.10's multicast group table (`-g`), from the memberships
 * `@netintro/procnet-reader` parses out of `/proc/net/igmp` and
 * `/proc/net/igmp6` (`parseIgmp`, `parseIgmp6`, `readGroups`).
 *
 * @module
 */

import type { GroupMembership } from '@netintro/procnet-reader';
import { type NetstatFlags, resolveFlags } from './flags.js';
import { hostText } from './inet.js';
import type { Resolvers } from './resolvers.js';
import { padRight } from './text.js';

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
  groups: readonly Omit<GroupMembership, 'line'>[],
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
