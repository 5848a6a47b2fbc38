import { checkEndianness, decodeAddressCached, hexDigit } from './address.js';
import { reportIssue } from './errors.js';
import { tcpStateName, timerKindName } from './states.js';
import type {
  Endianness,
  Endpoint,
  InetProtocol,
  InetSocket,
  InetTableName,
  ParseOptions,
} from './types.js';

interface TableInfo {
  protocol: InetProtocol;
  family: 4 | 6;
  /** Hex digits of an address in this table. */
  addressDigits: number;
}

const TABLE_INFO: Readonly<Record<InetTableName, TableInfo>> = {
  tcp: { protocol: 'tcp', family: 4, addressDigits: 8 },
  tcp6: { protocol: 'tcp', family: 6, addressDigits: 32 },
  udp: { protocol: 'udp', family: 4, addressDigits: 8 },
  udp6: { protocol: 'udp', family: 6, addressDigits: 32 },
  udplite: { protocol: 'udplite', family: 4, addressDigits: 8 },
  udplite6: { protocol: 'udplite', family: 6, addressDigits: 32 },
  raw: { protocol: 'raw', family: 4, addressDigits: 8 },
  raw6: { protocol: 'raw', family: 6, addressDigits: 32 },
};

/**
 * Names of the Internet socket tables, in the order netstat reads them.
 *
 * @example
 * ```ts
 * INET_TABLES.includes('udp6'); // true
 * ```
 */
export const INET_TABLES: readonly InetTableName[] = Object.freeze([
  'tcp',
  'tcp6',
  'udp',
  'udp6',
  'udplite',
  'udplite6',
  'raw',
  'raw6',
]);

function tableInfo(table: InetTableName): TableInfo {
  const info = TABLE_INFO[table];
  if (info === undefined || !Object.hasOwn(TABLE_INFO, table)) {
    throw new TypeError(
      `unknown socket table ${JSON.stringify(table)}; expected one of ${INET_TABLES.join(', ')}`,
    );
  }
  return info;
}

// Scanner state. The scanner is not re-entrant mid-line, and never needs to
// be: callbacks run only after a line is finished.
let pos = 0;
let failCode = '';
let failExpected = '';

function fail(code: string, expected: string): null {
  failCode = code;
  failExpected = expected;
  return null;
}

function skipSpace(s: string, end: number): void {
  while (pos < end && s.charCodeAt(pos) <= 32) pos++;
}

function atBoundary(s: string, end: number): boolean {
  return pos >= end || s.charCodeAt(pos) <= 32;
}

/** Reads 1..maxDigits hex digits at pos. Returns -1 when there are none or too many. */
function readHex(s: string, end: number, maxDigits: number): number {
  const start = pos;
  let v = 0;
  while (pos < end) {
    const d = hexDigit(s.charCodeAt(pos));
    if (d < 0) break;
    v = v * 16 + d;
    pos++;
  }
  const n = pos - start;
  return n === 0 || n > maxDigits ? -1 : v;
}

/** Reads a decimal integer (optionally signed) ending at a boundary; NaN when malformed. */
function readDecimal(s: string, end: number, signed: boolean): number {
  let negative = false;
  if (signed && pos < end && s.charCodeAt(pos) === 45) {
    negative = true;
    pos++;
  }
  const start = pos;
  let v = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    pos++;
  }
  if (pos === start || pos - start > 20 || !atBoundary(s, end)) return Number.NaN;
  return negative ? -v : v;
}

/** Reads one whitespace-delimited token as a string. */
function readToken(s: string, end: number): string {
  const start = pos;
  while (pos < end && s.charCodeAt(pos) > 32) pos++;
  return s.slice(start, pos);
}

const PORT_EXPECTED = 'a port of 1-4 hex digits after the address';

function readEndpoint(
  s: string,
  end: number,
  digits: number,
  endianness: Endianness,
  which: string,
): Endpoint | null {
  const start = pos;
  const colon = start + digits;
  const expected = `${which} address as ${digits} hex digits, ':' and a hex port`;
  if (colon >= end || s.charCodeAt(colon) !== 58) return fail('bad-address', expected);
  const addressHex = s.slice(start, colon);
  const address = decodeAddressCached(addressHex, endianness);
  if (address === undefined) return fail('bad-address', expected);
  pos = colon + 1;
  const port = readHex(s, end, 4);
  if (port < 0 || !atBoundary(s, end)) return fail('bad-port', `${which} ${PORT_EXPECTED}`);
  return { address, addressHex, port };
}

function need(s: string, end: number, what: string): boolean {
  skipSpace(s, end);
  if (pos < end) return true;
  fail(
    'too-few-fields',
    `${what} (at least 10 fields: sl, local, remote, st, queues, timer, retrnsmt, uid, timeout, inode)`,
  );
  return false;
}

/**
 * Scans one line in s[start, end). Returns the record, undefined for a
 * blank or header line, or null on failure (failCode/failExpected set).
 */
function scanInetLine(
  s: string,
  start: number,
  end: number,
  table: InetTableName,
  info: TableInfo,
  endianness: Endianness,
  lineNumber: number,
): InetSocket | undefined | null {
  pos = start;
  skipSpace(s, end);
  if (pos >= end) return undefined;
  // Header: "  sl  local_address rem_address ..."
  if (
    s.charCodeAt(pos) === 115 &&
    s.charCodeAt(pos + 1) === 108 &&
    (pos + 2 >= end || s.charCodeAt(pos + 2) <= 32)
  ) {
    return undefined;
  }

  // sl: decimal followed by ':'
  const slotStart = pos;
  let slot = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    slot = slot * 10 + (c - 48);
    pos++;
  }
  if (pos === slotStart || pos - slotStart > 10 || s.charCodeAt(pos) !== 58) {
    return fail('bad-slot', "a decimal slot number followed by ':' (the sl column)");
  }
  pos++;

  if (!need(s, end, 'a local address')) return null;
  const local = readEndpoint(s, end, info.addressDigits, endianness, 'local');
  if (local === null) return null;
  if (!need(s, end, 'a remote address')) return null;
  const remote = readEndpoint(s, end, info.addressDigits, endianness, 'remote');
  if (remote === null) return null;

  if (!need(s, end, 'a state')) return null;
  const stateCode = readHex(s, end, 2);
  if (stateCode < 0 || !atBoundary(s, end)) return fail('bad-state', 'a state of 1-2 hex digits');

  if (!need(s, end, 'tx_queue:rx_queue')) return null;
  const txQueue = readHex(s, end, 16);
  if (txQueue < 0 || s.charCodeAt(pos) !== 58) {
    return fail('bad-queue', 'tx_queue:rx_queue as two hex numbers joined by a colon');
  }
  pos++;
  const rxQueue = readHex(s, end, 16);
  if (rxQueue < 0 || !atBoundary(s, end)) {
    return fail('bad-queue', 'tx_queue:rx_queue as two hex numbers joined by a colon');
  }

  if (!need(s, end, 'tr:tm->when')) return null;
  const timerCode = readHex(s, end, 2);
  if (timerCode < 0 || s.charCodeAt(pos) !== 58) {
    return fail('bad-timer', 'tr:tm->when as two hex numbers joined by a colon');
  }
  pos++;
  const timerTicks = readHex(s, end, 16);
  if (timerTicks < 0 || !atBoundary(s, end)) {
    return fail('bad-timer', 'tr:tm->when as two hex numbers joined by a colon');
  }

  if (!need(s, end, 'retrnsmt')) return null;
  const retransmits = readHex(s, end, 16);
  if (retransmits < 0 || !atBoundary(s, end)) {
    return fail('bad-number', 'retrnsmt as a hex number');
  }

  if (!need(s, end, 'uid')) return null;
  const uid = readDecimal(s, end, false);
  if (Number.isNaN(uid)) return fail('bad-number', 'uid as a decimal number');

  if (!need(s, end, 'timeout')) return null;
  const timeout = readDecimal(s, end, true);
  if (Number.isNaN(timeout)) return fail('bad-number', 'timeout as a decimal number');

  if (!need(s, end, 'inode')) return null;
  const inodeStart = pos;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    pos++;
  }
  if (pos === inodeStart || !atBoundary(s, end)) {
    return fail('bad-inode', 'inode as a decimal number');
  }
  const inode = s.slice(inodeStart, pos);

  const record: InetSocket = {
    table,
    protocol: info.protocol,
    family: info.family,
    slot,
    local,
    remote,
    stateCode,
    state: tcpStateName(stateCode),
    txQueue,
    rxQueue,
    timerCode,
    timer: timerKindName(timerCode),
    timerTicks,
    retransmits,
    uid,
    timeout,
    inode,
    line: lineNumber,
  };

  // Optional trailing columns: refcnt pointer, then tcp's
  // rto ato quick cwnd ssthresh or udp/raw's drops, then anything newer.
  skipSpace(s, end);
  if (pos >= end) return record;
  const refCount = readDecimal(s, end, true);
  if (Number.isNaN(refCount)) return fail('bad-number', 'refcnt as a decimal number');
  record.refCount = refCount;

  skipSpace(s, end);
  if (pos >= end) return record;
  const pointerStart = pos;
  while (pos < end && hexDigit(s.charCodeAt(pos)) >= 0) pos++;
  if (pos === pointerStart || !atBoundary(s, end)) {
    return fail('bad-pointer', 'the socket pointer as hex digits');
  }
  record.pointer = s.slice(pointerStart, pos);

  if (info.protocol === 'tcp') {
    skipSpace(s, end);
    if (pos >= end) return record;
    const rto = readDecimal(s, end, true);
    if (Number.isNaN(rto)) return fail('bad-number', 'rto as a decimal number');
    record.rto = rto;
    skipSpace(s, end);
    if (pos >= end) return record;
    const ato = readDecimal(s, end, true);
    if (Number.isNaN(ato)) return fail('bad-number', 'ato as a decimal number');
    record.ato = ato;
    skipSpace(s, end);
    if (pos >= end) return record;
    const quick = readDecimal(s, end, true);
    if (Number.isNaN(quick))
      return fail('bad-number', '(quick << 1 | pingpong) as a decimal number');
    record.quickAck = quick;
    skipSpace(s, end);
    if (pos >= end) return record;
    const cwnd = readDecimal(s, end, true);
    if (Number.isNaN(cwnd)) return fail('bad-number', 'cwnd as a decimal number');
    record.cwnd = cwnd;
    skipSpace(s, end);
    if (pos >= end) return record;
    const ssthresh = readDecimal(s, end, true);
    if (Number.isNaN(ssthresh)) return fail('bad-number', 'ssthresh as a decimal number');
    record.ssthresh = ssthresh;
  } else {
    skipSpace(s, end);
    if (pos >= end) return record;
    const drops = readDecimal(s, end, true);
    if (Number.isNaN(drops)) return fail('bad-number', 'drops as a decimal number');
    record.drops = drops;
  }

  skipSpace(s, end);
  if (pos >= end) return record;
  const extra: string[] = [];
  while (pos < end) {
    extra.push(readToken(s, end));
    skipSpace(s, end);
  }
  record.extra = extra;
  return record;
}

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
  table: InetTableName,
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): InetSocket | undefined {
  const info = tableInfo(table);
  const endianness = resolveEndianness(options);
  const result = scanInetLine(line, 0, line.length, table, info, endianness, lineNumber);
  if (result !== null) return result;
  reportIssue(
    options?.onInvalidLine,
    failCode,
    options?.source ?? `/proc/net/${table}`,
    lineNumber,
    line.endsWith('\n') ? line.slice(0, line.endsWith('\r\n') ? -2 : -1) : line,
    failExpected,
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
  table: InetTableName,
  text: string,
  options?: ParseOptions,
): InetSocket[] {
  const info = tableInfo(table);
  const endianness = resolveEndianness(options);
  const policy = options?.onInvalidLine;
  const out: InetSocket[] = [];
  const length = text.length;
  let start = 0;
  let lineNumber = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNumber++;
    const record = scanInetLine(text, start, end, table, info, endianness, lineNumber);
    if (record) {
      out.push(record);
    } else if (record === null) {
      let rawEnd = end;
      if (rawEnd > start && text.charCodeAt(rawEnd - 1) === 13) rawEnd--;
      reportIssue(
        policy,
        failCode,
        options?.source ?? `/proc/net/${table}`,
        lineNumber,
        text.slice(start, rawEnd),
        failExpected,
      );
    }
    start = end + 1;
  }
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
export function parseTcp(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseTcp6(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseUdp(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseUdp6(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseUdplite(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseUdplite6(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseRaw(text: string, options?: ParseOptions): InetSocket[] {
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
export function parseRaw6(text: string, options?: ParseOptions): InetSocket[] {
  return parseInetTable('raw6', text, options);
}
