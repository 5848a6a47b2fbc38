/**
 * Parsing pasted socket tables: the output of `cat /proc/net/tcp
 * /proc/net/tcp6 /proc/net/udp ...` as one text, each row's table told from
 * its header and its own shape.
 *
 * @module
 */
import { ProcNetParseError } from './errors.js';
import { parseRows } from './inet/parse.js';
import { rowShape, socketTableOfHeader } from './inet/tables.js';
import type {
  InetSocket,
  InetTableName,
  OnInvalidLine,
  ParseOptions,
  UnixSocket,
} from './types.js';
import { parseUnix } from './unix.js';

/**
 * Options of {@link parseSocketTables}.
 *
 * @example
 * ```ts
 * parseSocketTables(text, { datagram: 'raw', onInvalidLine: 'skip' });
 * ```
 */
export interface ParseSocketTablesOptions extends ParseOptions {
  /**
   * What datagram rows are when nothing tells (no header, or an IPv6
   * datagram header, shared by udp6, udplite6 and raw6): default `'udp'`.
   */
  datagram?: 'udp' | 'udplite' | 'raw';
}

/**
 * One run of rows of the same table in a pasted text.
 *
 * @example
 * ```ts
 * const section: SocketTableSection = { table: 'tcp6', firstLine: 3, lines: 2, told: 'header' };
 * ```
 */
export interface SocketTableSection {
  table: InetTableName | 'unix';
  /** 1-based line of its header (or first row) in the text. */
  firstLine: number;
  /** Lines in it, header included. */
  lines: number;
  /**
   * How the table was told: from the header (`'header'`) or, without one,
   * from the rows' address width and columns (`'rows'`).
   */
  told: 'header' | 'rows';
}

/**
 * What {@link parseSocketTables} found.
 *
 * @example
 * ```ts
 * const { inet, unix, sections }: PastedSockets = parseSocketTables(text);
 * ```
 */
export interface PastedSockets {
  /** IP rows in text order, each with its `table` and its line number in the whole text. */
  inet: InetSocket[];
  /** UNIX rows, if the text had a `/proc/net/unix` part. */
  unix: UnixSocket[];
  sections: SocketTableSection[];
}

/**
 * Parses several socket tables pasted as one text, such as the output of
 * `cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/unix`: every
 * header line starts a new section, and each row comes back with its table
 * and its line number in the whole text. Pure: works in the browser.
 *
 * How the table is told, honestly:
 * - IPv4 or IPv6: from the address width of the rows (8 or 32 hex digits),
 *   also without any header; a row whose width disagrees with its section
 *   starts a new one.
 * - TCP or datagram: from the header (TCP's ends in `inode`, the others in
 *   `drops`), and without a header from the columns after the inode (TCP: 2
 *   or 7, datagram: 3).
 * - UDP, UDP-Lite or raw: the kernel prints them alike. The IPv4 UDP and
 *   UDP-Lite header starts with three spaces, raw's with two, so an intact
 *   IPv4 header tells raw from UDP; UDP from UDP-Lite, and the three IPv6
 *   datagram tables, cannot be told apart: they are taken as
 *   `options.datagram` (default `'udp'`). A raw row's "port" is the IP
 *   protocol number, so check `table` before reading it as a port.
 *
 * Bad lines follow `onInvalidLine` like every parser (default: throw a
 * `ProcNetParseError` naming the line).
 *
 * @example
 * ```ts
 * import { parseSocketTables } from '@netintro/procnet-reader';
 * const pasted = [
 *   '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
 *   '   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21 1 0000000000000000 100 0 0 10 0',
 *   '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
 *   '   0: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22 1 0000000000000000 100 0 0 10 0',
 *   '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
 *   '  255: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000   105        0 23 2 0000000000000000 0',
 * ].join('\n');
 * const { inet } = parseSocketTables(pasted);
 * inet.map((s) => `${s.table} ${s.local.address}:${s.local.port} line ${s.line}`);
 * // result: ['tcp 127.0.0.1:631 line 2', 'tcp6 ::1:631 line 4', 'udp 0.0.0.0:5353 line 6']
 * ```
 */
export function parseSocketTables(
  text: string,
  options: ParseSocketTablesOptions = {},
): PastedSockets {
  const datagram = options.datagram ?? 'udp';
  if (datagram !== 'udp' && datagram !== 'udplite' && datagram !== 'raw') {
    throw new TypeError(
      `datagram must be 'udp', 'udplite' or 'raw', got ${JSON.stringify(datagram)}`,
    );
  }
  const lines = text.split('\n');
  const result: PastedSockets = { inet: [], unix: [], sections: [] };
  const source = options.source ?? 'pasted text';
  let current: (SocketTableSection & { start: number }) | undefined;
  const sectionTexts: Array<{ section: SocketTableSection; start: number; end: number }> = [];
  const close = (end: number): void => {
    if (current === undefined) return;
    current.lines = end - current.start;
    const { start, ...section } = current;
    sectionTexts.push({ section, start, end });
    current = undefined;
  };
  const datagramTable = (family: 4 | 6): InetTableName =>
    (family === 6 ? `${datagram}6` : datagram) as InetTableName;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = socketTableOfHeader(line);
    if (header !== undefined) {
      close(i);
      let table = header;
      if (header === 'udp6' || (header === 'udp' && datagram === 'udplite')) {
        table = header === 'udp6' ? datagramTable(6) : 'udplite';
      }
      current = { table, firstLine: i + 1, lines: 0, told: 'header', start: i };
      continue;
    }
    if (current?.table === 'unix') continue;
    const shape = rowShape(line);
    if (shape === undefined) {
      if (current === undefined && line.trim() !== '') {
        // A line before any header or row: a section of its own, so the
        // parser reports it (as a bad line of the table it is closest to).
        current = { table: 'tcp', firstLine: i + 1, lines: 0, told: 'rows', start: i };
      }
      continue;
    }
    const familyOf = (t: InetTableName | 'unix'): 4 | 6 => (t.endsWith('6') ? 6 : 4);
    const tcpOf = (t: InetTableName | 'unix'): boolean => t.startsWith('tcp');
    const fits =
      current !== undefined &&
      familyOf(current.table) === shape.family &&
      (shape.tcp === undefined || tcpOf(current.table) === shape.tcp);
    if (fits) continue;
    close(i);
    const tcp = shape.tcp ?? true;
    const table: InetTableName = tcp
      ? shape.family === 6
        ? 'tcp6'
        : 'tcp'
      : datagramTable(shape.family);
    current = { table, firstLine: i + 1, lines: 0, told: 'rows', start: i };
  }
  close(lines.length);
  const policy: OnInvalidLine | undefined = options.onInvalidLine;
  for (const { section, start, end } of sectionTexts) {
    result.sections.push(section);
    const body = lines.slice(start, end).join('\n');
    const parseOptions: ParseOptions = {
      source,
      endianness: options.endianness,
      onInvalidLine: shiftIssues(policy, start),
    };
    if (section.table === 'unix') {
      for (const row of parseUnix(body, parseOptions)) {
        row.line += start;
        result.unix.push(row);
      }
    } else {
      for (const row of parseRows(section.table, body, parseOptions, undefined)) {
        row.line += start;
        result.inet.push(row);
      }
    }
  }
  return result;
}

/** A policy that reports issues with line numbers of the whole text. */
function shiftIssues(policy: OnInvalidLine | undefined, offset: number): OnInvalidLine {
  if (policy === 'skip') return 'skip';
  return (issue) => {
    const shifted = {
      ...issue,
      line: issue.line + offset,
      message: issue.message.replace(`:${issue.line}:`, `:${issue.line + offset}:`),
    };
    if (policy === undefined || policy === 'throw') {
      throw new ProcNetParseError(shifted);
    }
    policy(shifted);
  };
}
