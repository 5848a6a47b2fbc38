/**
 * Addresses as `/proc/net` prints them (hex words in host byte order) and
 * as people write them: decoding, encoding and RFC 5952 IPv6 text.
 *
 * @module
 */

import { hexDigit } from './hex.js';
import type { Endianness } from './types.js';

/** @internal Reads `count` hex digits at `start` as a 32-bit word, or -1 if one is not hex. */
export function readHexWord(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const d = hexDigit(s.charCodeAt(i));
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Puts the 4 bytes of one printed word into `out` in memory order. */
function wordBytes(word: number, endianness: Endianness, out: number[], at: number): void {
  for (let k = 0; k < 4; k++) {
    out[at + k] = (word >>> (endianness === 'little' ? 8 * k : 24 - 8 * k)) & 0xff;
  }
}

/** @internal Dotted quad of one printed 32-bit word. */
export function ipv4FromWord(word: number, endianness: Endianness): string {
  return endianness === 'little'
    ? `${word & 0xff}.${(word >>> 8) & 0xff}.${(word >>> 16) & 0xff}.${word >>> 24}`
    : `${word >>> 24}.${(word >>> 16) & 0xff}.${(word >>> 8) & 0xff}.${word & 0xff}`;
}

/**
 * Formats 16 bytes (network order) as RFC 5952 text: lowercase, no leading
 * zeros, the longest run (first on a tie) of two or more zero groups as `::`,
 * and `::ffff:a.b.c.d` for IPv4-mapped addresses.
 *
 * @example
 * ```ts
 * formatIpv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // '2001:db8::1'
 * ```
 */
export function formatIpv6(bytes: ArrayLike<number>): string {
  if (bytes.length !== 16)
    throw new RangeError(`an IPv6 address has 16 bytes, got ${bytes.length}`);
  const b = bytes as ArrayLike<number> & Record<number, number>;
  let mapped = b[10] === 0xff && b[11] === 0xff;
  for (let i = 0; mapped && i < 10; i++) if (b[i] !== 0) mapped = false;
  if (mapped) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) {
    groups.push((((b[i] as number) << 8) | (b[i + 1] as number)).toString(16));
  }
  // The longest run of two or more zero groups (the first on a tie) becomes `::`.
  let bestStart = 0;
  let bestLen = 1;
  for (let i = 0, run = 0; i < 8; i++) {
    run = groups[i] === '0' ? run + 1 : 0;
    if (run > bestLen) {
      bestStart = i + 1 - run;
      bestLen = run;
    }
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}

/** @internal Decodes 32 hex digits at `start` (four host-order words); undefined if not hex. */
export function ipv6FromHex(s: string, start: number, endianness: Endianness): string | undefined {
  const bytes: number[] = new Array<number>(16);
  for (let w = 0; w < 4; w++) {
    const word = readHexWord(s, start + w * 8, 8);
    if (word < 0) return undefined;
    wordBytes(word, endianness, bytes, w * 4);
  }
  return formatIpv6(bytes);
}

/** @internal Decodes an address hex string of 8 or 32 digits; undefined if invalid. */
export function decodeAddressText(hex: string, endianness: Endianness): string | undefined {
  if (hex.length === 8) {
    const word = readHexWord(hex, 0, 8);
    return word < 0 ? undefined : ipv4FromWord(word, endianness);
  }
  if (hex.length === 32) return ipv6FromHex(hex, 0, endianness);
  return undefined;
}

/**
 * Decodes an address as `/proc/net/{tcp,udp,raw}[6]` prints it: 8 hex digits
 * (IPv4, one 32-bit word) or 32 hex digits (IPv6, four 32-bit words), each
 * word in the byte order of the host that printed it. IPv6 comes out as
 * RFC 5952 text, IPv4-mapped addresses as `::ffff:a.b.c.d`.
 *
 * @param hex - 8 or 32 hex digits, either case.
 * @param endianness - byte order of the printing host (default `'little'`, as on x86 and most ARM).
 * @throws RangeError when `hex` is not 8 or 32 hex digits.
 *
 * @example
 * ```ts
 * decodeAddress('0100007F'); // '127.0.0.1'
 * decodeAddress('7F000001', 'big'); // '127.0.0.1'
 * decodeAddress('00000000000000000000000001000000'); // '::1'
 * decodeAddress('0000000000000000FFFF00000100007F'); // '::ffff:127.0.0.1'
 * ```
 */
export function decodeAddress(hex: string, endianness: Endianness = 'little'): string {
  checkEndianness(endianness);
  const text = decodeAddressText(hex, endianness);
  if (text === undefined) {
    throw new RangeError(
      `expected 8 (IPv4) or 32 (IPv6) hex digits, got ${JSON.stringify(hex.slice(0, 64))}`,
    );
  }
  return text;
}

/** @internal */
export function checkEndianness(endianness: unknown): asserts endianness is Endianness {
  if (endianness !== 'little' && endianness !== 'big') {
    throw new TypeError(`endianness must be 'little' or 'big', got ${JSON.stringify(endianness)}`);
  }
}

/**
 * Parses dotted-quad IPv4 text into 4 bytes, or undefined, as `inet_pton`
 * reads it: four decimal parts up to 255, no leading zeros.
 *
 * @example
 * ```ts
 * parseIpv4Bytes('192.0.2.1'); // [192, 0, 2, 1]
 * parseIpv4Bytes('010.0.0.1'); // undefined
 * ```
 */
export function parseIpv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/**
 * Parses IPv6 text (with `::` and an optional dotted-quad tail) into 16
 * bytes in network order, or undefined.
 *
 * @example
 * ```ts
 * parseIpv6Bytes('::1'); // [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
 * parseIpv6Bytes('1::2::3'); // undefined
 * ```
 */
export function parseIpv6Bytes(text: string): number[] | undefined {
  const doubles = text.split('::');
  if (doubles.length > 2) return undefined;
  const toGroups = (part: string, allowV4Tail: boolean): number[] | undefined => {
    if (part === '') return [];
    const pieces = part.split(':');
    const groups: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (allowV4Tail && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4Bytes(piece);
        if (!v4) return undefined;
        groups.push(((v4[0] as number) << 8) | (v4[1] as number));
        groups.push(((v4[2] as number) << 8) | (v4[3] as number));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
      groups.push(Number.parseInt(piece, 16));
    }
    return groups;
  };
  let groups: number[];
  if (doubles.length === 2) {
    const head = toGroups(doubles[0] as string, false);
    const tail = toGroups(doubles[1] as string, true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = toGroups(text, true);
    if (all === undefined || all.length !== 8) return undefined;
    groups = all;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >>> 8, g & 0xff);
  return bytes;
}

function wordHex(bytes: number[], at: number, endianness: Endianness): string {
  const order = endianness === 'little' ? [3, 2, 1, 0] : [0, 1, 2, 3];
  let out = '';
  for (const k of order) out += (bytes[at + k] as number).toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/**
 * The inverse of {@link decodeAddress}: encodes IPv4 or IPv6 text the way the
 * kernel prints it in `/proc/net` on a host of the given byte order
 * (uppercase hex, 8 digits for IPv4, 32 for IPv6).
 *
 * @param address - dotted quad for family 4; any valid IPv6 text for family 6 (`::1`, `::ffff:1.2.3.4`).
 * @param family - 4 or 6.
 * @param endianness - byte order of the host to imitate (default `'little'`).
 * @throws TypeError when the address is not valid text of that family.
 *
 * @example
 * ```ts
 * encodeAddress('127.0.0.1', 4); // '0100007F'
 * encodeAddress('127.0.0.1', 4, 'big'); // '7F000001'
 * encodeAddress('::1', 6); // '00000000000000000000000001000000'
 * ```
 */
export function encodeAddress(
  address: string,
  family: 4 | 6,
  endianness: Endianness = 'little',
): string {
  checkEndianness(endianness);
  const bytes = family === 4 ? parseIpv4Bytes(address) : parseIpv6Bytes(address);
  if (!bytes || (family !== 4 && family !== 6)) {
    throw new TypeError(`not a valid IPv${family} address: ${JSON.stringify(address)}`);
  }
  let out = '';
  for (let at = 0; at < bytes.length; at += 4) out += wordHex(bytes, at, endianness);
  return out;
}
