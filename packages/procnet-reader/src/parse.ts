/**
 * `parseProcNet`: any `/proc/net` table netstat reads, chosen by its file
 * name, and the list of those names.
 *
 * @module
 */

import { parseInetTable } from './inet/parse.js';
import { INET_TABLES } from './inet/tables.js';
import { parseDev, parseIpv6Route, parseRoute } from './route.js';
import { parseNetstat, parseSnmp, parseSnmp6 } from './stats.js';
import type {
  InetSocket,
  InetTableName,
  InterfaceCounters,
  Ipv4Route,
  Ipv6Route,
  ParseOptions,
  ProcNetTableName,
  ProtocolStatistics,
  RawSocket,
  TcpSocket,
  UdpSocket,
  UnixSocket,
} from './types.js';
import { parseUnix } from './unix.js';

/**
 * What {@link parseProcNet} returns for each table name.
 *
 * @example
 * ```ts
 * type Rows = ProcNetRecords['route']; // Ipv4Route[]
 * ```
 */
export interface ProcNetRecords {
  tcp: TcpSocket[];
  tcp6: TcpSocket[];
  udp: UdpSocket[];
  udp6: UdpSocket[];
  udplite: UdpSocket[];
  udplite6: UdpSocket[];
  raw: RawSocket[];
  raw6: RawSocket[];
  unix: UnixSocket[];
  route: Ipv4Route[];
  ipv6_route: Ipv6Route[];
  dev: InterfaceCounters[];
  snmp: ProtocolStatistics;
  snmp6: ProtocolStatistics;
  netstat: ProtocolStatistics;
}

/**
 * Every table name {@link parseProcNet} understands.
 *
 * @example
 * ```ts
 * PROC_NET_TABLES.includes('ipv6_route'); // true
 * ```
 */
export const PROC_NET_TABLES: readonly ProcNetTableName[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ (INET_TABLES as readonly ProcNetTableName[]).concat([
    'unix',
    'route',
    'ipv6_route',
    'dev',
    'snmp',
    'snmp6',
    'netstat',
  ]),
);

/**
 * Parses the text of any `/proc/net` table netstat reads, chosen by its
 * file name under `/proc/net`. Same as calling the table's own parser
 * (`parseTcp`, `parseUnix`, `parseRoute`, ...).
 *
 * @throws TypeError for a table name it does not know.
 *
 * @example
 * ```ts
 * const sockets = parseProcNet('tcp', tcpText); // InetSocket[]
 * const stats = parseProcNet('snmp', snmpText); // ProtocolStatistics
 * const unix = parseProcNet('unix', unixText, { onInvalidLine: 'skip' }); // UnixSocket[]
 * ```
 */
export function parseProcNet(
  table: 'tcp' | 'tcp6',
  text: string,
  options?: ParseOptions,
): TcpSocket[];
export function parseProcNet(
  table: 'udp' | 'udp6' | 'udplite' | 'udplite6',
  text: string,
  options?: ParseOptions,
): UdpSocket[];
export function parseProcNet(
  table: 'raw' | 'raw6',
  text: string,
  options?: ParseOptions,
): RawSocket[];
export function parseProcNet(
  table: InetTableName,
  text: string,
  options?: ParseOptions,
): InetSocket[];
export function parseProcNet(table: 'unix', text: string, options?: ParseOptions): UnixSocket[];
export function parseProcNet(table: 'route', text: string, options?: ParseOptions): Ipv4Route[];
export function parseProcNet(
  table: 'ipv6_route',
  text: string,
  options?: ParseOptions,
): Ipv6Route[];
export function parseProcNet(
  table: 'dev',
  text: string,
  options?: ParseOptions,
): InterfaceCounters[];
export function parseProcNet(
  table: 'snmp' | 'snmp6' | 'netstat',
  text: string,
  options?: ParseOptions,
): ProtocolStatistics;
export function parseProcNet<T extends ProcNetTableName>(
  table: T,
  text: string,
  options?: ParseOptions,
): ProcNetRecords[T];
export function parseProcNet(
  table: ProcNetTableName,
  text: string,
  options?: ParseOptions,
): ProcNetRecords[ProcNetTableName] | InetSocket[] {
  switch (table) {
    case 'tcp':
    case 'tcp6':
    case 'udp':
    case 'udp6':
    case 'udplite':
    case 'udplite6':
    case 'raw':
    case 'raw6':
      return parseInetTable(table, text, options);
    case 'unix':
      return parseUnix(text, options);
    case 'route':
      return parseRoute(text, options);
    case 'ipv6_route':
      return parseIpv6Route(text, options);
    case 'dev':
      return parseDev(text, options);
    case 'snmp':
      return parseSnmp(text, options);
    case 'snmp6':
      return parseSnmp6(text, options);
    case 'netstat':
      return parseNetstat(text, options);
    default:
      throw new TypeError(
        `unknown /proc/net table ${JSON.stringify(table)}; expected one of ${PROC_NET_TABLES.join(', ')}`,
      );
  }
}
