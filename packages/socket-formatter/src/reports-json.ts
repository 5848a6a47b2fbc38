/**
 * The JSON documents of the other reports, beside the socket JSON of
 * `json.ts`: routes (`-r`), interfaces (`-i`, `-ie`), statistics (`-s`) and
 * multicast groups (`-g`). Each document is `{ version, <report> }`, and
 * each has a JSON Schema file in this package (`schemas/*.json`, exported
 * as `@netintro/socket-formatter/schemas/<name>.json`). Parser internals
 * (`line`, `slot`, `pointer`) are left out unless `internals` is set.
 *
 * @module
 */

import type {
  GroupMembership,
  InterfaceAddress6,
  InterfaceCounters,
  Ipv4Route,
  Ipv6Route,
  ProtocolStatistics,
} from '@netintro/procnet-reader';
import type { InterfaceState } from './iface.js';
import type { InterfaceDetails } from './iface-long.js';

/**
 * Options of every JSON builder.
 *
 * @example
 * ```ts
 * routesJson({ ipv4: routes }, { internals: true }).routes.ipv4?.[0]?.line; // 2
 * ```
 */
export interface JsonOptions {
  /**
   * Keep the parser's bookkeeping fields: `line` (the record's line in its
   * file), and in socket documents `slot` and `pointer` (kernel addresses).
   * Default false: they describe the input text, not the system.
   */
  internals?: boolean;
}

const INTERNAL_KEYS = ['line', 'slot', 'pointer'] as const;

/** @internal A shallow copy of `record` without the internal keys (unless asked for). */
export function withoutInternals<T extends object>(record: T, options: JsonOptions = {}): T {
  if (options.internals) return { ...record };
  const out = { ...record } as Record<string, unknown>;
  for (const key of INTERNAL_KEYS) delete out[key];
  return out as T;
}

/** A record in a JSON document: `line` only with `internals`. */
type Public<T> = Omit<T, 'line'> & { line?: number };

/**
 * Version of the routes document layout; bumped only on incompatible change.
 *
 * @example
 * ```ts
 * routesJson({}).version === ROUTES_JSON_VERSION; // true
 * ```
 */
export const ROUTES_JSON_VERSION = 1;

/**
 * The routes document (`netintro -r --json`), as `schemas/routes-v1.json` describes it.
 *
 * @example
 * ```ts
 * const doc: RoutesJson = routesJson({ ipv4: parseRoute(text) });
 * ```
 */
export interface RoutesJson {
  version: typeof ROUTES_JSON_VERSION;
  routes: { ipv4?: Public<Ipv4Route>[]; ipv6?: Public<Ipv6Route>[] };
}

/**
 * The routes document for the tables given (leave a family out to leave it
 * out of the document).
 *
 * @example
 * ```ts
 * import { parseRoute } from '@netintro/procnet-reader';
 * routesJson({ ipv4: parseRoute(routeText) }).routes.ipv4?.[0]?.iface; // 'eth0'
 * ```
 */
export function routesJson(
  routes: { ipv4?: readonly Ipv4Route[]; ipv6?: readonly Ipv6Route[] },
  options: JsonOptions = {},
): RoutesJson {
  const out: RoutesJson['routes'] = {};
  if (routes.ipv4) out.ipv4 = routes.ipv4.map((r) => withoutInternals(r, options));
  if (routes.ipv6) out.ipv6 = routes.ipv6.map((r) => withoutInternals(r, options));
  return { version: ROUTES_JSON_VERSION, routes: out };
}

/**
 * Version of the interfaces documents (`-i` and `-ie`); bumped only on incompatible change.
 *
 * @example
 * ```ts
 * interfacesJson([]).version === INTERFACES_JSON_VERSION; // true
 * ```
 */
export const INTERFACES_JSON_VERSION = 1;

/**
 * One interface of the `-i` document: its `/proc/net/dev` counters, and the
 * MTU and flags netstat gets by ioctl when they are known.
 *
 * @example
 * ```ts
 * const lo: InterfaceJson = { iface: 'lo', rx, tx, mtu: 65536, flags: 0x49 };
 * ```
 */
export type InterfaceJson = Public<InterfaceCounters> & Partial<InterfaceState>;

/**
 * The interfaces document (`netintro -i --json`, `schemas/interfaces-v1.json`).
 *
 * @example
 * ```ts
 * const doc: InterfacesJson = interfacesJson(parseDev(devText));
 * ```
 */
export interface InterfacesJson {
  version: typeof INTERFACES_JSON_VERSION;
  interfaces: InterfaceJson[];
}

/**
 * The `-i` document: every counter row (in file order), with `mtu` and
 * `flags` from `state` when it knows the interface.
 *
 * @example
 * ```ts
 * interfacesJson(parseDev(devText), () => ({ mtu: 65536, flags: 0x49 })).interfaces[0]?.mtu; // 65536
 * ```
 */
export function interfacesJson(
  counters: readonly InterfaceCounters[],
  state: (iface: string) => InterfaceState | undefined = () => undefined,
  options: JsonOptions = {},
): InterfacesJson {
  return {
    version: INTERFACES_JSON_VERSION,
    interfaces: counters.map((c) => ({ ...withoutInternals(c, options), ...state(c.iface) })),
  };
}

/**
 * The long interfaces document (`netintro -ie --json`,
 * `schemas/interface-details-v1.json`).
 *
 * @example
 * ```ts
 * const doc: InterfaceDetailsJson = interfaceDetailsJson(interfaces, ipv6);
 * ```
 */
export interface InterfaceDetailsJson {
  version: typeof INTERFACES_JSON_VERSION;
  interfaces: (Omit<InterfaceDetails, 'counters'> & { counters?: Public<InterfaceCounters> })[];
  ipv6: Public<InterfaceAddress6>[];
}

/**
 * The `-ie` document: one entry per device or IPv4 label, and the IPv6
 * addresses of `/proc/net/if_inet6`.
 *
 * @example
 * ```ts
 * interfaceDetailsJson([{ name: 'lo', flags: 0x49, mtu: 65536, hardwareType: 772 }], []).interfaces[0]?.name; // 'lo'
 * ```
 */
export function interfaceDetailsJson(
  interfaces: readonly InterfaceDetails[],
  ipv6: readonly InterfaceAddress6[],
  options: JsonOptions = {},
): InterfaceDetailsJson {
  return {
    version: INTERFACES_JSON_VERSION,
    interfaces: interfaces.map((i) => {
      const { counters, ...rest } = i;
      return counters ? { ...rest, counters: withoutInternals(counters, options) } : { ...rest };
    }),
    ipv6: ipv6.map((a) => withoutInternals(a, options)),
  };
}

/**
 * Version of the statistics document; bumped only on incompatible change.
 *
 * @example
 * ```ts
 * statisticsJson({ snmp: {}, netstat: {}, snmp6: {} }).version === STATISTICS_JSON_VERSION; // true
 * ```
 */
export const STATISTICS_JSON_VERSION = 1;

/**
 * The statistics document (`netintro -s --json`, `schemas/statistics-v1.json`).
 *
 * @example
 * ```ts
 * const doc: StatisticsJson = statisticsJson(await readStatistics());
 * doc.statistics.snmp.Tcp?.ActiveOpens;
 * ```
 */
export interface StatisticsJson {
  version: typeof STATISTICS_JSON_VERSION;
  statistics: { snmp: ProtocolStatistics; netstat: ProtocolStatistics; snmp6: ProtocolStatistics };
}

/**
 * The statistics document: the three files' counters as parsed, group by
 * group, with the kernel's names.
 *
 * @example
 * ```ts
 * statisticsJson({ snmp: { Tcp: { MaxConn: -1 } }, netstat: {}, snmp6: {} }).statistics.snmp.Tcp?.MaxConn; // -1
 * ```
 */
export function statisticsJson(statistics: {
  snmp?: ProtocolStatistics;
  netstat?: ProtocolStatistics;
  snmp6?: ProtocolStatistics;
}): StatisticsJson {
  return {
    version: STATISTICS_JSON_VERSION,
    statistics: {
      snmp: statistics.snmp ?? {},
      netstat: statistics.netstat ?? {},
      snmp6: statistics.snmp6 ?? {},
    },
  };
}

/**
 * Version of the multicast groups document; bumped only on incompatible change.
 *
 * @example
 * ```ts
 * groupsJson([]).version === GROUPS_JSON_VERSION; // true
 * ```
 */
export const GROUPS_JSON_VERSION = 1;

/**
 * The multicast groups document (`netintro -g --json`, `schemas/groups-v1.json`).
 *
 * @example
 * ```ts
 * const doc: GroupsJson = groupsJson(await readGroups());
 * ```
 */
export interface GroupsJson {
  version: typeof GROUPS_JSON_VERSION;
  groups: Public<GroupMembership>[];
}

/**
 * The `-g` document: one object per membership, IPv4 first as given.
 *
 * @example
 * ```ts
 * groupsJson([{ family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1, line: 3 }]).groups[0];
 * // { family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1 }
 * ```
 */
export function groupsJson(
  groups: readonly GroupMembership[],
  options: JsonOptions = {},
): GroupsJson {
  return {
    version: GROUPS_JSON_VERSION,
    groups: groups.map((g) => withoutInternals(g, options)),
  };
}
