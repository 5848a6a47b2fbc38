// The multicast group tables: the shapes the kernel prints (captured from
// this machine's /proc/net/igmp{,6} and kept as fixtures in
// socket-formatter, whose goldens the real netstat rendered) and the bad
// lines netstat warns about.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { type ParseIssue, ProcNetParseError, parseIgmp, parseIgmp6 } from '../../src/index.js';

const fixture = (name: string) =>
  readFileSync(
    fileURLToPath(
      new URL(`../../../socket-formatter/test/fixtures/groups/net/${name}`, import.meta.url),
    ),
    'latin1',
  );

describe('parseIgmp', () => {
  test('device lines name the interface of the group lines below them', () => {
    const groups = parseIgmp(fixture('igmp'));
    expect(groups.map((g) => [g.iface, g.address, g.refCount])).toEqual([
      ['lo', '224.0.0.1', 1],
      ['eth0', '224.0.0.1', 1],
      ['a-long-ifname0', '224.0.0.251', 12],
      ['a-long-ifname0', '224.0.0.1', 1],
    ]);
    expect(groups[0]).toEqual({
      family: 4,
      iface: 'lo',
      address: '224.0.0.1',
      refCount: 1,
      line: 3,
    });
  });

  test('big-endian hosts print the group the other way round', () => {
    const text =
      'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n' +
      '1\tlo        :     1      V3\n\t\t\t\tE0000001     1 0:00000000\t\t0\n';
    expect(parseIgmp(text, { endianness: 'big' })[0]?.address).toBe('224.0.0.1');
  });

  test('a 15-character interface name (no room for padding before the colon)', () => {
    const text = '7\tabcdefghijklmno:     1      V3\n\t\t\t\t010000E0     2 0:00000000\t\t0\n';
    expect(parseIgmp(text)[0]).toMatchObject({ iface: 'abcdefghijklmno', refCount: 2 });
  });

  test('bad lines throw by default, naming source, line and expectation', () => {
    const text = '1\tlo        :     1      V3\n\t\t\t\tXYZ     1 0:00000000\t\t0\n';
    expect(() => parseIgmp(text, { source: 'cap/igmp' })).toThrow(ProcNetParseError);
    expect(() => parseIgmp(text, { source: 'cap/igmp' })).toThrow(
      /^cap\/igmp:2: expected the group as 8 hex digits \(bad-address\)/,
    );
  });

  test('lenient mode reports each bad line and keeps the good ones', () => {
    const issues: ParseIssue[] = [];
    const text = [
      '\t\t\t\t010000E0     1 0:00000000\t\t0', // group before any device
      'garbage',
      '1\tlo        :     1      V3',
      '\t\t\t\t010000E0     x 0:00000000\t\t0',
      '\t\t\t\t010000E0',
      '\t\t\t\tFB0000E0     3 0:00000000\t\t0',
    ].join('\n');
    const groups = parseIgmp(text, { onInvalidLine: (i) => issues.push(i) });
    expect(groups).toEqual([
      { family: 4, iface: 'lo', address: '224.0.0.251', refCount: 3, line: 6 },
    ]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [1, 'bad-interface'],
      [2, 'bad-interface'],
      [4, 'bad-number'],
      [5, 'too-few-fields'],
    ]);
    expect(parseIgmp(text, { onInvalidLine: 'skip' })).toEqual(groups);
  });
});

describe('parseIgmp6', () => {
  test('one membership per line, addresses in network order', () => {
    const groups = parseIgmp6(fixture('igmp6'));
    expect(groups).toHaveLength(12);
    expect(groups[6]).toEqual({
      family: 6,
      iface: 'eth0',
      address: 'ff02::1:ff00:2',
      refCount: 1,
      line: 7,
    });
    expect(groups[11]).toMatchObject({
      iface: 'a-long-ifname0',
      address: 'ff05::1:3',
      refCount: 12,
    });
  });

  test('bad lines: too few fields, a short address, a bad count', () => {
    const issues: ParseIssue[] = [];
    const text = '1 lo\n1 lo ff02 1 0 0\n1 lo ff020000000000000000000000000001 one 0 0\n\n';
    expect(parseIgmp6(text, { onInvalidLine: (i) => issues.push(i) })).toEqual([]);
    expect(issues.map((i) => [i.line, i.code, i.source])).toEqual([
      [1, 'too-few-fields', '/proc/net/igmp6'],
      [2, 'bad-address', '/proc/net/igmp6'],
      [3, 'bad-number', '/proc/net/igmp6'],
    ]);
    expect(() => parseIgmp6(text)).toThrow(/^\/proc\/net\/igmp6:1: expected 6 fields/);
  });
});
