/**
 * The byte scanner, the fast path of `parseInetTable`. `charCodeAt` costs a
 * few nanoseconds per call (string shape dispatch and bounds checks on every
 * read), more than the rest of a line's work; typed-array reads are cheap.
 * So the text is copied window by window into a byte buffer
 * (`TextEncoder.encodeInto`: native, fast for ASCII) and lines are scanned
 * there. This scanner only takes lines in the kernel's exact layout and the
 * three common record shapes, and returns undefined for anything else
 * (header, blank, malformed, lowercase hex digits outside the pointer, extra columns,
 * non-ASCII windows...), which then goes through the string scanner: same
 * records, same errors.
 *
 * @module
 */

import { ipv4FromWord, ipv6FromHex } from '../address.js';
import { HEX_DIGITS, LOWER_HEX, NOT_HEX } from '../hex.js';
import type { Endianness, InetSocket } from '../types.js';
import { addressCaches, type ByteCachedAddress, cacheIndex, detached } from './address-cache.js';
import { type InetCursor, WINDOW } from './cursor.js';
import { isZeroHex, rejectedEarly, SKIP } from './filter.js';
import { commonRecord } from './records.js';

/**
 * Table entries that end the fast path: a byte that is no hex digit, or a
 * lowercase one. The kernel prints every hex column but the pointer with
 * `%X`; a row with lowercase digits goes to the string scanner, and the
 * entries the fast path reads are the digits' values, with no masking.
 */
const REJECT = NOT_HEX | LOWER_HEX;

/** 8 uppercase hex digits at p as an unsigned 32-bit number, or -1. */
function byteHex8(b: Uint8Array, p: number): number {
  const d0 = HEX_DIGITS[b[p] as number] as number;
  const d1 = HEX_DIGITS[b[p + 1] as number] as number;
  const d2 = HEX_DIGITS[b[p + 2] as number] as number;
  const d3 = HEX_DIGITS[b[p + 3] as number] as number;
  const d4 = HEX_DIGITS[b[p + 4] as number] as number;
  const d5 = HEX_DIGITS[b[p + 5] as number] as number;
  const d6 = HEX_DIGITS[b[p + 6] as number] as number;
  const d7 = HEX_DIGITS[b[p + 7] as number] as number;
  if (((d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7) & REJECT) !== 0) return -1;
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

/** 4 uppercase hex digits at p, or -1. */
function byteHex4(b: Uint8Array, p: number): number {
  const d0 = HEX_DIGITS[b[p] as number] as number;
  const d1 = HEX_DIGITS[b[p + 1] as number] as number;
  const d2 = HEX_DIGITS[b[p + 2] as number] as number;
  const d3 = HEX_DIGITS[b[p + 3] as number] as number;
  if (((d0 | d1 | d2 | d3) & REJECT) !== 0) return -1;
  return (d0 << 12) | (d1 << 8) | (d2 << 4) | d3;
}

/** 2 uppercase hex digits at p, or -1. */
function byteHex2(b: Uint8Array, p: number): number {
  const d0 = HEX_DIGITS[b[p] as number] as number;
  const d1 = HEX_DIGITS[b[p + 1] as number] as number;
  if (((d0 | d1) & REJECT) !== 0) return -1;
  return (d0 << 4) | d1;
}

type ByteAddressCache = (ByteCachedAddress | undefined)[];

/** Caches keyed by value: entries only come from uppercase digits, so equal words mean equal text and a hit needs no string compare. */
const addressCache = /* @__PURE__ */ addressCaches<ByteCachedAddress>();

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
  const w0 = byteHex8(b, p);
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  if (digits !== 8) {
    w1 = byteHex8(b, p + 8);
    w2 = byteHex8(b, p + 16);
    w3 = byteHex8(b, p + 24);
    if (w1 < 0 || w2 < 0 || w3 < 0) return undefined;
  }
  if (w0 < 0) return undefined;
  const index = cacheIndex(w0, w1, w2, w3, digits);
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
 * as the string scanner reads it; NaN if malformed. Sets `c.fieldEnd` (a byte index).
 */
function byteDec(c: InetCursor, b: Uint8Array, p: number, pe: number, signed: boolean): number {
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
  c.fieldEnd = q;
  return negative ? -v : v;
}

/**
 * @internal
 * Makes the cursor's byte window hold the line that starts at `start` and
 * ends at `end`, copying the next window of whole lines when the line is
 * past the current one. Returns whether the line can be scanned as bytes
 * (the window is ASCII and holds the whole line).
 */
export function windowHolds(c: InetCursor, text: string, start: number, end: number): boolean {
  if (start >= c.windowEnd) {
    if (typeof TextEncoder !== 'function') return false;
    encoder ??= new TextEncoder();
    const length = text.length;
    let windowEnd = Math.min(length, start + WINDOW);
    if (windowEnd < length) {
      const lastNewline = text.lastIndexOf('\n', windowEnd - 1);
      if (lastNewline >= end) windowEnd = lastNewline + 1;
    }
    c.windowStart = start;
    c.windowEnd = windowEnd;
    if (c.buffer === undefined) {
      c.buffer = new Uint8Array(WINDOW + 8);
      c.words = new Uint32Array(c.buffer.buffer);
    }
    const copied = encoder.encodeInto(text.slice(start, windowEnd), c.buffer);
    const size = windowEnd - start;
    c.bytes = copied.read === size && copied.written === size ? c.buffer : undefined;
  }
  return c.bytes !== undefined && end <= c.windowEnd;
}

let encoder: InstanceType<typeof TextEncoder> | undefined;

/**
 * @internal
 * Scans the line at text [start, end), which {@link windowHolds} put in the
 * cursor's byte window, when it is in the kernel layout and a common shape;
 * undefined otherwise (the caller then runs the string scanner on the same
 * line), {@link SKIP} for a row the filter rejects.
 */
export function scanInetBytes(
  c: InetCursor,
  s: string,
  start: number,
  end: number,
  lineNumber: number,
): InetSocket | undefined {
  const { info, endianness, filter } = c;
  const b = c.bytes as Uint8Array;
  const words = c.words as Uint32Array;
  const base = c.windowStart;
  const pe = end - base;
  const p = byteSkipSpace(b, start - base, pe);
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
  const txQueue = byteHex8(b, f0 + 3);
  const rxQueue = byteHex8(b, f0 + 12);
  const timerCode = byteHex2(b, f0 + 21);
  const timerTicks = byteHex8(b, f0 + 24);
  const retransmits = byteHex8(b, f0 + 33);
  if ((localPort | remotePort | stateCode | timerCode) < 0) return undefined;
  if (txQueue < 0 || rxQueue < 0 || timerTicks < 0 || retransmits < 0) return undefined;
  if (filter !== undefined && rejectedEarly(filter, stateCode, localPort, remotePort)) return SKIP;
  let cache = c.byteCache;
  if (cache === undefined) {
    cache = addressCache(endianness, info.family);
    c.byteCache = cache;
  }
  const la = byteAddress(b, s, base, p0, digits, cache, endianness);
  if (la === undefined) return undefined;
  const ra = byteAddress(b, s, base, r0, digits, cache, endianness);
  if (ra === undefined) return undefined;
  if (filter?.unconnected !== undefined && isZeroHex(ra.hex) !== filter.unconnected) return SKIP;

  let r = byteSkipSpace(b, f0 + 41, pe);
  const uid = byteDec(c, b, r, pe, false);
  if (Number.isNaN(uid)) return undefined;
  if (filter?.uid !== undefined && uid !== filter.uid) return SKIP;
  r = byteSkipSpace(b, c.fieldEnd, pe);
  const timeout = byteDec(c, b, r, pe, true);
  if (Number.isNaN(timeout)) return undefined;
  r = byteSkipSpace(b, c.fieldEnd, pe);
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
  const refCount = byteDec(c, b, r, pe, true);
  if (Number.isNaN(refCount)) return undefined;
  r = byteSkipSpace(b, c.fieldEnd, pe);
  q = r;
  while (q < pe && ((HEX_DIGITS[b[q] as number] as number) & NOT_HEX) === 0) q++;
  if (q === r || (q < pe && (b[q] as number) > 32)) return undefined;
  const pointer = s.slice(base + r, base + q);
  r = byteSkipPadding(b, words, q, pe);
  const tailLength = info.protocol === 'tcp' ? 5 : 1;
  let n = 0;
  while (r < pe && n < tailLength) {
    const v = byteDec(c, b, r, pe, true);
    if (Number.isNaN(v)) return undefined;
    c.setTail(n, v);
    n++;
    r = byteSkipPadding(b, words, c.fieldEnd, pe);
  }
  if (r < pe) return undefined;

  c.slot = slot;
  c.la = la;
  c.localPort = localPort;
  c.ra = ra;
  c.remotePort = remotePort;
  c.stateCode = stateCode;
  c.txQueue = txQueue;
  c.rxQueue = rxQueue;
  c.timerCode = timerCode;
  c.timerTicks = timerTicks;
  c.retransmits = retransmits;
  c.uid = uid;
  c.timeout = timeout;
  c.refCount = refCount;
  c.tailCount = n;
  return commonRecord(c, lineNumber, inode, pointer);
}
