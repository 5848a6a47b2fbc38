import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeAddress, encodeAddress, formatIpv6 } from '../../src/index.js';

// Vectors from NETSTAT-FACTS items 1 and 3 and STYLE.md (captured on x86, little-endian).
const littleVectors: [string, string][] = [
  ['0100007F', '127.0.0.1'],
  ['020200C0', '192.0.2.2'],
  ['7B6433C6', '198.51.100.123'],
  ['00000000', '0.0.0.0'],
  ['00000000000000000000000001000000', '::1'],
  ['B80D0120D308A3852E8A191348737003', '2001:db8:85a3:8d3:1319:8a2e:370:7348'],
  ['000080FE0000000000000000CDAB0000', 'fe80::abcd'],
  ['000000FD000000000000000002000000', 'fd00::2'],
  ['0000000000000000FFFF00000100007F', '::ffff:127.0.0.1'],
  ['5014002A14080140000000000E200000', '2a00:1450:4001:814::200e'],
  ['00000000000000000000000000000000', '::'],
];

// The same addresses as a big-endian host prints them: each 32-bit word in network order.
const bigVectors: [string, string][] = [
  ['7F000001', '127.0.0.1'],
  ['C0000202', '192.0.2.2'],
  ['C633647B', '198.51.100.123'],
  ['00000000000000000000000000000001', '::1'],
  ['20010DB885A308D313198A2E03707348', '2001:db8:85a3:8d3:1319:8a2e:370:7348'],
  ['FE80000000000000000000000000ABCD', 'fe80::abcd'],
  ['00000000000000000000FFFF7F000001', '::ffff:127.0.0.1'],
];

describe('decodeAddress', () => {
  it.each(littleVectors)('little-endian %s -> %s', (hex, text) => {
    expect(decodeAddress(hex, 'little')).toBe(text);
    expect(decodeAddress(hex.toLowerCase())).toBe(text);
  });
  it.each(bigVectors)('big-endian %s -> %s', (hex, text) => {
    expect(decodeAddress(hex, 'big')).toBe(text);
  });
  it.each(['', '0100007', '0100007G', '0'.repeat(31), '0'.repeat(33), 'zz000000'])(
    'rejects %j',
    (hex) => {
      expect(() => decodeAddress(hex)).toThrow(RangeError);
    },
  );
  it('rejects an unknown endianness', () => {
    expect(() => decodeAddress('0100007F', 'middle' as never)).toThrow(TypeError);
  });
});

describe('encodeAddress', () => {
  it.each(littleVectors)('little-endian %s <- %s', (hex, text) => {
    expect(encodeAddress(text, hex.length === 8 ? 4 : 6, 'little')).toBe(hex);
  });
  it.each(bigVectors)('big-endian %s <- %s', (hex, text) => {
    expect(encodeAddress(text, hex.length === 8 ? 4 : 6, 'big')).toBe(hex);
  });
  it.each([
    ['256.0.0.1', 4],
    ['1.2.3', 4],
    ['01.2.3.4', 4],
    ['::1', 4],
    ['1::2::3', 6],
    ['12345::', 6],
    ['1:2:3:4:5:6:7:8:9', 6],
    ['g::1', 6],
  ] as const)('rejects %s as IPv%d', (text, family) => {
    expect(() => encodeAddress(text, family)).toThrow(TypeError);
  });
});

describe('formatIpv6 (RFC 5952)', () => {
  const bytes = (...groups: number[]): number[] => groups.flatMap((g) => [g >> 8, g & 0xff]);
  it.each([
    [bytes(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), '2001:db8::1:0:0:1'], // first of two equal runs
    [bytes(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), '2001:db8:0:1:1:1:1:1'], // a single 0 is not compressed
    [bytes(0x2001, 0, 0, 1, 0, 0, 0, 1), '2001:0:0:1::1'], // the longest run wins
    [bytes(0, 0, 0, 0, 0, 0, 0, 0), '::'],
    [bytes(0xfe80, 0, 0, 0, 0, 0, 0, 0), 'fe80::'],
    [bytes(0xabcd, 0xef, 0, 0, 0, 0, 0, 0), 'abcd:ef::'],
  ])('%j -> %s', (input, text) => {
    expect(formatIpv6(input)).toBe(text);
  });
});

const hexWords = (words: number) =>
  fc
    .array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: words, maxLength: words })
    .map((ws) => ws.map((w) => w.toString(16).toUpperCase().padStart(8, '0')).join(''));
const endianness = fc.constantFrom('little' as const, 'big' as const);

describe('round trips', () => {
  propTest.prop([hexWords(1), endianness])('IPv4 hex -> text -> hex', (hex, order) => {
    expect(encodeAddress(decodeAddress(hex, order), 4, order)).toBe(hex);
  });
  propTest.prop([hexWords(4), endianness])('IPv6 hex -> text -> hex', (hex, order) => {
    expect(encodeAddress(decodeAddress(hex, order), 6, order)).toBe(hex);
  });
  propTest.prop([fc.ipV4(), endianness])('IPv4 text -> hex -> text', (text, order) => {
    expect(decodeAddress(encodeAddress(text, 4, order), order)).toBe(text);
  });
  propTest.prop([fc.ipV6(), endianness])('IPv6 text -> hex -> canonical text', (text, order) => {
    const hex = encodeAddress(text, 6, order);
    const canonical = decodeAddress(hex, order);
    // Canonical text is a fixed point, and encodes to the same bytes.
    expect(encodeAddress(canonical, 6, order)).toBe(hex);
    expect(decodeAddress(encodeAddress(canonical, 6, order), order)).toBe(canonical);
  });
  propTest.prop([hexWords(4)])('byte orders differ only by swapping each word', (hex) => {
    const swapped = hex.replace(/(..)(..)(..)(..)/g, '$4$3$2$1');
    expect(decodeAddress(hex, 'little')).toBe(decodeAddress(swapped, 'big'));
  });
});
