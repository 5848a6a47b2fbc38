import { checkEndianness, ipv4FromWord, ipv6FromHex } from './address.js';
import { reportIssue } from './errors.js';
import { datagramStateName, tcpStateName, timerKindName } from './states.js';
import type {
  Endianness,
  Endpoint,
  InetProtocol,
  InetSocket,
  InetTableName,
  ParseOptions,
  RawSocket,
  TcpSocket,
  UdpSocket,
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

/** Every column of every inet row type, for building a record field by field. */
type LooseInetSocket = Omit<TcpSocket, 'table' | 'protocol' | 'state'> & {
  table: InetTableName;
  protocol: InetProtocol;
  state: InetSocket['state'];
  drops?: number;
};

function stateNameOf(info: TableInfo, code: number): InetSocket['state'] {
  return info.protocol === 'tcp' ? tcpStateName(code) : datagramStateName(code);
}

function tableInfo(table: InetTableName): TableInfo {
  const info = TABLE_INFO[table];
  if (info === undefined || !Object.hasOwn(TABLE_INFO, table)) {
    throw new TypeError(
      `unknown socket table ${JSON.stringify(table)}; expected one of ${INET_TABLES.join(', ')}`,
    );
  }
  return info;
}

// Failure details of the last line that did not scan. Set only on failure.
let failCode = '';
let failExpected = '';
// End of the field read by the last readHexField/readDecField call.
let fieldEnd = 0;

function fail(code: string, expected: string): null {
  failCode = code;
  failExpected = expected;
  return null;
}

function skipSpace(s: string, p: number, end: number): number {
  while (p < end && s.charCodeAt(p) <= 32) p++;
  return p;
}

/** Hex digit values by char code (-1: not a hex digit). */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUE[65 + c] = 10 + c;
  HEX_VALUE[97 + c] = 10 + c;
}

function hexEnd(s: string, p: number, end: number): number {
  while (p < end) {
    const c = s.charCodeAt(p);
    if (c >= 128 || (HEX_VALUE[c] as number) < 0) break;
    p++;
  }
  return p;
}

function isBoundary(s: string, p: number, end: number): boolean {
  return p >= end || s.charCodeAt(p) <= 32;
}

/**
 * 1..maxDigits hex digits at p, then `terminator` (a char code, or 0 for
 * whitespace/end), in one pass. Returns the value, or -1 if malformed.
 */
function readHexField(
  s: string,
  p: number,
  end: number,
  maxDigits: number,
  terminator: number,
): number {
  let q = p;
  let v = 0;
  while (q < end) {
    const c = s.charCodeAt(q);
    const d = c < 128 ? (HEX_VALUE[c] as number) : -1;
    if (d < 0) break;
    v = v * 16 + d;
    q++;
  }
  if (q === p || q - p > maxDigits) return -1;
  if (terminator === 0 ? !isBoundary(s, q, end) : s.charCodeAt(q) !== terminator) return -1;
  fieldEnd = q;
  return v;
}

/** One 8-digit hex word at p, or -1 if a digit is not hex. */
function hexWord(s: string, p: number): number {
  return hexDigits(s, p, 8);
}

/** Exactly `count` hex digits at p, or -1 if one is not hex. */
function hexDigits(s: string, p: number, count: number): number {
  let v = 0;
  for (let i = p; i < p + count; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? (HEX_VALUE[c] as number) : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Spaces of every length up to 256, to check line padding with one native compare. */
const PADDING: string[] = [];
for (let n = 0; n <= 256; n++) PADDING.push(' '.repeat(n));

/** Index of the first non-whitespace char at or after p, taking trailing padding in one step. */
function skipPadding(s: string, p: number, end: number): number {
  // One separator before the next field is the common case.
  if (p + 1 < end && s.charCodeAt(p + 1) > 32) return s.charCodeAt(p) <= 32 ? p + 1 : p;
  const rest = end - p;
  if (rest > 1 && rest <= 256 && s.startsWith(PADDING[rest] as string, p)) return end;
  return skipSpace(s, p, end);
}

/** A decimal integer at p (optionally negative) ending at whitespace or end; NaN if malformed. */
function readDecField(s: string, p: number, end: number, signed: boolean): number {
  const negative = signed && s.charCodeAt(p) === 45;
  const a = negative ? p + 1 : p;
  let q = a;
  let v = 0;
  while (q < end) {
    const c = s.charCodeAt(q);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    q++;
  }
  if (q === a || q - a > 20 || !isBoundary(s, q, end)) return Number.NaN;
  fieldEnd = q;
  return negative ? -v : v;
}

interface CachedAddress {
  hex: string;
  text: string;
}

// Direct-mapped caches of decoded addresses: tables repeat the same few
// addresses on every row. A hit is checked against the text itself, so a
// collision only costs a decode.
const CACHE_BITS = 12;
type AddressCache = (CachedAddress | undefined)[];
const caches: Record<Endianness, Record<4 | 6, AddressCache>> = {
  little: { 4: new Array(1 << CACHE_BITS), 6: new Array(1 << CACHE_BITS) },
  big: { 4: new Array(1 << CACHE_BITS), 6: new Array(1 << CACHE_BITS) },
};

/** A copy of a short string that does not keep a large parent string alive. */
function detached(str: string): string {
  return ` ${str}`.slice(1);
}

/** Decodes the address of `digits` hex digits at p (already known to be followed by ':'). */
function readAddress(
  s: string,
  p: number,
  digits: number,
  cache: (CachedAddress | undefined)[],
  endianness: Endianness,
): CachedAddress | undefined {
  let hash: number;
  if (digits === 8) {
    hash = hexWord(s, p);
    if (hash < 0) return undefined;
  } else {
    const w0 = hexWord(s, p);
    const w1 = hexWord(s, p + 8);
    const w2 = hexWord(s, p + 16);
    const w3 = hexWord(s, p + 24);
    if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) return undefined;
    hash = w0 ^ Math.imul(w1, 31) ^ Math.imul(w2, 961) ^ Math.imul(w3, 29791);
  }
  const index = Math.imul(hash, 0x9e3779b1) >>> (32 - CACHE_BITS);
  const hit = cache[index];
  if (hit !== undefined && s.startsWith(hit.hex, p)) return hit;
  const hex = detached(s.slice(p, p + digits));
  const text =
    digits === 8 ? ipv4FromWord(hash, endianness) : (ipv6FromHex(s, p, endianness) as string);
  const entry = { hex, text };
  cache[index] = entry;
  return entry;
}

const TCP_TAIL = ['rto', 'ato', '(quick << 1 | pingpong)', 'cwnd', 'ssthresh'];
const DATAGRAM_TAIL = ['drops'];
const LOCAL_ADDRESS =
  'the local address as hex digits (8 for IPv4, 32 for IPv6), then a colon and a hex port';
const REMOTE_ADDRESS =
  'the remote address as hex digits (8 for IPv4, 32 for IPv6), then a colon and a hex port';
const PORT = 'a port of 1-4 hex digits after the address';
const FIELDS =
  ' (at least 10 fields: sl, local, remote, st, tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode)';

/**
 * The record of a line in one of the three common shapes (a full tcp socket,
 * a udp/raw socket with its drops, a line ending at the pointer), each built
 * as one literal (one hidden class, no property transitions); undefined for
 * any other shape. Both scanners build records here.
 */
function commonShape(
  table: InetTableName,
  info: TableInfo,
  slot: number,
  local: Endpoint,
  remote: Endpoint,
  stateCode: number,
  state: InetSocket['state'],
  txQueue: number,
  rxQueue: number,
  timerCode: number,
  timer: InetSocket['timer'],
  timerTicks: number,
  retransmits: number,
  uid: number,
  timeout: number,
  inode: string,
  refCount: number,
  pointer: string,
  n: number,
  t0: number,
  t1: number,
  t2: number,
  t3: number,
  t4: number,
  lineNumber: number,
): InetSocket | undefined {
  const isTcp = info.protocol === 'tcp';
  if (isTcp && n === 5) {
    return <InetSocket>{
      table,
      protocol: info.protocol,
      family: info.family,
      slot,
      local,
      remote,
      stateCode,
      state,
      txQueue,
      rxQueue,
      timerCode,
      timer,
      timerTicks,
      retransmits,
      uid,
      timeout,
      inode,
      refCount,
      pointer,
      rto: t0,
      ato: t1,
      quickAck: t2,
      cwnd: t3,
      ssthresh: t4,
      line: lineNumber,
    };
  }
  if (!isTcp && n === 1) {
    return <InetSocket>{
      table,
      protocol: info.protocol,
      family: info.family,
      slot,
      local,
      remote,
      stateCode,
      state,
      txQueue,
      rxQueue,
      timerCode,
      timer,
      timerTicks,
      retransmits,
      uid,
      timeout,
      inode,
      refCount,
      pointer,
      drops: t0,
      line: lineNumber,
    };
  }
  if (n === 0) {
    return <InetSocket>{
      table,
      protocol: info.protocol,
      family: info.family,
      slot,
      local,
      remote,
      stateCode,
      state,
      txQueue,
      rxQueue,
      timerCode,
      timer,
      timerTicks,
      retransmits,
      uid,
      timeout,
      inode,
      refCount,
      pointer,
      line: lineNumber,
    };
  }
  return undefined;
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
  cache: AddressCache,
  lineNumber: number,
  filter?: RowFilter,
): InetSocket | undefined | null {
  let p = skipSpace(s, start, end);
  if (p >= end) return undefined;
  // Header: "  sl  local_address rem_address ..."
  if (s.charCodeAt(p) === 115 && s.charCodeAt(p + 1) === 108 && isBoundary(s, p + 2, end)) {
    return undefined;
  }

  // sl: decimal followed by ':'
  let q = p;
  let slot = 0;
  while (q < end) {
    const c = s.charCodeAt(q);
    if (c < 48 || c > 57) break;
    slot = slot * 10 + (c - 48);
    q++;
  }
  if (q === p || q - p > 10 || s.charCodeAt(q) !== 58) {
    return fail('bad-slot', "a decimal slot number followed by ':' (the sl column)");
  }

  const digits = info.addressDigits;

  // Fast path: the kernel's fixed-width layout, "%4d: %08X:%04X %08X:%04X %02X
  // %08X:%08X %02X:%08lX %08X " (IPv6: 32 address digits), checked by its
  // separators; any deviation takes the general path, which also explains errors.
  let la: CachedAddress | undefined;
  let ra: CachedAddress | undefined;
  let localPort = -1;
  let remotePort = -1;
  let stateCode = -1;
  let txQueue = -1;
  let rxQueue = -1;
  let timerCode = -1;
  let timerTicks = -1;
  let retransmits = -1;
  const p0 = q + 2;
  const r0 = p0 + digits + 6;
  const f0 = r0 + digits + 6;
  let fast = false;
  if (
    f0 + 41 < end &&
    s.charCodeAt(q + 1) === 32 &&
    s.charCodeAt(r0 - 6) === 58 &&
    s.charCodeAt(r0 - 1) === 32 &&
    s.charCodeAt(f0 - 6) === 58 &&
    s.charCodeAt(f0 - 1) === 32 &&
    s.charCodeAt(f0 + 2) === 32 &&
    s.charCodeAt(f0 + 11) === 58 &&
    s.charCodeAt(f0 + 20) === 32 &&
    s.charCodeAt(f0 + 23) === 58 &&
    s.charCodeAt(f0 + 32) === 32 &&
    s.charCodeAt(f0 + 41) <= 32
  ) {
    localPort = hexDigits(s, r0 - 5, 4);
    remotePort = hexDigits(s, f0 - 5, 4);
    stateCode = hexDigits(s, f0, 2);
    txQueue = hexDigits(s, f0 + 3, 8);
    rxQueue = hexDigits(s, f0 + 12, 8);
    timerCode = hexDigits(s, f0 + 21, 2);
    timerTicks = hexDigits(s, f0 + 24, 8);
    retransmits = hexDigits(s, f0 + 33, 8);
    if (
      localPort >= 0 &&
      remotePort >= 0 &&
      stateCode >= 0 &&
      txQueue >= 0 &&
      rxQueue >= 0 &&
      timerCode >= 0 &&
      timerTicks >= 0 &&
      retransmits >= 0
    ) {
      la = readAddress(s, p0, digits, cache, endianness);
      ra = readAddress(s, r0, digits, cache, endianness);
      fast = la !== undefined && ra !== undefined;
    }
  }
  if (fast) {
    fieldEnd = f0 + 41;
  } else {
    // local and remote: ADDR:PORT
    p = skipSpace(s, q + 1, end);
    if (p >= end) return fail('too-few-fields', `the local address${FIELDS}`);
    if (p + digits >= end || s.charCodeAt(p + digits) !== 58)
      return fail('bad-address', LOCAL_ADDRESS);
    la = readAddress(s, p, digits, cache, endianness);
    if (la === undefined) return fail('bad-address', LOCAL_ADDRESS);
    localPort = readHexField(s, p + digits + 1, end, 4, 0);
    if (localPort < 0) return fail('bad-port', `local ${PORT}`);

    p = skipSpace(s, fieldEnd, end);
    if (p >= end) return fail('too-few-fields', `the remote address${FIELDS}`);
    if (p + digits >= end || s.charCodeAt(p + digits) !== 58) {
      return fail('bad-address', REMOTE_ADDRESS);
    }
    ra = readAddress(s, p, digits, cache, endianness);
    if (ra === undefined) return fail('bad-address', REMOTE_ADDRESS);
    remotePort = readHexField(s, p + digits + 1, end, 4, 0);
    if (remotePort < 0) return fail('bad-port', `remote ${PORT}`);

    p = skipSpace(s, fieldEnd, end);
    if (p >= end) return fail('too-few-fields', `the state${FIELDS}`);
    stateCode = readHexField(s, p, end, 2, 0);
    if (stateCode < 0) return fail('bad-state', 'a state of 1-2 hex digits');

    p = skipSpace(s, fieldEnd, end);
    if (p >= end) return fail('too-few-fields', `tx_queue:rx_queue${FIELDS}`);
    txQueue = readHexField(s, p, end, 16, 58);
    if (txQueue < 0)
      return fail('bad-queue', 'tx_queue:rx_queue as two hex numbers joined by a colon');
    rxQueue = readHexField(s, fieldEnd + 1, end, 16, 0);
    if (rxQueue < 0)
      return fail('bad-queue', 'tx_queue:rx_queue as two hex numbers joined by a colon');

    p = skipSpace(s, fieldEnd, end);
    if (p >= end) return fail('too-few-fields', `tr:tm->when${FIELDS}`);
    timerCode = readHexField(s, p, end, 2, 58);
    if (timerCode < 0) return fail('bad-timer', 'tr:tm->when as two hex numbers joined by a colon');
    timerTicks = readHexField(s, fieldEnd + 1, end, 16, 0);
    if (timerTicks < 0)
      return fail('bad-timer', 'tr:tm->when as two hex numbers joined by a colon');

    p = skipSpace(s, fieldEnd, end);
    if (p >= end) return fail('too-few-fields', `retrnsmt${FIELDS}`);
    retransmits = readHexField(s, p, end, 16, 0);
    if (retransmits < 0) return fail('bad-number', 'retrnsmt as a hex number');
  }
  if (la === undefined || ra === undefined) return null; // unreachable: both set or failed above
  if (filter !== undefined) {
    if (rejectedEarly(filter, stateCode, localPort, remotePort)) return SKIP;
    if (filter.unconnected !== undefined && isZeroHex(ra.hex) !== filter.unconnected) return SKIP;
  }

  p = skipSpace(s, fieldEnd, end);
  if (p >= end) return fail('too-few-fields', `uid${FIELDS}`);
  const uid = readDecField(s, p, end, false);
  if (Number.isNaN(uid)) return fail('bad-number', 'uid as a decimal number');
  if (filter?.uid !== undefined && uid !== filter.uid) return SKIP;

  p = skipSpace(s, fieldEnd, end);
  if (p >= end) return fail('too-few-fields', `timeout${FIELDS}`);
  const timeout = readDecField(s, p, end, true);
  if (Number.isNaN(timeout)) return fail('bad-number', 'timeout as a decimal number');

  p = skipSpace(s, fieldEnd, end);
  if (p >= end) return fail('too-few-fields', `the inode${FIELDS}`);
  q = p;
  while (q < end) {
    const c = s.charCodeAt(q);
    if (c < 48 || c > 57) break;
    q++;
  }
  if (q === p || !isBoundary(s, q, end)) return fail('bad-inode', 'the inode as a decimal number');
  const inode = s.slice(p, q);
  if (filter?.inodes !== undefined && !filter.inodes.has(inode)) return SKIP;

  const local: Endpoint = { address: la.text, addressHex: la.hex, port: localPort };
  const remote: Endpoint = { address: ra.text, addressHex: ra.hex, port: remotePort };
  const state = stateNameOf(info, stateCode);
  const timer = timerKindName(timerCode);

  // Optional trailing columns: refcnt and pointer, then tcp's
  // rto ato quick cwnd ssthresh (full sockets) or udp/raw's drops.
  // The common shapes are built as one literal each (one hidden class, no
  // property transitions); anything else goes through the general path.
  p = skipPadding(s, q, end);
  let refCount = Number.NaN;
  let pointer = '';
  if (p < end) {
    refCount = readDecField(s, p, end, true);
    if (Number.isNaN(refCount)) return fail('bad-number', 'refcnt as a decimal number');
    p = skipPadding(s, fieldEnd, end);
    if (p < end) {
      q = hexEnd(s, p, end);
      if (q === p || !isBoundary(s, q, end)) {
        return fail('bad-pointer', 'the socket pointer as hex digits');
      }
      pointer = s.slice(p, q);
      p = skipPadding(s, q, end);
    }
  }
  const isTcp = info.protocol === 'tcp';
  const tailNames = isTcp ? TCP_TAIL : DATAGRAM_TAIL;
  let n = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  while (p < end && n < tailNames.length) {
    const v = readDecField(s, p, end, true);
    if (Number.isNaN(v)) return fail('bad-number', `${tailNames[n]} as a decimal number`);
    if (n === 0) t0 = v;
    else if (n === 1) t1 = v;
    else if (n === 2) t2 = v;
    else if (n === 3) t3 = v;
    else t4 = v;
    n++;
    p = skipPadding(s, fieldEnd, end);
  }

  if (p >= end && pointer !== '') {
    const record = commonShape(
      table,
      info,
      slot,
      local,
      remote,
      stateCode,
      state,
      txQueue,
      rxQueue,
      timerCode,
      timer,
      timerTicks,
      retransmits,
      uid,
      timeout,
      inode,
      refCount,
      pointer,
      n,
      t0,
      t1,
      t2,
      t3,
      t4,
      lineNumber,
    );
    if (record !== undefined) return record;
  }

  // General path: short lines, partial tails, extra columns.
  const record: LooseInetSocket = {
    table,
    protocol: info.protocol,
    family: info.family,
    slot,
    local,
    remote,
    stateCode,
    state,
    txQueue,
    rxQueue,
    timerCode,
    timer,
    timerTicks,
    retransmits,
    uid,
    timeout,
    inode,
    line: lineNumber,
  };
  if (!Number.isNaN(refCount)) record.refCount = refCount;
  if (pointer !== '') record.pointer = pointer;
  if (isTcp) {
    if (n > 0) record.rto = t0;
    if (n > 1) record.ato = t1;
    if (n > 2) record.quickAck = t2;
    if (n > 3) record.cwnd = t3;
    if (n > 4) record.ssthresh = t4;
  } else if (n > 0) {
    record.drops = t0;
  }
  if (p < end) {
    const extra: string[] = [];
    while (p < end) {
      q = p;
      while (q < end && s.charCodeAt(q) > 32) q++;
      extra.push(s.slice(p, q));
      p = skipSpace(s, q, end);
    }
    record.extra = extra;
  }
  return record as InetSocket;
}

// ---------------------------------------------------------------------------
// Byte scanner. charCodeAt costs a few nanoseconds per call (string shape
// dispatch and bounds checks on every read), more than the rest of a line's
// work; typed-array reads are cheap. parseInetTable therefore copies the text
// window by window into a byte buffer (TextEncoder.encodeInto: native, fast
// for ASCII) and scans lines there. This scanner only takes lines in the
// kernel's exact layout and the three common record shapes, and returns
// undefined for anything else (header, blank, malformed, lowercase address
// digits, extra columns, non-ASCII windows...), which then goes through
// scanInetLine: same records, same errors.

/** Hex digit values by byte; 16 marks a non-digit, so OR-ing values flags any bad digit. */
const BYTE_HEX = new Uint8Array(256).fill(16);
/** As BYTE_HEX, uppercase letters only (the kernel's `%X`): an address decoded from these has one spelling. */
const BYTE_HEX_UPPER = new Uint8Array(256).fill(16);
for (let c = 0; c < 10; c++) {
  BYTE_HEX[48 + c] = c;
  BYTE_HEX_UPPER[48 + c] = c;
}
for (let c = 0; c < 6; c++) {
  BYTE_HEX[65 + c] = 10 + c;
  BYTE_HEX_UPPER[65 + c] = 10 + c;
  BYTE_HEX[97 + c] = 10 + c;
}

/** 8 hex digits at p as an unsigned 32-bit number, or -1 if one is not a digit of `digits`. */
function byteHex8(b: Uint8Array, p: number, digits: Uint8Array): number {
  const d0 = digits[b[p] as number] as number;
  const d1 = digits[b[p + 1] as number] as number;
  const d2 = digits[b[p + 2] as number] as number;
  const d3 = digits[b[p + 3] as number] as number;
  const d4 = digits[b[p + 4] as number] as number;
  const d5 = digits[b[p + 5] as number] as number;
  const d6 = digits[b[p + 6] as number] as number;
  const d7 = digits[b[p + 7] as number] as number;
  if (((d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7) & 16) !== 0) return -1;
  return (
    ((d0 << 28) |
      (d1 << 24) |
      (d2 << 20) |
      (d3 << 16) |
      (d4 << 12) |
      (d5 << 8) |
      (d6 << 4) |
      d7) >>>
    0
  );
}

/** 4 hex digits at p, or -1. */
function byteHex4(b: Uint8Array, p: number): number {
  const d0 = BYTE_HEX[b[p] as number] as number;
  const d1 = BYTE_HEX[b[p + 1] as number] as number;
  const d2 = BYTE_HEX[b[p + 2] as number] as number;
  const d3 = BYTE_HEX[b[p + 3] as number] as number;
  if (((d0 | d1 | d2 | d3) & 16) !== 0) return -1;
  return (d0 << 12) | (d1 << 8) | (d2 << 4) | d3;
}

/** 2 hex digits at p, or -1. */
function byteHex2(b: Uint8Array, p: number): number {
  const d0 = BYTE_HEX[b[p] as number] as number;
  const d1 = BYTE_HEX[b[p + 1] as number] as number;
  if (((d0 | d1) & 16) !== 0) return -1;
  return (d0 << 4) | d1;
}

/** A decoded address and its four 32-bit words (IPv4: w0 only), the cache key. */
interface ByteCachedAddress extends CachedAddress {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
}
type ByteAddressCache = (ByteCachedAddress | undefined)[];
// Keyed by value: entries only come from uppercase digits, so equal words
// mean equal text and a hit needs no string compare.
const byteCaches: Record<Endianness, Record<4 | 6, ByteAddressCache>> = {
  little: { 4: new Array(1 << CACHE_BITS), 6: new Array(1 << CACHE_BITS) },
  big: { 4: new Array(1 << CACHE_BITS), 6: new Array(1 << CACHE_BITS) },
};

/** The address of `digits` uppercase hex digits at byte p (string index base + p), or undefined. */
function byteAddress(
  b: Uint8Array,
  s: string,
  base: number,
  p: number,
  digits: number,
  cache: ByteAddressCache,
  endianness: Endianness,
): ByteCachedAddress | undefined {
  const w0 = byteHex8(b, p, BYTE_HEX_UPPER);
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let hash = w0;
  if (digits !== 8) {
    w1 = byteHex8(b, p + 8, BYTE_HEX_UPPER);
    w2 = byteHex8(b, p + 16, BYTE_HEX_UPPER);
    w3 = byteHex8(b, p + 24, BYTE_HEX_UPPER);
    if (w1 < 0 || w2 < 0 || w3 < 0) return undefined;
    hash = w0 ^ Math.imul(w1, 31) ^ Math.imul(w2, 961) ^ Math.imul(w3, 29791);
  }
  if (w0 < 0) return undefined;
  const index = Math.imul(hash, 0x9e3779b1) >>> (32 - CACHE_BITS);
  const hit = cache[index];
  if (hit !== undefined && hit.w0 === w0 && hit.w1 === w1 && hit.w2 === w2 && hit.w3 === w3) {
    return hit;
  }
  const at = base + p;
  const hex = detached(s.slice(at, at + digits));
  const text =
    digits === 8 ? ipv4FromWord(w0, endianness) : (ipv6FromHex(s, at, endianness) as string);
  const entry = { hex, text, w0, w1, w2, w3 };
  cache[index] = entry;
  return entry;
}

/** Index of the first byte above space at or after p (pe if none). */
function byteSkipSpace(b: Uint8Array, p: number, pe: number): number {
  while (p < pe && (b[p] as number) <= 32) p++;
  return p;
}

/**
 * As byteSkipSpace, four spaces at a time where the line is padded (tcp lines
 * are padded to 149 characters); `words` views the buffer of `b`.
 */
function byteSkipPadding(b: Uint8Array, words: Uint32Array, p: number, pe: number): number {
  while ((p & 3) !== 0) {
    if (p >= pe || (b[p] as number) > 32) return p;
    p++;
  }
  while (p + 4 <= pe && words[p >> 2] === 0x20202020) p += 4;
  while (p < pe && (b[p] as number) <= 32) p++;
  return p;
}

/**
 * A decimal field at byte p (optionally negative) ending at whitespace or pe,
 * as readDecField reads it; NaN if malformed. Sets fieldEnd (a byte index).
 */
function byteDec(b: Uint8Array, p: number, pe: number, signed: boolean): number {
  const negative = signed && p < pe && b[p] === 45;
  const a = negative ? p + 1 : p;
  let q = a;
  let v = 0;
  while (q < pe) {
    const d = (b[q] as number) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    q++;
  }
  if (q === a || q - a > 20 || (q < pe && (b[q] as number) > 32)) return Number.NaN;
  fieldEnd = q;
  return negative ? -v : v;
}

/**
 * Scans the line at bytes [ps, pe) of b, which hold s[base + ps, base + pe)
 * (ASCII), when it is in the kernel layout and a common shape; undefined
 * otherwise (the caller then runs scanInetLine on the same line).
 */
function scanInetBytes(
  b: Uint8Array,
  words: Uint32Array,
  s: string,
  base: number,
  ps: number,
  pe: number,
  table: InetTableName,
  info: TableInfo,
  endianness: Endianness,
  cache: ByteAddressCache,
  lineNumber: number,
  filter: RowFilter | undefined,
): InetSocket | undefined {
  const p = byteSkipSpace(b, ps, pe);
  let q = p;
  let slot = 0;
  while (q < pe) {
    const d = (b[q] as number) - 48;
    if (d < 0 || d > 9) break;
    slot = slot * 10 + d;
    q++;
  }
  if (q === p || q - p > 10) return undefined;
  const digits = info.addressDigits;
  const p0 = q + 2;
  const r0 = p0 + digits + 6;
  const f0 = r0 + digits + 6;
  if (
    f0 + 41 >= pe ||
    b[q] !== 58 ||
    b[q + 1] !== 32 ||
    b[r0 - 6] !== 58 ||
    b[r0 - 1] !== 32 ||
    b[f0 - 6] !== 58 ||
    b[f0 - 1] !== 32 ||
    b[f0 + 2] !== 32 ||
    b[f0 + 11] !== 58 ||
    b[f0 + 20] !== 32 ||
    b[f0 + 23] !== 58 ||
    b[f0 + 32] !== 32 ||
    (b[f0 + 41] as number) > 32
  ) {
    return undefined;
  }
  const localPort = byteHex4(b, r0 - 5);
  const remotePort = byteHex4(b, f0 - 5);
  const stateCode = byteHex2(b, f0);
  const txQueue = byteHex8(b, f0 + 3, BYTE_HEX);
  const rxQueue = byteHex8(b, f0 + 12, BYTE_HEX);
  const timerCode = byteHex2(b, f0 + 21);
  const timerTicks = byteHex8(b, f0 + 24, BYTE_HEX);
  const retransmits = byteHex8(b, f0 + 33, BYTE_HEX);
  if ((localPort | remotePort | stateCode | timerCode) < 0) return undefined;
  if (txQueue < 0 || rxQueue < 0 || timerTicks < 0 || retransmits < 0) return undefined;
  if (filter !== undefined && rejectedEarly(filter, stateCode, localPort, remotePort)) return SKIP;
  const la = byteAddress(b, s, base, p0, digits, cache, endianness);
  if (la === undefined) return undefined;
  const ra = byteAddress(b, s, base, r0, digits, cache, endianness);
  if (ra === undefined) return undefined;
  if (filter?.unconnected !== undefined && isZeroHex(ra.hex) !== filter.unconnected) return SKIP;

  let r = byteSkipSpace(b, f0 + 41, pe);
  const uid = byteDec(b, r, pe, false);
  if (Number.isNaN(uid)) return undefined;
  if (filter?.uid !== undefined && uid !== filter.uid) return SKIP;
  r = byteSkipSpace(b, fieldEnd, pe);
  const timeout = byteDec(b, r, pe, true);
  if (Number.isNaN(timeout)) return undefined;
  r = byteSkipSpace(b, fieldEnd, pe);
  q = r;
  while (q < pe) {
    const d = (b[q] as number) - 48;
    if (d < 0 || d > 9) break;
    q++;
  }
  if (q === r || (q < pe && (b[q] as number) > 32)) return undefined;
  const inode = s.slice(base + r, base + q);
  if (filter?.inodes !== undefined && !filter.inodes.has(inode)) return SKIP;

  // refcnt and pointer, required here; then the tail numbers.
  r = byteSkipSpace(b, q, pe);
  const refCount = byteDec(b, r, pe, true);
  if (Number.isNaN(refCount)) return undefined;
  r = byteSkipSpace(b, fieldEnd, pe);
  q = r;
  while (q < pe && (BYTE_HEX[b[q] as number] as number) < 16) q++;
  if (q === r || (q < pe && (b[q] as number) > 32)) return undefined;
  const pointer = s.slice(base + r, base + q);
  r = byteSkipPadding(b, words, q, pe);
  const tailLength = info.protocol === 'tcp' ? 5 : 1;
  let n = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  while (r < pe && n < tailLength) {
    const v = byteDec(b, r, pe, true);
    if (Number.isNaN(v)) return undefined;
    if (n === 0) t0 = v;
    else if (n === 1) t1 = v;
    else if (n === 2) t2 = v;
    else if (n === 3) t3 = v;
    else t4 = v;
    n++;
    r = byteSkipPadding(b, words, fieldEnd, pe);
  }
  if (r < pe) return undefined;

  const local: Endpoint = { address: la.text, addressHex: la.hex, port: localPort };
  const remote: Endpoint = { address: ra.text, addressHex: ra.hex, port: remotePort };
  return commonShape(
    table,
    info,
    slot,
    local,
    remote,
    stateCode,
    stateNameOf(info, stateCode),
    txQueue,
    rxQueue,
    timerCode,
    timerKindName(timerCode),
    timerTicks,
    retransmits,
    uid,
    timeout,
    inode,
    refCount,
    pointer,
    n,
    t0,
    t1,
    t2,
    t3,
    t4,
    lineNumber,
  );
}

/** Characters per window copied into the byte buffer. */
const WINDOW = 1 << 16;
const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;
let windowBytes: Uint8Array | undefined;
let windowWords: Uint32Array | undefined;

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
  const result = scanInetLine(
    line,
    0,
    line.length,
    table,
    info,
    endianness,
    caches[endianness][info.family],
    lineNumber,
  );
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
 * What a reader wants of the rows; rows that fail are skipped before their
 * record is built (the columns after the first failing one are not checked).
 */
export interface RowFilter {
  /** 1 at the index of each wanted state code (0-255); undefined: any. */
  states?: Uint8Array;
  localPort?: number;
  remotePort?: number;
  /** Either port. */
  port?: number;
  uid?: number;
  /** Only these socket inodes. */
  inodes?: { has(inode: string): boolean };
  /** udp/raw "listening": remote address all zero (true) or not (false). */
  unconnected?: boolean;
}

/** Returned by the scanners for a row a filter rejects. */
const SKIP = Object.freeze({}) as InetSocket;

const FAMILY_OF = (t: InetTableName): 4 | 6 => (t.endsWith('6') ? 6 : 4);

/** Which other table a header line belongs to, when it is plainly not `table`'s. */
function headerMismatch(table: InetTableName, line: string): string | undefined {
  const header = socketTableOfHeader(line);
  if (header === undefined || header === table) return undefined;
  if (header === 'unix') return '/proc/net/unix';
  // Only TCP against datagram is claimed: hand-made files often reuse the
  // IPv4 header for IPv6 rows (netstat never reads headers), and the
  // udp/udplite/raw headers are alike. A row of the other family says so itself.
  if (header.startsWith('tcp') === table.startsWith('tcp')) return undefined;
  return header.startsWith('tcp')
    ? `/proc/net/${header}`
    : `/proc/net/${FAMILY_OF(header) === 6 ? 'udp6, udplite6 or raw6' : header === 'raw' ? 'raw' : 'udp or udplite'}`;
}

/** For a bad row: which table it looks like, when not this one. */
function rowHint(table: InetTableName, raw: string): string {
  const shape = rowShape(raw);
  if (shape === undefined) return '';
  const familyDiffers = shape.family !== FAMILY_OF(table);
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

function isZeroHex(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

function rejectedEarly(
  f: RowFilter,
  stateCode: number,
  localPort: number,
  remotePort: number,
): boolean {
  if (f.states !== undefined && f.states[stateCode] !== 1) return true;
  if (f.localPort !== undefined && localPort !== f.localPort) return true;
  if (f.remotePort !== undefined && remotePort !== f.remotePort) return true;
  if (f.port !== undefined && localPort !== f.port && remotePort !== f.port) return true;
  return false;
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
  const cache = caches[endianness][info.family];
  const out: InetSocket[] = [];
  const length = text.length;
  let start = 0;
  let lineNumber = 0;
  const byteCache = byteCaches[endianness][info.family];
  // Window [windowStart, windowEnd) of whole lines, copied to `bytes` when ASCII.
  let bytes: Uint8Array | undefined;
  let words: Uint32Array | undefined;
  let windowStart = 0;
  let windowEnd = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNumber++;
    if (start >= windowEnd && encoder !== undefined) {
      windowStart = start;
      windowEnd = Math.min(length, start + WINDOW);
      if (windowEnd < length) {
        const lastNewline = text.lastIndexOf('\n', windowEnd - 1);
        if (lastNewline >= end) windowEnd = lastNewline + 1;
      }
      if (windowBytes === undefined || windowWords === undefined) {
        windowBytes = new Uint8Array(WINDOW + 8);
        windowWords = new Uint32Array(windowBytes.buffer);
      }
      const copied = encoder.encodeInto(text.slice(windowStart, windowEnd), windowBytes);
      const size = windowEnd - windowStart;
      bytes = copied.read === size && copied.written === size ? windowBytes : undefined;
      words = windowWords;
    }
    let record: InetSocket | undefined | null;
    if (bytes !== undefined && words !== undefined && end <= windowEnd) {
      record = scanInetBytes(
        bytes,
        words,
        text,
        windowStart,
        start - windowStart,
        end - windowStart,
        table,
        info,
        endianness,
        byteCache,
        lineNumber,
        filter,
      );
      record ??= scanInetLine(text, start, end, table, info, endianness, cache, lineNumber, filter);
    } else {
      record = scanInetLine(text, start, end, table, info, endianness, cache, lineNumber, filter);
    }
    if (record === SKIP) {
      // filtered out
    } else if (record) {
      out.push(record);
    } else if (record === undefined) {
      // A header (or blank line): a header of another table is an error.
      const other = headerMismatch(table, text.slice(start, end));
      lineNumber <= 1 || text.charCodeAt(start + 2) < 64
        ? headerMismatch(table, text.slice(start, end))
        : undefined;
      if (other !== undefined) {
        reportIssue(
          policy,
          'wrong-table',
          options?.source ?? `/proc/net/${table}`,
          lineNumber,
          text.slice(start, end).trimEnd(),
          `the header of /proc/net/${table}; this is the header of ${other}`,
        );
        windowEnd = 0;
      }
    } else if (record === null) {
      let rawEnd = end;
      if (rawEnd > start && text.charCodeAt(rawEnd - 1) === 13) rawEnd--;
      const raw = text.slice(start, rawEnd);
      reportIssue(
        policy,
        failCode,
        options?.source ?? `/proc/net/${table}`,
        lineNumber,
        raw,
        failExpected + rowHint(table, raw),
      );
      // The callback may parse another table, refilling the shared buffer:
      // copy the next line afresh.
      windowEnd = 0;
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
