// The /etc name tables. glibc's exact reading (getent as the oracle) is
// checked in socket-formatter's resolvers-glibc test through these parsers;
// here: the records, and the issues for lines glibc skips.
import { describe, expect, test } from 'vitest';
import {
  type ParseIssue,
  ProcNetParseError,
  parseHosts,
  parseNetworks,
  parsePasswd,
  parseProtocols,
} from '../../src/index.js';

describe('parseHosts', () => {
  test('address, canonical name, aliases, line; comments and blank lines skipped', () => {
    expect(parseHosts('# c\n127.0.0.1 localhost loopback # x\n\n::ffff:1.2.3.4 mapped\n')).toEqual([
      { address: '127.0.0.1', family: 4, name: 'localhost', aliases: ['loopback'], line: 2 },
      { address: '::ffff:1.2.3.4', family: 6, name: 'mapped', aliases: [], line: 4 },
    ]);
  });

  test('lines whose address inet_pton rejects are skipped, or reported', () => {
    const text = '010.0.0.1 octal\n1.2.3 short\n10.0.0.1 ok\n';
    expect(parseHosts(text).map((h) => h.name)).toEqual(['ok']);
    const issues: ParseIssue[] = [];
    parseHosts(text, { onInvalidLine: (i) => issues.push(i) });
    expect(issues.map((i) => [i.line, i.code, i.source])).toEqual([
      [1, 'bad-address', '/etc/hosts'],
      [2, 'bad-address', '/etc/hosts'],
    ]);
    expect(() => parseHosts(text, { onInvalidLine: 'throw', source: 'h' })).toThrow(
      ProcNetParseError,
    );
  });
});

describe('parseNetworks', () => {
  test('numbers completed and read as inet_network does', () => {
    expect(
      parseNetworks('loopback 127\nten 0x0a tennet\noct 012.1\nbad 1.2.3.4.5\n').map((n) => [
        n.name,
        n.address,
        n.aliases,
      ]),
    ).toEqual([
      ['loopback', '127.0.0.0', []],
      ['ten', '10.0.0.0', ['tennet']],
      ['oct', '10.1.0.0', []],
      ['bad', '255.255.255.255', []],
    ]);
  });
});

describe('parseProtocols', () => {
  test('name, number, aliases; a line without a number is reported when asked', () => {
    const issues: ParseIssue[] = [];
    const text = 'icmp 1 ICMP # control\nbroken\nipv6-icmp 58 IPv6-ICMP\n';
    expect(parseProtocols(text, { onInvalidLine: (i) => issues.push(i) })).toEqual([
      { name: 'icmp', number: 1, aliases: ['ICMP'], line: 1 },
      { name: 'ipv6-icmp', number: 58, aliases: ['IPv6-ICMP'], line: 3 },
    ]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[2, 'bad-number']]);
  });
});

test('parsePasswd is part of the pure entry', () => {
  expect(parsePasswd('root:x:0:0::/:/bin/sh\ntoor:x:0:0::/:/bin/sh\n').get(0)).toBe('root');
});
