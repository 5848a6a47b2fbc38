import { describe, expect, it } from 'vitest';
import { type ParseIssue, ProcNetParseError, parseIfInet6 } from '../../src/index.js';

// Captured on a Debian 12 container (kernel 6.x): `cat /proc/net/if_inet6`;
// `ip -6 -o addr` showed fd00::2/64 global nodad, ::1/128 host, fe80::fc:ff:fe00:1/64 link.
const CAPTURED =
  'fd000000000000000000000000000002 04 40 00 82     eth0\n' +
  '00000000000000000000000000000001 01 80 10 80       lo\n' +
  'fe8000000000000000fc00fffe000001 04 40 20 80     eth0\n';

describe('parseIfInet6', () => {
  it('decodes a captured file as ip -6 addr shows it', () => {
    const rows = parseIfInet6(CAPTURED);
    expect(rows.map((r) => `${r.iface} ${r.address}/${r.prefixLength} ${r.scope}`)).toEqual([
      'eth0 fd00::2/64 0',
      'lo ::1/128 16',
      'eth0 fe80::fc:ff:fe00:1/64 32',
    ]);
    expect(rows[0]).toEqual({
      address: 'fd00::2',
      ifindex: 4,
      prefixLength: 64,
      scope: 0,
      flags: 0x82,
      iface: 'eth0',
      line: 1,
    });
  });

  it('reads the address in network byte order whatever the endianness option says', () => {
    const line = '20010db8000000000000000000000001 02 40 00 80 eth1\n';
    expect(parseIfInet6(line, { endianness: 'little' })[0]?.address).toBe('2001:db8::1');
    expect(parseIfInet6(line, { endianness: 'big' })[0]?.address).toBe('2001:db8::1');
  });

  it('keeps columns a newer kernel might add', () => {
    expect(parseIfInet6('00000000000000000000000000000001 01 80 10 80 lo 7\n')[0]?.extra).toEqual([
      '7',
    ]);
  });

  it('names source, line and expectation for each kind of bad line', () => {
    const text =
      '00000000000000000000000000000001 01 80 10 80 lo\n' +
      '0000000000000000000000000000001 01 80 10 80 lo\n' +
      '00000000000000000000000000000001 01 80 zz 80 lo\n' +
      '00000000000000000000000000000001 01 80\n';
    const issues: ParseIssue[] = [];
    const rows = parseIfInet6(text, { onInvalidLine: (i) => issues.push(i) });
    expect(rows).toHaveLength(1);
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['bad-address', 2],
      ['bad-number', 3],
      ['too-few-fields', 4],
    ]);
    expect(() => parseIfInet6(text, { source: 'capture/if_inet6' })).toThrow(ProcNetParseError);
    expect(() => parseIfInet6(text, { source: 'capture/if_inet6' })).toThrow(
      /capture\/if_inet6.*2.*32 hex digits/s,
    );
  });
});
