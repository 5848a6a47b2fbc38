/**
 * The whole socket report netstat prints for a set of flags.
 *
 * @module
 */

import type {
  GroupMembership,
  InetSocket,
  InterfaceCounters,
  UnixSocket,
} from '@netintro/procnet-reader';
import { type NetstatFlags, type NetstatMode, resolveFlags } from './flags.js';
import { formatGroups } from './groups.js';
import { formatInterfaceTable, type InterfaceState } from './iface.js';
import { type FormatOptions, formatInetTable } from './inet.js';
import type { Resolvers } from './resolvers.js';
import { formatRoutes, type RouteInput } from './route.js';
import { formatStatistics, type StatisticsInput } from './stats.js';
import { formatUnixTable } from './unix.js';

/**
 * The records a socket report is made from.
 *
 * @example
 * ```ts
 * const input: SocketInput = { inet: parseProcNet('tcp', tcpText), unix: parseProcNet('unix', unixText) };
 * ```
 */
export interface SocketInput {
  /** Rows of tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6 in any order. */
  inet?: readonly InetSocket[];
  /** Rows of `/proc/net/unix`. */
  unix?: readonly UnixSocket[];
}

/**
 * Renders netstat's socket report: the Internet table when any of tcp, udp,
 * udplite or raw is selected, then the UNIX table when it is (see
 * `resolveFlags` for netstat's defaults). Pure and synchronous: names come
 * from `resolvers`, resolved beforehand.
 *
 * @example
 * ```ts
 * import { parseProcNet } from '@netintro/procnet-reader';
 * const text = formatNetstat(
 *   { inet: parseProcNet('tcp', tcpText), unix: parseProcNet('unix', unixText) },
 *   { all: true, numeric: true },
 * );
 * ```
 */
export function formatNetstat(
  input: SocketInput,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: FormatOptions = {},
): string {
  const f = resolveFlags(flags);
  let out = '';
  if (f.tcp || f.udp || f.udplite || f.raw) {
    out += formatInetTable(input.inet ?? [], f, resolvers, options);
  }
  if (f.unix) out += formatUnixTable(input.unix ?? [], f, resolvers);
  return out;
}

/**
 * Everything the reports can be made from; each report uses its part.
 *
 * @example
 * ```ts
 * const input: ReportInput = { route: parseProcNet('route', routeText) };
 * formatReport('route', input, { numeric: true });
 * ```
 */
export interface ReportInput extends SocketInput, RouteInput, StatisticsInput {
  /** `/proc/net/dev` rows, for `-i`. */
  dev?: readonly InterfaceCounters[];
  /** MTU and flags per interface, for `-i` (see `interfaceStateFromSysfs`). */
  interfaceState?: (iface: string) => InterfaceState | undefined;
  /** Multicast memberships (procnet-reader's `parseIgmp`, `parseIgmp6`, `readGroups`), for `-g`. */
  groups?: readonly Omit<GroupMembership, 'line'>[];
}

/**
 * Renders the report a parsed command line asks for: the socket tables,
 * `-r` routes, `-i` interfaces, `-s` statistics or `-g` groups (netstat
 * prints the socket tables before the groups when `-g` comes with a socket
 * type or family, e.g. `-g -4`). `help` and `version` are the caller's
 * business (see `NETSTAT_USAGE`); other modes throw.
 *
 * @example
 * ```ts
 * const args = parseNetstatArgs(['-rn']);
 * if (args.ok) process.stdout.write(formatReport(args.mode, { route }, args.flags));
 * ```
 */
export function formatReport(
  mode: NetstatMode,
  input: ReportInput,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: FormatOptions = {},
): string {
  switch (mode) {
    case 'sockets':
      return formatNetstat(input, flags, resolvers, options);
    case 'route':
      return formatRoutes(input, flags, resolvers);
    case 'interfaces':
      return formatInterfaceTable(
        input.dev ?? [],
        input.interfaceState ?? (() => undefined),
        flags,
      );
    case 'statistics':
      return formatStatistics(input, flags);
    case 'groups': {
      const f = flags;
      const sockets = f.tcp || f.udp || f.udplite || f.raw || f.unix || f.inet4 || f.inet6;
      return (
        (sockets ? formatNetstat(input, flags, resolvers, options) : '') +
        formatGroups(input.groups ?? [], flags, resolvers)
      );
    }
    default:
      throw new Error(`formatReport: no ${mode} report in @netintro/socket-formatter`);
  }
}
