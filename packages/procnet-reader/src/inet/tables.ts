/**
 * Facts about the Internet socket tables (`/proc/net/tcp`, `tcp6`, `udp`,
 * `udp6`, `udplite`, `udplite6`, `raw`, `raw6`): their names in netstat's
 * order, protocol and family, and how a header line or a row tells which
 * table it belongs to. Every other module (parsers, node readers, the
 * formatter) takes the table list from here.
 *
 * @module
 */

import type { InetProtocol, InetTableName } from '../types.js';

/** @internal What the scanners need to know of a table. */
export interface TableInfo {
  protocol: InetProtocol;
  family: 4 | 6;
  /** Hex digits of an address in this table. */
  addressDigits: number;
}

/**
 * Names of the Internet socket tables, in the order netstat reads and
 * prints them: tcp, udp, udplite, raw, each IPv4 then IPv6.
 *
 * @example
 * ```ts
 * INET_TABLES.includes('udp6'); // true
 * INET_TABLES[1]; // 'tcp6'
 * ```
 */
export const INET_TABLES: readonly InetTableName[] = /* @__PURE__ */ Object.freeze([
  'tcp',
  'tcp6',
  'udp',
  'udp6',
  'udplite',
  'udplite6',
  'raw',
  'raw6',
]);

/** @internal The address family of a table: tables of IPv6 sockets end in `6`. */
export function tableFamily(table: InetTableName): 4 | 6 {
  return table.endsWith('6') ? 6 : 4;
}

/** @internal The protocol of a table, from its name. */
export function tableProtocol(table: InetTableName): InetProtocol {
  return table.startsWith('tcp')
    ? 'tcp'
    : table.startsWith('udplite')
      ? 'udplite'
      : table.startsWith('udp')
        ? 'udp'
        : 'raw';
}

/** @internal The IPv4 tables of {@link INET_TABLES}, in its order. */
export const INET4_TABLES: readonly InetTableName[] = /* @__PURE__ */ INET_TABLES.filter(
  (t) => tableFamily(t) === 4,
);
/** @internal The IPv6 tables of {@link INET_TABLES}, in its order. */
export const INET6_TABLES: readonly InetTableName[] = /* @__PURE__ */ INET_TABLES.filter(
  (t) => tableFamily(t) === 6,
);

let infos: Map<string, TableInfo> | undefined;

/** @internal The {@link TableInfo} of a table; a TypeError names the known tables for any other name. */
export function tableInfo(table: InetTableName): TableInfo {
  infos ??= new Map(
    INET_TABLES.map((t) => {
      const family = tableFamily(t);
      return [t, { protocol: tableProtocol(t), family, addressDigits: family === 6 ? 32 : 8 }];
    }),
  );
  const info = infos.get(table);
  if (info === undefined) {
    throw new TypeError(
      `unknown socket table ${JSON.stringify(table)}; expected one of ${INET_TABLES.join(', ')}`,
    );
  }
  return info;
}

/**
 * What a header line of a socket table says about its table.
 *
 * - TCP headers end in `inode`; UDP, UDP-Lite and raw headers in `inode ref pointer drops`.
 * - IPv6 headers name the column `remote_address`, IPv4 ones `rem_address`.
 * - IPv4 UDP and UDP-Lite headers start with three spaces, raw with two (the
 *   kernel's own spelling; pasting can change it). IPv6 UDP, UDP-Lite and raw
 *   share one header.
 *
 * @example
 * ```ts
 * socketTableOfHeader('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode');
 * // 'tcp'
 * ```
 * @returns the table, `'udp6'` for any IPv6 datagram header, `'unix'` for
 *   the UNIX header, undefined when the line is no socket table header.
 */
export function socketTableOfHeader(line: string): InetTableName | 'unix' | undefined {
  const text = line.trimEnd();
  const start = text.trimStart();
  if (start.startsWith('Num ') && start.includes('RefCount') && start.includes('Inode')) {
    return 'unix';
  }
  if (!/^sl\s/.test(start) || !start.includes('local_address')) return undefined;
  const six = start.includes('remote_address');
  if (/\sinode$/.test(start)) return six ? 'tcp6' : 'tcp';
  if (/\sdrops$/.test(start)) {
    if (six) return 'udp6';
    return text.startsWith('   sl') ? 'udp' : 'raw';
  }
  return undefined;
}

/** @internal Shape of a socket row: the family from the address width, TCP or datagram from the columns. */
export function rowShape(line: string): { family: 4 | 6; tcp: boolean | undefined } | undefined {
  const fields = line.trim().split(/\s+/);
  const local = fields[1];
  if (fields.length < 10 || local === undefined || !/^\d+:$/.test(fields[0] ?? ''))
    return undefined;
  const width = local.indexOf(':');
  const family = width === 8 ? 4 : width === 32 ? 6 : undefined;
  if (family === undefined) return undefined;
  // sl local remote st tx:rx tr:when retrnsmt uid timeout inode, then:
  // tcp full sockets 7 more (refcnt pointer rto ato quick cwnd ssthresh),
  // tcp mini-sockets 2 (refcnt pointer), udp/udplite/raw 3 (ref pointer drops).
  const tail = fields.length - 10;
  const tcp = tail === 7 || tail === 2 ? true : tail === 3 ? false : undefined;
  return { family, tcp };
}

/** @internal Which other table a header line belongs to, when it is plainly not `table`'s. */
export function headerMismatch(table: InetTableName, line: string): string | undefined {
  const header = socketTableOfHeader(line);
  if (header === undefined || header === table) return undefined;
  if (header === 'unix') return '/proc/net/unix';
  // Only TCP against datagram is claimed: hand-made files often reuse the
  // IPv4 header for IPv6 rows (netstat never reads headers), and the
  // udp/udplite/raw headers are alike. A row of the other family says so itself.
  if (header.startsWith('tcp') === table.startsWith('tcp')) return undefined;
  return header.startsWith('tcp')
    ? `/proc/net/${header}`
    : `/proc/net/${tableFamily(header) === 6 ? 'udp6, udplite6 or raw6' : header === 'raw' ? 'raw' : 'udp or udplite'}`;
}

/** @internal For a bad row: which table it looks like, when not this one (text to append to `expected`). */
export function rowHint(table: InetTableName, raw: string): string {
  const shape = rowShape(raw);
  if (shape === undefined) return '';
  const familyDiffers = shape.family !== tableFamily(table);
  const tcpDiffers = shape.tcp !== undefined && shape.tcp !== table.startsWith('tcp');
  if (!familyDiffers && !tcpDiffers) return '';
  const tcp = shape.tcp ?? table.startsWith('tcp');
  const guess = tcp
    ? `tcp${shape.family === 6 ? '6' : ''}`
    : shape.family === 6
      ? 'udp6, udplite6 or raw6'
      : 'udp, udplite or raw';
  return ` (this row looks like one of /proc/net/${guess})`;
}
