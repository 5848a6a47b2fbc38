import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeBytes, parseUnix } from '../../src/index.js';

describe('decodeBytes / encodeBytes (issue 10, defect 11)', () => {
  it('keeps bytes that are not UTF-8 as U+DC80-U+DCFF, and gives them back', () => {
    const bytes = new Uint8Array([0x78, 0x2d, 0xe9, 0xff, 0x2d, 0x63]);
    expect(decodeBytes(bytes)).toBe('x-\udce9\udcff-c');
    expect([...encodeBytes('x-\udce9\udcff-c')]).toEqual([...bytes]);
    // Valid UTF-8 is unchanged, including 4-byte characters next to bad bytes.
    expect(decodeBytes(new TextEncoder().encode('café 🦊'))).toBe('café 🦊');
    const mixed = new Uint8Array([0xf0, 0x9f, 0xa6, 0x8a, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80]);
    expect(decodeBytes(mixed)).toBe('🦊\udc80\udcc0\udcaf\udced\udca0\udc80');
  });

  it('round-trips any bytes (2,000 seeded cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect([...encodeBytes(decodeBytes(b))]).toEqual([...b]);
      }),
      { seed: 10, numRuns: 2000 },
    );
  });

  it('matches TextDecoder on valid UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(decodeBytes(new TextEncoder().encode(s))).toBe(s);
      }),
      { seed: 11, numRuns: 1000 },
    );
  });

  it('lets a UNIX path keep its bytes through parseUnix', () => {
    const head = '0000000000000000: 00000002 00000000 00000000 0001 01 12345 ';
    const line = new Uint8Array([...new TextEncoder().encode(head), 0x2f, 0x74, 0xe9, 0xff]);
    const [u] = parseUnix(decodeBytes(line));
    expect([...encodeBytes(u!.path!)]).toEqual([0x2f, 0x74, 0xe9, 0xff]);
  });
});
