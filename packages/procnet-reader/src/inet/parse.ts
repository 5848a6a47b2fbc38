/**
 * The public parsers of the Internet socket tables: `parseInetLine` (one
 * line, with the string scanner), `parseInetTable` and its per-table names
 * (`parseTcp`, ...), and `parseRows`, the table loop the node readers call
 * with a row filter. The loop hands each line to the byte scanner first and
 * to the string scanner when the byte scanner does not take it.
 *
 * @module
 */

import { checkEndianness } from '../address.js';
import { reportIssue } from '../errors.js';
import { LineSpans } from '../lines.js';
import type {
  Endianness,
  InetSocket,
  InetTableName,
  ParseOptions,
  RawSocket,
  TcpSocket,
  UdpSocket,
} from '../types.js';
import { scanInetBytes, windowHolds } from './byte-scanner.js';
import { releaseCursor, takeCursor } from './cursor.js';
import { type RowFilter, SKIP } from './filter.js';
import { headerMismatch, rowHint, tableInfo } from './tables.js';
import { scanInetLine } from './text-scanner.js';

function resolveEndianness(options: ParseOptions | undefined): Endianness {
  const endianness = options?.endianness ?? 'little';
  checkEndianness(endianness);
  return endianness;
}

/**
 * Parses one line of a socket table. Returns `undefined` for the header and
 * for blank lines. A bad line is handled by `options.onInvalidLine`: thrown
 * as a {@link ProcNetParseError} (default), skipped, or passed to a callback;
 * in the last two cases the result is `undefined` too.
 *
 * Streaming readers use this to parse as lines arrive.
 *
 * @param table - the table the line comes from (`'tcp'`, `'udp6'`, ...).
 * @param line - the line, without or with its newline.
 * @param lineNumber - 1-based, for the record and for errors.
 *
 * @example
 * ```ts
 * const s = parseInetLine('tcp', '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0', 2);
 * s?.local; // { address: '127.0.0.1', addressHex: '0100007F', port: 8080 }
 * s?.state; // 'LISTEN'
 * ```
 */
export function parseInetLine(
  table: 'tcp' | 'tcp6',
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): TcpSocket | undefined;
export function parseInetLine(
  table: 'udp' | 'udp6' | 'udplite' | 'udplite6',
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): UdpSocket | undefined;
export function parseInetLine(
  table: 'raw' | 'raw6',
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): RawSocket | undefined;
export function parseInetLine(
  table: InetTableName,
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): InetSocket | undefined;
export function parseInetLine(
  table: InetTableName,
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): InetSocket | undefined {
  const info = tableInfo(table);
  const endianness = resolveEndianness(options);
  const c = takeCursor(table, info, endianness, undefined);
  const result = scanInetLine(c, line, 0, line.length, lineNumber);
  const { failCode, failExpected } = c;
  releaseCursor(c);
  if (result !== null) return result;
  const raw = line.endsWith('\n') ? line.slice(0, line.endsWith('\r\n') ? -2 : -1) : line;
  reportIssue(
    options?.onInvalidLine,
    failCode,
    options?.source ?? `/proc/net/${table}`,
    lineNumber,
    raw,
    failExpected + rowHint(table, raw),
  );
  return undefined;
}

/**
 * Parses a whole socket table (`/proc/net/tcp`, `tcp6`, `udp`, `udp6`,
 * `udplite`, `udplite6`, `raw` or `raw6`): one record per socket line, every
 * column kept and typed. The header and blank lines are ignored; 12-field
 * mini-socket lines (TIME_WAIT, SYN_RECV, orphaned FIN_WAIT2) are normal;
 * columns a newer kernel adds land in `extra`.
 *
 * @example
 * ```ts
 * const text = [
 *   '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
 *   '   0: 0100007F:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0',
 * ].join('\n');
 * parseInetTable('tcp', text)[0]?.local.port; // 53
 * ```
 */
export function parseInetTable(
  table: 'tcp' | 'tcp6',
  text: string,
  options?: ParseOptions,
): TcpSocket[];
export function parseInetTable(
  table: 'udp' | 'udp6' | 'udplite' | 'udplite6',
  text: string,
  options?: ParseOptions,
): UdpSocket[];
export function parseInetTable(
  table: 'raw' | 'raw6',
  text: string,
  options?: ParseOptions,
): RawSocket[];
export function parseInetTable(
  table: InetTableName,
  text: string,
  options?: ParseOptions,
): InetSocket[];
export function parseInetTable(
  table: InetTableName,
  text: string,
  options?: ParseOptions,
): InetSocket[] {
  return parseRows(table, text, options, undefined);
}

/**
 * @internal
 * parseInetTable with an optional {@link RowFilter}.
 */
export function parseRows(
  table: InetTableName,
  text: string,
  options: ParseOptions | undefined,
  filter: RowFilter | undefined,
): InetSocket[] {
  const info = tableInfo(table);
  const endianness = resolveEndianness(options);
  const policy = options?.onInvalidLine;
  const out: InetSocket[] = [];
  const c = takeCursor(table, info, endianness, filter);
  const lines = new LineSpans(text);
  while (lines.next()) {
    const start = lines.start;
    const end = lines.end;
    const lineNumber = lines.number;
    let record: InetSocket | undefined | null;
    if (windowHolds(c, text, start, end)) {
      record = scanInetBytes(c, text, start, end, lineNumber);
      record ??= scanInetLine(c, text, start, end, lineNumber);
    } else {
      record = scanInetLine(c, text, start, end, lineNumber);
    }
    if (record === SKIP) {
      // filtered out
    } else if (record) {
      out.push(record);
    } else if (record === undefined) {
      // A header (or blank line): a header of another table is an error.
      const other = headerMismatch(table, text.slice(start, end));
      if (other !== undefined) {
        reportIssue(
          policy,
          'wrong-table',
          options?.source ?? `/proc/net/${table}`,
          lineNumber,
          text.slice(start, end).trimEnd(),
          `the header of /proc/net/${table}; this is the header of ${other}`,
        );
      }
    } else {
      const raw = text.slice(start, lines.contentEnd());
      reportIssue(
        policy,
        c.failCode,
        options?.source ?? `/proc/net/${table}`,
        lineNumber,
        raw,
        c.failExpected + rowHint(table, raw),
      );
    }
  }
  releaseCursor(c);
  return out;
}

/**
 * Parses `/proc/net/tcp` (IPv4 TCP sockets).
 *
 * @example
 * ```ts
 * parseTcp('   1: 0100007F:1F90 0100007F:D6B4 01 00000000:00000000 00:00000000 00000000  1000        0 5678 1 0000000000000000 20 4 30 10 -1')[0]?.state;
 * // 'ESTABLISHED'
 * ```
 */
export function parseTcp(text: string, options?: ParseOptions): TcpSocket[] {
  return parseInetTable('tcp', text, options);
}

/**
 * Parses `/proc/net/tcp6` (IPv6 TCP sockets, including IPv4-mapped ones).
 *
 * @example
 * ```ts
 * parseTcp6('   0: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1 0000000000000000 100 0 0 10 0')[0]?.local.address;
 * // '::1'
 * ```
 */
export function parseTcp6(text: string, options?: ParseOptions): TcpSocket[] {
  return parseInetTable('tcp6', text, options);
}

/**
 * Parses `/proc/net/udp`. State `CLOSE` (0x07) means unconnected,
 * `ESTABLISHED` (0x01) connected.
 *
 * @example
 * ```ts
 * parseUdp(' 1236: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 777 2 0000000000000000 0')[0]?.drops;
 * // 0
 * ```
 */
export function parseUdp(text: string, options?: ParseOptions): UdpSocket[] {
  return parseInetTable('udp', text, options);
}

/**
 * Parses `/proc/net/udp6`.
 *
 * @example
 * ```ts
 * parseUdp6(text).filter((s) => s.state === 'CLOSE'); // unconnected UDP sockets
 * ```
 */
export function parseUdp6(text: string, options?: ParseOptions): UdpSocket[] {
  return parseInetTable('udp6', text, options);
}

/**
 * Parses `/proc/net/udplite`.
 *
 * @example
 * ```ts
 * parseUdplite(text).length; // number of UDP-Lite sockets
 * ```
 */
export function parseUdplite(text: string, options?: ParseOptions): UdpSocket[] {
  return parseInetTable('udplite', text, options);
}

/**
 * Parses `/proc/net/udplite6`.
 *
 * @example
 * ```ts
 * parseUdplite6(text).map((s) => s.local.port);
 * ```
 */
export function parseUdplite6(text: string, options?: ParseOptions): UdpSocket[] {
  return parseInetTable('udplite6', text, options);
}

/**
 * Parses `/proc/net/raw`. The "port" is the IP protocol number (1 = ICMP).
 *
 * @example
 * ```ts
 * parseRaw('    1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4321 2 0000000000000000 0')[0]?.local.port;
 * // 1
 * ```
 */
export function parseRaw(text: string, options?: ParseOptions): RawSocket[] {
  return parseInetTable('raw', text, options);
}

/**
 * Parses `/proc/net/raw6`. The "port" is the IP protocol number (58 = ICMPv6).
 *
 * @example
 * ```ts
 * parseRaw6(text).filter((s) => s.local.port === 58); // ICMPv6 raw sockets
 * ```
 */
export function parseRaw6(text: string, options?: ParseOptions): RawSocket[] {
  return parseInetTable('raw6', text, options);
}
