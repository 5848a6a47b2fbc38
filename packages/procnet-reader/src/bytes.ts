/**
 * Bytes to text without losing any: the representation every netintro
 * reader uses for file contents that are not guaranteed UTF-8 (socket
 * paths, `/etc/services`, command lines).
 *
 * @module
 */

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes bytes as UTF-8, keeping every byte that is not part of valid
 * UTF-8 as the lone surrogate U+DC00 + byte (U+DC80-U+DCFF), the scheme
 * Python calls `surrogateescape`. Valid UTF-8 decodes as usual, so most
 * text is unchanged; a name such as `x-\xE9\xFF-cust` (Latin-1 in a UTF-8
 * file) becomes `x-\uDCE9\uDCFF-cust` instead of two U+FFFD, and
 * {@link encodeBytes} gives back the exact bytes. `@netintro/socket-formatter`
 * counts each such character as one byte when padding and writes it back
 * raw (`encodeText`); `JSON.stringify` writes it as `\udce9`.
 *
 * @example
 * ```ts
 * decodeBytes(new Uint8Array([0x78, 0xe9, 0xff])); // 'x\udce9\udcff'
 * decodeBytes(new TextEncoder().encode('café')); // 'café'
 * ```
 */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeSlowly(bytes);
  }
}

function decodeSlowly(b: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const flush = (): void => {
    parts.push(String.fromCharCode(...units));
    units = [];
  };
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need = 0;
    let cp = 0;
    let min = 0;
    if (c < 0x80) {
      units.push(c);
      i++;
      if (units.length >= 8192) flush();
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) [need, cp, min] = [1, c & 0x1f, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, cp, min] = [2, c & 0x0f, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, cp, min] = [3, c & 0x07, 0x10000];
    let ok = need > 0 && i + need < b.length;
    for (let k = 1; ok && k <= need; k++) {
      const t = b[i + k];
      if (t === undefined || (t & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (t & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      units.push(0xdc00 + c);
      i++;
    } else {
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else units.push(cp);
      i += need + 1;
    }
    if (units.length >= 8192) flush();
  }
  flush();
  return parts.join('');
}

/**
 * The inverse of {@link decodeBytes}: UTF-8, with U+DC80-U+DCFF written as
 * the single byte they stand for.
 *
 * @example
 * ```ts
 * encodeBytes('x\udce9\udcff'); // Uint8Array [0x78, 0xe9, 0xff]
 * ```
 */
export function encodeBytes(text: string): Uint8Array {
  const encoder = new TextEncoder();
  if (!/[\udc80-\udcff]/.test(text)) return encoder.encode(text);
  const out = new Uint8Array(text.length * 3);
  let used = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc80 || c > 0xdcff) continue;
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (before >= 0xd800 && before <= 0xdbff) continue; // the second half of a real pair
    used += encoder.encodeInto(text.slice(from, i), out.subarray(used)).written;
    out[used++] = c - 0xdc00;
    from = i + 1;
  }
  used += encoder.encodeInto(text.slice(from), out.subarray(used)).written;
  return out.slice(0, used);
}
