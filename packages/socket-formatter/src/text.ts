/** Byte-oriented padding, as C's `printf("%-10s")` pads by bytes, not characters. */

/** UTF-8 length of a string in bytes. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
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
 * Writes control characters (C0, DEL, C1) as `\xHH` so a program name or
 * path cannot inject terminal escapes or extra lines (CVE-2024-58251). This
 * is the form `@netintro/procnet-reader` uses for command names, so text it
 * already escaped passes through unchanged.
 */
export function escapeControl(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
