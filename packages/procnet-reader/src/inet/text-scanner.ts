/**
 * The string scanner: reads one socket-table line with `charCodeAt`, in any
 * layout the format allows (runs of spaces, either hex case, short lines,
 * extra columns), and names what it expected where a line goes wrong.
 * `parseInetLine` uses it alone; `parseInetTable` for every line the byte
 * scanner does not take.
 *
 * @module
 */

import { ipv4FromWord, ipv6FromHex } from '../address.js';
import { HEX_DIGITS, NOT_HEX } from '../hex.js';
import type { InetSocket } from '../types.js';
import { addressCaches, type CachedAddress, cacheIndex, detached } from './address-cache.js';
import type { InetCursor } from './cursor.js';
import { isZeroHex, rejectedEarly, SKIP } from './filter.js';
import { commonRecord, looseRecord } from './records.js';

/** Caches of decoded addresses; a hit is checked against the text itself. */
const addressCache = /* @__PURE__ */ addressCaches<CachedAddress>();

function skipSpace(s: string, p: number, end: number): number {
  while (p < end && s.charCodeAt(p) <= 32) p++;
  return p;
}

function isBoundary(s: string, p: number, end: number): boolean {
  return p >= end || s.charCodeAt(p) <= 32;
}

/** Value of the hex digit with char code c, or NOT_HEX (lowercase allowed). */
function digitOf(c: number): number {
  return c < 256 ? (HEX_DIGITS[c] as number) & 31 : NOT_HEX;
}

function hexEnd(s: string, p: number, end: number): number {
  while (p < end && digitOf(s.charCodeAt(p)) < NOT_HEX) p++;
  return p;
}

/**
 * 1..maxDigits hex digits at p, then `terminator` (a char code, or 0 for
 * whitespace/end), in one pass. Returns the value and sets `c.fieldEnd`, or
 * -1 if malformed.
 */
function readHexField(
  c: InetCursor,
  s: string,
  p: number,
  end: number,
  maxDigits: number,
  terminator: number,
): number {
  let q = p;
  let v = 0;
  while (q < end) {
    const d = digitOf(s.charCodeAt(q));
    if (d >= NOT_HEX) break;
    v = v * 16 + d;
    q++;
  }
  if (q === p || q - p > maxDigits) return -1;
  if (terminator === 0 ? !isBoundary(s, q, end) : s.charCodeAt(q) !== terminator) return -1;
  c.fieldEnd = q;
  return v;
}

/** Exactly `count` hex digits at p, or -1 if one is not hex. */
function hexDigits(s: string, p: number, count: number): number {
  let v = 0;
  for (let i = p; i < p + count; i++) {
    const d = digitOf(s.charCodeAt(i));
    if (d >= NOT_HEX) return -1;
    v = v * 16 + d;
  }
  return v;
}

let padding: string[] | undefined;

/** Index of the first non-whitespace char at or after p, taking trailing padding in one step. */
function skipPadding(s: string, p: number, end: number): number {
  // One separator before the next field is the common case.
  if (p + 1 < end && s.charCodeAt(p + 1) > 32) return s.charCodeAt(p) <= 32 ? p + 1 : p;
  const rest = end - p;
  if (rest > 1 && rest <= 256) {
    // Spaces of every length up to 256, to check line padding with one native compare.
    if (padding === undefined) {
      padding = [];
      for (let n = 0; n <= 256; n++) padding.push(' '.repeat(n));
    }
    if (s.startsWith(padding[rest] as string, p)) return end;
  }
  return skipSpace(s, p, end);
}

/** A decimal integer at p (optionally negative) ending at whitespace or end; sets `c.fieldEnd`; NaN if malformed. */
function readDecField(c: InetCursor, s: string, p: number, end: number, signed: boolean): number {
  const negative = signed && s.charCodeAt(p) === 45;
  const a = negative ? p + 1 : p;
  let q = a;
  let v = 0;
  while (q < end) {
    const ch = s.charCodeAt(q);
    if (ch < 48 || ch > 57) break;
    v = v * 10 + (ch - 48);
    q++;
  }
  if (q === a || q - a > 20 || !isBoundary(s, q, end)) return Number.NaN;
  c.fieldEnd = q;
  return negative ? -v : v;
}

/** Decodes the address of `digits` hex digits at p (already known to be followed by ':'). */
function readAddress(c: InetCursor, s: string, p: number): CachedAddress | undefined {
  const digits = c.info.addressDigits;
  const endianness = c.endianness;
  let cache = c.textCache;
  if (cache === undefined) {
    cache = addressCache(endianness, c.info.family);
    c.textCache = cache;
  }
  const w0 = hexDigits(s, p, 8);
  if (w0 < 0) return undefined;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  if (digits !== 8) {
    w1 = hexDigits(s, p + 8, 8);
    w2 = hexDigits(s, p + 16, 8);
    w3 = hexDigits(s, p + 24, 8);
    if (w1 < 0 || w2 < 0 || w3 < 0) return undefined;
  }
  const index = cacheIndex(w0, w1, w2, w3, digits);
  const hit = cache[index];
  if (hit !== undefined && s.startsWith(hit.hex, p)) return hit;
  const hex = detached(s.slice(p, p + digits));
  const text =
    digits === 8 ? ipv4FromWord(w0, endianness) : (ipv6FromHex(s, p, endianness) as string);
  const entry = { hex, text };
  cache[index] = entry;
  return entry;
}

const TCP_TAIL = ['rto', 'ato', '(quick << 1 | pingpong)', 'cwnd', 'ssthresh'];
const DATAGRAM_TAIL = ['drops'];
const PORT = 'a port of 1-4 hex digits after the address';
const FIELDS =
  ' (at least 10 fields: sl, local, remote, st, tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode)';
const QUEUES = 'tx_queue:rx_queue as two hex numbers joined by a colon';
const TIMER = 'tr:tm->when as two hex numbers joined by a colon';

/**
 * Reads the kernel's fixed-width columns "%4d: %08X:%04X %08X:%04X %02X
 * %08X:%08X %02X:%08lX %08X " (IPv6: 32 address digits) from the line whose
 * slot ends at q, checked by their separators; false (nothing usable set)
 * on any deviation, which the general path then reads and explains.
 */
function scanFixedColumns(c: InetCursor, s: string, q: number, end: number): boolean {
  const digits = c.info.addressDigits;
  const p0 = q + 2;
  const r0 = p0 + digits + 6;
  const f0 = r0 + digits + 6;
  if (
    !(
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
    )
  ) {
    return false;
  }
  c.localPort = hexDigits(s, r0 - 5, 4);
  c.remotePort = hexDigits(s, f0 - 5, 4);
  c.stateCode = hexDigits(s, f0, 2);
  c.txQueue = hexDigits(s, f0 + 3, 8);
  c.rxQueue = hexDigits(s, f0 + 12, 8);
  c.timerCode = hexDigits(s, f0 + 21, 2);
  c.timerTicks = hexDigits(s, f0 + 24, 8);
  c.retransmits = hexDigits(s, f0 + 33, 8);
  // A failed read leaves -1; the general path then reads every column again.
  if ((c.localPort | c.remotePort | c.stateCode | c.timerCode) < 0) return false;
  if (c.txQueue < 0 || c.rxQueue < 0 || c.timerTicks < 0 || c.retransmits < 0) return false;
  const la = readAddress(c, s, p0);
  const ra = readAddress(c, s, r0);
  if (la === undefined || ra === undefined) return false;
  c.la = la;
  c.ra = ra;
  c.fieldEnd = f0 + 41;
  return true;
}

/**
 * Reads `ADDR:PORT` at or after `from` into the cursor (`la`/`localPort` or
 * `ra`/`remotePort`); false with the failure set.
 */
function scanEndpoint(
  c: InetCursor,
  s: string,
  from: number,
  end: number,
  local: boolean,
): boolean {
  const digits = c.info.addressDigits;
  const which = local ? 'local' : 'remote';
  const expected = `the ${which} address as hex digits (8 for IPv4, 32 for IPv6), then a colon and a hex port`;
  const p = skipSpace(s, from, end);
  if (p >= end) return c.fail('too-few-fields', `the ${which} address${FIELDS}`) ?? false;
  if (p + digits >= end || s.charCodeAt(p + digits) !== 58) {
    return c.fail('bad-address', expected) ?? false;
  }
  const address = readAddress(c, s, p);
  if (address === undefined) return c.fail('bad-address', expected) ?? false;
  const port = readHexField(c, s, p + digits + 1, end, 4, 0);
  if (port < 0) return c.fail('bad-port', `${which} ${PORT}`) ?? false;
  if (local) {
    c.la = address;
    c.localPort = port;
  } else {
    c.ra = address;
    c.remotePort = port;
  }
  return true;
}

/** Reads local and remote `ADDR:PORT`, st, the queues, the timer and retrnsmt field by field; false with the failure set. */
function scanColumns(c: InetCursor, s: string, q: number, end: number): boolean {
  const _digits = c.info.addressDigits;
  if (!scanEndpoint(c, s, q + 1, end, true)) return false;
  if (!scanEndpoint(c, s, c.fieldEnd, end, false)) return false;

  let p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `the state${FIELDS}`) ?? false;
  c.stateCode = readHexField(c, s, p, end, 2, 0);
  if (c.stateCode < 0) return c.fail('bad-state', 'a state of 1-2 hex digits') ?? false;

  p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `tx_queue:rx_queue${FIELDS}`) ?? false;
  c.txQueue = readHexField(c, s, p, end, 16, 58);
  if (c.txQueue < 0) return c.fail('bad-queue', QUEUES) ?? false;
  c.rxQueue = readHexField(c, s, c.fieldEnd + 1, end, 16, 0);
  if (c.rxQueue < 0) return c.fail('bad-queue', QUEUES) ?? false;

  p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `tr:tm->when${FIELDS}`) ?? false;
  c.timerCode = readHexField(c, s, p, end, 2, 58);
  if (c.timerCode < 0) return c.fail('bad-timer', TIMER) ?? false;
  c.timerTicks = readHexField(c, s, c.fieldEnd + 1, end, 16, 0);
  if (c.timerTicks < 0) return c.fail('bad-timer', TIMER) ?? false;

  p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `retrnsmt${FIELDS}`) ?? false;
  c.retransmits = readHexField(c, s, p, end, 16, 0);
  if (c.retransmits < 0) return c.fail('bad-number', 'retrnsmt as a hex number') ?? false;
  return true;
}

/**
 * @internal
 * Scans one line in s[start, end). Returns the record, undefined for a
 * blank or header line, {@link SKIP} for a row the filter rejects, or null
 * on failure (`c.failCode`/`c.failExpected` set).
 */
export function scanInetLine(
  c: InetCursor,
  s: string,
  start: number,
  end: number,
  lineNumber: number,
): InetSocket | undefined | null {
  const { info, filter } = c;
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
    const ch = s.charCodeAt(q);
    if (ch < 48 || ch > 57) break;
    slot = slot * 10 + (ch - 48);
    q++;
  }
  if (q === p || q - p > 10 || s.charCodeAt(q) !== 58) {
    return c.fail('bad-slot', "a decimal slot number followed by ':' (the sl column)");
  }
  c.slot = slot;

  if (!scanFixedColumns(c, s, q, end) && !scanColumns(c, s, q, end)) {
    return null;
  }
  if (filter !== undefined) {
    if (rejectedEarly(filter, c.stateCode, c.localPort, c.remotePort)) return SKIP;
    if (filter.unconnected !== undefined && isZeroHex(c.ra.hex) !== filter.unconnected) return SKIP;
  }

  p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `uid${FIELDS}`);
  c.uid = readDecField(c, s, p, end, false);
  if (Number.isNaN(c.uid)) return c.fail('bad-number', 'uid as a decimal number');
  if (filter?.uid !== undefined && c.uid !== filter.uid) return SKIP;

  p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `timeout${FIELDS}`);
  c.timeout = readDecField(c, s, p, end, true);
  if (Number.isNaN(c.timeout)) return c.fail('bad-number', 'timeout as a decimal number');

  p = skipSpace(s, c.fieldEnd, end);
  if (p >= end) return c.fail('too-few-fields', `the inode${FIELDS}`);
  q = p;
  while (q < end) {
    const ch = s.charCodeAt(q);
    if (ch < 48 || ch > 57) break;
    q++;
  }
  if (q === p || !isBoundary(s, q, end))
    return c.fail('bad-inode', 'the inode as a decimal number');
  const inode = s.slice(p, q);
  if (filter?.inodes !== undefined && !filter.inodes.has(inode)) return SKIP;

  // Optional trailing columns: refcnt and pointer, then tcp's
  // rto ato quick cwnd ssthresh (full sockets) or udp/raw's drops.
  p = skipPadding(s, q, end);
  c.hasRefCount = false;
  let pointer = '';
  if (p < end) {
    const refCount = readDecField(c, s, p, end, true);
    if (Number.isNaN(refCount)) return c.fail('bad-number', 'refcnt as a decimal number');
    c.hasRefCount = true;
    c.refCount = refCount;
    p = skipPadding(s, c.fieldEnd, end);
    if (p < end) {
      q = hexEnd(s, p, end);
      if (q === p || !isBoundary(s, q, end)) {
        return c.fail('bad-pointer', 'the socket pointer as hex digits');
      }
      pointer = s.slice(p, q);
      p = skipPadding(s, q, end);
    }
  }
  const tailNames = info.protocol === 'tcp' ? TCP_TAIL : DATAGRAM_TAIL;
  let n = 0;
  while (p < end && n < tailNames.length) {
    const v = readDecField(c, s, p, end, true);
    if (Number.isNaN(v)) return c.fail('bad-number', `${tailNames[n]} as a decimal number`);
    c.setTail(n, v);
    n++;
    p = skipPadding(s, c.fieldEnd, end);
  }
  c.tailCount = n;

  if (p >= end && pointer !== '') {
    const record = commonRecord(c, lineNumber, inode, pointer);
    if (record !== undefined) return record;
  }
  let extra: string[] | undefined;
  if (p < end) {
    extra = [];
    while (p < end) {
      q = p;
      while (q < end && s.charCodeAt(q) > 32) q++;
      extra.push(s.slice(p, q));
      p = skipSpace(s, q, end);
    }
  }
  return looseRecord(c, lineNumber, inode, pointer, extra);
}
