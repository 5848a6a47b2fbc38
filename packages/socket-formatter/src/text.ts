/**
 * Text for netstat's columns: byte-oriented padding and cutting, as C's
 * `printf("%-10s")` pads by bytes, not characters, and escaping of names.
 *
 * @module
 */

import { escapeControlCharacters } from '@netintro/procnet-reader';

/**
 * Bytes a string takes on output: UTF-8, except that U+DC80-U+DCFF (a byte
 * 0x80-0xFF that was not UTF-8 in the file, see `decodeBytes` in
 * `@netintro/procnet-reader`) is that one raw byte again (write output
 * with its `encodeBytes`).
 */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** `%-<width>s`: left-aligned, padded with spaces to at least `width` bytes. */
export function padRight(s: string, width: number): string {
  if (s.length >= width) return s;
  const len = byteLength(s);
  return len >= width ? s : s + ' '.repeat(width - len);
}

/** `%<width>s` / `%<width>ld`: right-aligned. */
export function padLeft(s: string, width: number): string {
  if (s.length >= width) return s;
  const len = byteLength(s);
  return len >= width ? s : ' '.repeat(width - len) + s;
}

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes, never splitting a character. */
export function cutBytes(s: string, bytes: number): string {
  if (byteLength(s) <= bytes) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * Makes text from a file or a name service safe for a terminal, and
 * unambiguous: a backslash becomes `\\`, a control character (C0, DEL,
 * C1) `\xHH`, and a byte 0x80-0x9F that was not UTF-8 (U+DC80-U+DC9F, a C1
 * control on an 8-bit terminal) `\xHH` too. Other bytes that were not
 * UTF-8 (U+DCA0-U+DCFF) stay raw bytes on output, as netstat prints them.
 * So a name holding ESC prints `\x1B`, and a name holding the four
 * characters `\x1B` prints `\\x1B`. Used for UNIX paths and for the
 * names of services, hosts, networks, protocols and users. The same rule
 * as `escapeControlCharacters` of `@netintro/procnet-reader`, which it calls.
 *
 * @example
 * ```ts
 * escapeText('evil\x1b[31mRED'); // 'evil\\x1B[31mRED'
 * escapeText('@a\\x1B'); // '@a\\\\x1B'
 * ```
 */
export function escapeText(s: string): string {
  return escapeControlCharacters(s);
}

/** One unit of escaped text: `\\`, `\xHH`, or one code point (a lone surrogate counts as one). */
const UNIT = /\\\\|\\x[0-9A-F]{2}|[\s\S]/gu;

/**
 * The longest prefix of escaped text that fits in `bytes` output bytes,
 * never splitting a character or an escape (`\\`, `\xHH`).
 *
 * @example
 * ```ts
 * cutEscaped('12345/aaaaaaaa\\\\\\x1B', 19); // '12345/aaaaaaaa\\\\'
 * ```
 */
export function cutEscaped(s: string, bytes: number): string {
  if (byteLength(s) <= bytes) return s;
  let used = 0;
  let end = 0;
  UNIT.lastIndex = 0;
  for (let m = UNIT.exec(s); m !== null; m = UNIT.exec(s)) {
    const n = byteLength(m[0]);
    if (used + n > bytes) break;
    used += n;
    end = UNIT.lastIndex;
  }
  return s.slice(0, end);
}
