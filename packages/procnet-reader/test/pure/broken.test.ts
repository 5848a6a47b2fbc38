import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  INET_TABLES,
  type ParseIssue,
  PROC_NET_TABLES,
  ProcNetParseError,
  type ProcNetTableName,
  parseInetLine,
  parseProcNet,
  parseUnixLine,
} from '../../src/index.js';

const broken = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/broken/${name}`, import.meta.url)), 'utf8');

interface Case {
  file: string;
  table: ProcNetTableName;
  /** Every issue expected, in order: [code, line]. */
  issues: [string, number][];
  /** Records (or statistics groups) left with 'skip'. */
  kept: number;
}

// One case per error branch; expectations written by hand from the files.
const cases: Case[] = [
  { file: 'tcp-bad-address', table: 'tcp', issues: [['bad-address', 3]], kept: 2 },
  { file: 'tcp-truncated', table: 'tcp', issues: [['too-few-fields', 3]], kept: 2 },
  { file: 'tcp-garbage-line', table: 'tcp', issues: [['bad-slot', 3]], kept: 2 },
  { file: 'tcp-bad-state', table: 'tcp', issues: [['bad-state', 3]], kept: 2 },
  { file: 'tcp-bad-queue', table: 'tcp', issues: [['bad-queue', 3]], kept: 2 },
  { file: 'tcp-bad-inode', table: 'tcp', issues: [['bad-inode', 3]], kept: 2 },
  { file: 'tcp-holding-a-tcp6-line', table: 'tcp', issues: [['bad-address', 2]], kept: 0 },
  { file: 'udp-bad-port', table: 'udp', issues: [['bad-port', 2]], kept: 0 },
  { file: 'unix-without-inode', table: 'unix', issues: [['too-few-fields', 3]], kept: 2 },
  {
    file: 'snmp-count-mismatch',
    table: 'snmp',
    issues: [
      ['count-mismatch', 2],
      ['missing-values', 3],
    ],
    kept: 0,
  },
  { file: 'snmp-missing-values', table: 'snmp', issues: [['missing-values', 1]], kept: 1 },
  { file: 'dev-missing-colon', table: 'dev', issues: [['bad-interface', 3]], kept: 1 },
  {
    file: 'ipv6_route-missing-iface',
    table: 'ipv6_route',
    issues: [['too-few-fields', 1]],
    kept: 1,
  },
];

const size = (result: unknown): number =>
  Array.isArray(result) ? result.length : Object.keys(result as object).length;

describe.each(cases)('$file', ({ file, table, issues, kept }) => {
  const text = broken(file);
  const lines = text.split('\n');

  it('throws a ProcNetParseError naming source, line, raw line and expectation', () => {
    let error: unknown;
    try {
      parseProcNet(table, text, { source: `fixtures/broken/${file}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProcNetParseError);
    const e = error as ProcNetParseError;
    const [code, line] = issues[0] as [string, number];
    expect(e.code).toBe(code);
    expect(e.line).toBe(line);
    expect(e.source).toBe(`fixtures/broken/${file}`);
    expect(e.raw).toBe(lines[line - 1]);
    expect(e.expected.length).toBeGreaterThan(5);
    expect(e.message).toContain(`fixtures/broken/${file}:${line}:`);
    expect(e.message).toContain(e.expected);
    expect(e.name).toBe('ProcNetParseError');
    expect(e.toIssue()).toMatchObject({ code, line, raw: e.raw });
  });

  it("'skip' keeps every good line", () => {
    expect(size(parseProcNet(table, text, { onInvalidLine: 'skip' }))).toBe(kept);
  });

  it('a callback receives every issue and parsing goes on', () => {
    const seen: ParseIssue[] = [];
    const result = parseProcNet(table, text, { onInvalidLine: (i) => seen.push(i) });
    expect(size(result)).toBe(kept);
    expect(seen.map((i) => [i.code, i.line])).toEqual(issues);
    for (const i of seen) {
      expect(i.source).toBe(`/proc/net/${table}`);
      expect(i.message).toContain(i.expected);
    }
  });
});

describe('line-level functions', () => {
  it('return undefined for headers and blank lines', () => {
    expect(
      parseInetLine('tcp', '  sl  local_address rem_address   st tx_queue rx_queue', 1),
    ).toBeUndefined();
    expect(parseInetLine('udp', '   \t ', 5)).toBeUndefined();
    expect(
      parseUnixLine('Num       RefCount Protocol Flags    Type St Inode Path\n', 1),
    ).toBeUndefined();
    expect(parseUnixLine('', 2)).toBeUndefined();
  });

  it('apply the policy to a bad line', () => {
    expect(() => parseInetLine('tcp', '   0: junk', 7)).toThrow(ProcNetParseError);
    expect(parseInetLine('tcp', '   0: junk', 7, { onInvalidLine: 'skip' })).toBeUndefined();
    const seen: ParseIssue[] = [];
    parseUnixLine('nothex: 1 2 3', 4, { onInvalidLine: (i) => seen.push(i), source: 'x' });
    expect(seen).toEqual([
      expect.objectContaining({ code: 'bad-pointer', line: 4, source: 'x', raw: 'nothex: 1 2 3' }),
    ]);
  });

  it('keep a unix path verbatim, trailing spaces included, without the newline', () => {
    const u = parseUnixLine(
      '0000000000000000: 00000002 00000000 00000000 0002 01    99 /tmp/a b  \n',
      1,
    );
    expect(u?.path).toBe('/tmp/a b  ');
  });

  it('reject an unknown table or policy', () => {
    expect(() => parseProcNet('tcp7' as never, '')).toThrow(TypeError);
    expect(() => parseInetLine('sctp' as never, '', 1)).toThrow(TypeError);
    expect(() => parseProcNet('tcp', '   0: x', { onInvalidLine: 'ignore' as never })).toThrow(
      TypeError,
    );
  });
});

// Lines that look like /proc/net content: mutations of real lines plus noise.
const REAL = [
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 73924 2 00000000db7b44f6 100 0 0 10 0',
  '  12: 0100007F:D496 0100007F:1F90 05 00000000:00000000 03:00001745 00000000     0        0 0 3 0000000087ebaf14',
  '13439: 0100007F:14E9 00000000:0000 07 00000000:00000340 00:00000000 00000000     0        0 82755 2 00000000b46e1e32 0',
  '0000000061c41ec3: 00000003 00000000 00000000 0001 03 82766 /tmp/with space.sock',
  'Tcp: RtoAlgorithm RtoMin',
  'Tcp: 1 200',
  '    lo:  356161      69    0    0    0     0          0         0   356161      69    0    0    0     0       0          0',
  'zoo0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
];
const mutatedLine = fc
  .tuple(fc.constantFrom(...REAL), fc.nat(), fc.nat(), fc.string({ maxLength: 4 }))
  .map(([line, at, len, insert]) => {
    const i = at % (line.length + 1);
    return line.slice(0, i) + insert + line.slice(i + (len % 6));
  });
const anyText = fc
  .array(fc.oneof(mutatedLine, fc.string({ maxLength: 80 }), fc.constantFrom(...REAL)), {
    maxLength: 20,
  })
  .map((lines) => lines.join('\n'));

describe('properties', () => {
  propTest.prop([fc.constantFrom(...PROC_NET_TABLES), anyText], { numRuns: 300 })(
    "'skip' never throws, on any table and any text",
    (table, text) => {
      expect(() => parseProcNet(table, text, { onInvalidLine: 'skip' })).not.toThrow();
    },
  );

  propTest.prop([fc.constantFrom(...PROC_NET_TABLES), anyText], { numRuns: 300 })(
    "'throw' throws only ProcNetParseError; a callback sees the same first issue",
    (table, text) => {
      let thrown: unknown;
      try {
        parseProcNet(table, text);
      } catch (e) {
        thrown = e;
      }
      const seen: ParseIssue[] = [];
      parseProcNet(table, text, { onInvalidLine: (i) => seen.push(i) });
      if (thrown === undefined) {
        expect(seen).toEqual([]);
      } else {
        expect(thrown).toBeInstanceOf(ProcNetParseError);
        expect(seen[0]?.message).toBe((thrown as ProcNetParseError).message);
      }
    },
  );

  propTest.prop([fc.constantFrom(...INET_TABLES), anyText], { numRuns: 200 })(
    'no valid line is dropped: records + issues account for every non-blank, non-header line',
    (table, text) => {
      const issues: ParseIssue[] = [];
      const records = parseProcNet(table, text, { onInvalidLine: (i) => issues.push(i) });
      const lines = text.split('\n');
      const counted = new Set([...records.map((r) => r.line), ...issues.map((i) => i.line)]);
      lines.forEach((line, i) => {
        const t = line.trim();
        if (t === '' || /^sl(\s|$)/.test(t)) return;
        expect(counted.has(i + 1), `line ${i + 1}: ${JSON.stringify(line)}`).toBe(true);
      });
    },
  );

  it('parses a huge single line and a million newlines quickly (no hang)', () => {
    const start = Date.now();
    parseProcNet('tcp', `   0: ${'0'.repeat(2_000_000)}`, { onInvalidLine: 'skip' });
    parseProcNet('unix', '\n'.repeat(1_000_000));
    parseProcNet('snmp', 'Tcp: a\n'.repeat(100_000), { onInvalidLine: 'skip' });
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

const GOOD_TCP =
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 73924 2 00000000db7b44f6 100 0 0 10 0';
const tcpWith = (from: string, to: string) => {
  if (!GOOD_TCP.includes(from)) throw new Error(`fixture typo: ${from}`);
  return GOOD_TCP.replace(from, to);
};

// The remaining branches, one inline case each: [table, text, code, line].
const inline: [ProcNetTableName, string, string, number][] = [
  ['tcp', tcpWith(' 00:00000000 ', ' 0Z:00000000 '), 'bad-timer', 1],
  ['tcp', tcpWith(' 00:00000000 ', ' 00-00000000 '), 'bad-timer', 1],
  ['tcp', tcpWith(' 00000000     0', ' 0000000G     0'), 'bad-number', 1],
  ['tcp', tcpWith('     0        0 73924', '    -1        0 73924'), 'bad-number', 1],
  ['tcp', tcpWith('        0 73924', '       x0 73924'), 'bad-number', 1],
  ['tcp', tcpWith('73924 2 ', '73924 two '), 'bad-number', 1],
  ['tcp', tcpWith('00000000db7b44f6', '00000000db7b44g6'), 'bad-pointer', 1],
  ['tcp', tcpWith('100 0 0 10 0', '100 0 0 ten 0'), 'bad-number', 1],
  ['tcp', tcpWith(' 0A ', ' 0A0 '), 'bad-state', 1],
  ['tcp', tcpWith('0100007F:1F90', '0100007F:1F900'), 'bad-port', 1],
  ['tcp', tcpWith('   0:', '   0 '), 'bad-slot', 1],
  ['tcp', '   0: 0100007F:1F90', 'too-few-fields', 1],
  ['udp', tcpWith('100 0 0 10 0', 'lots'), 'bad-number', 1],
  ['unix', '0000000000000000: 00000002 00000000 00010000 0001 01 12x34 /x', 'bad-inode', 1],
  ['unix', '0000000000000000: 00000002 0000000Z 00010000 0001 01 1234', 'bad-number', 1],
  ['unix', '0000000000000000 00000002 00000000 00010000 0001 01 1234', 'bad-pointer', 1],
  ['route', 'eth0\t0000000Z\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0', 'bad-address', 1],
  ['route', 'eth0\t00000000\t010200C0\t00G3\t0\t0\t0\t00000000\t0\t0\t0', 'bad-number', 1],
  ['route', 'eth0\t00000000\t010200C0\t0003', 'too-few-fields', 1],
  [
    'ipv6_route',
    'fe80000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0',
    'bad-address',
    1,
  ],
  [
    'ipv6_route',
    'fe800000000000000000000000000000 4G 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0',
    'bad-number',
    1,
  ],
  ['dev', '  eth0: 1 2 3', 'too-few-fields', 1],
  ['dev', '  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -16', 'bad-number', 1],
  ['dev', ': 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16', 'bad-interface', 1],
  ['snmp', 'Tcp: A B\nTcp: 1 x', 'bad-number', 2],
  ['snmp', 'Tcp A B\nTcp: 1 2', 'bad-group', 1],
  ['netstat', 'TcpExt: A\nIpExt: 1', 'missing-values', 1],
  ['snmp6', 'Ip6InReceives', 'too-few-fields', 1],
  ['snmp6', 'Ip6InReceives 1 2', 'bad-number', 1],
  ['snmp6', 'Ip6InReceives one', 'bad-number', 1],
];

describe('every other error branch', () => {
  it.each(inline)('%s %j -> %s', (table, text, code, line) => {
    const issues: ParseIssue[] = [];
    parseProcNet(table, text, { onInvalidLine: (i) => issues.push(i) });
    expect(issues[0]).toMatchObject({ code, line });
    expect(() => parseProcNet(table, text)).toThrow(ProcNetParseError);
  });

  it('the good line used above parses', () => {
    expect(parseProcNet('tcp', GOOD_TCP)).toHaveLength(1);
    expect(parseProcNet('udp', tcpWith('100 0 0 10 0', '7'))[0]?.drops).toBe(7);
  });
});

describe('unix names from older kernels (item 23)', () => {
  it('keeps raw NUL bytes and still flags the name abstract', () => {
    const u = parseUnixLine(
      '0000000000000000: 00000002 00000000 00000000 0002 01    77 \0with\0nul',
      1,
    );
    expect(u?.path).toBe('\0with\0nul');
    expect(u?.abstract).toBe(true);
  });
  it('a relative path is not abstract', () => {
    const u = parseUnixLine('0000000000000000: 00000002 00000000 00000000 0002 01    77 sock', 1);
    expect(u?.abstract).toBe(false);
  });
});
