/**
 * Hex digits: the one rule (`hexDigit`) and the one lookup table built from
 * it (`HEX_DIGITS`), for the scanners that read a digit per table load.
 *
 * @module
 */

/** @internal Value of one hex digit by char code (either case), or -1. */
export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** @internal {@link HEX_DIGITS} entry of a byte that is not a hex digit. */
export const NOT_HEX = 16;
/** @internal Bit {@link HEX_DIGITS} adds to a lowercase digit (`a`-`f`). */
export const LOWER_HEX = 32;

/**
 * @internal
 * {@link hexDigit} of every byte: 0-15 for a digit, plus {@link LOWER_HEX}
 * for `a`-`f`, {@link NOT_HEX} for any other byte. OR-ing the entries of a
 * field and testing `NOT_HEX` flags a bad digit; testing `NOT_HEX | LOWER_HEX`
 * also flags lowercase (the kernel prints `%X`). The value is `entry & 15`.
 */
export const HEX_DIGITS: Uint8Array = /* @__PURE__ */ hexDigitTable();

function hexDigitTable(): Uint8Array {
  const table = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    const d = hexDigit(c);
    table[c] = d < 0 ? NOT_HEX : c >= 97 ? d | LOWER_HEX : d;
  }
  return table;
}
