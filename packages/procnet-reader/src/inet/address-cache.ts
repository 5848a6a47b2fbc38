/**
 * Direct-mapped caches of decoded addresses, for both scanners: socket
 * tables repeat the same few addresses on every row, so each address is
 * decoded once. One cache per byte order and family; an entry is found by
 * a hash of the address's 32-bit words, and the scanner checks a hit
 * against the row (a collision only costs a decode).
 *
 * @module
 */

import type { Endianness } from '../types.js';

/** @internal A decoded address and its hex text as the file spells it. */
export interface CachedAddress {
  hex: string;
  text: string;
}

/** @internal A cache entry of the byte scanner: also the address's four 32-bit words (IPv4: w0 only), its key. */
export interface ByteCachedAddress extends CachedAddress {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
}

/** Bits of the index into a cache. */
const CACHE_BITS = 12;

/**
 * @internal
 * A set of caches of entries `T`, one per byte order and family, each made
 * when first asked for.
 */
export function addressCaches<T>(): (endianness: Endianness, family: 4 | 6) => (T | undefined)[] {
  const caches: (T | undefined)[][] = [];
  return (endianness, family) => {
    const key = (endianness === 'big' ? 2 : 0) + (family === 6 ? 1 : 0);
    let cache = caches[key];
    if (cache === undefined) {
      cache = new Array(1 << CACHE_BITS);
      caches[key] = cache;
    }
    return cache;
  };
}

/** @internal The cache slot of an address from its four 32-bit words (IPv4: `w0` only, `digits` 8). */
export function cacheIndex(w0: number, w1: number, w2: number, w3: number, digits: number): number {
  const hash =
    digits === 8 ? w0 : w0 ^ Math.imul(w1, 31) ^ Math.imul(w2, 961) ^ Math.imul(w3, 29791);
  return Math.imul(hash, 0x9e3779b1) >>> (32 - CACHE_BITS);
}

/** @internal A copy of a short string that does not keep a large parent string alive. */
export function detached(str: string): string {
  return ` ${str}`.slice(1);
}
