// parseInetTable scans ASCII windows of the text as bytes (a fast path for the
// kernel's layout) and hands every other line to the string scanner, which is
// all parseInetLine uses. These tests hold the two to the same output: for
// any text, the table parse equals parsing each line on its own.
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type Endianness,
  type InetSocket,
  type InetTableName,
  type ParseIssue,
  parseInetLine,
  parseInetTable,
} from '../../src/index.js';

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

interface Outcome {
  records: InetSocket[];
  issues: Pick<ParseIssue, 'code' | 'line' | 'raw' | 'expected'>[];
}

const brief = (i: ParseIssue) => ({ code: i.code, line: i.line, raw: i.raw, expected: i.expected });

function viaTable(table: InetTableName, text: string, endianness: Endianness): Outcome {
  const issues: Outcome['issues'] = [];
  const records = parseInetTable(table, text, {
    endianness,
    onInvalidLine: (i) => issues.push(brief(i)),
  });
  return { records, issues };
}

/** The reference: the string scanner, one line at a time. */
function viaLines(table: InetTableName, text: string, endianness: Endianness): Outcome {
  const issues: Outcome['issues'] = [];
  const records: InetSocket[] = [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  lines.forEach((line, k) => {
    const record = parseInetLine(table, line, k + 1, {
      endianness,
      onInvalidLine: (i) => issues.push({ ...brief(i), raw: line.replace(/\r$/, '') }),
    });
    if (record) records.push(record);
  });
  return { records, issues };
}

function expectSame(table: InetTableName, text: string, endianness: Endianness = 'little'): void {
  expect(viaTable(table, text, endianness)).toStrictEqual(viaLines(table, text, endianness));
}

const word = fc.integer({ min: 0, max: 0xffffffff });
const address = (v6: boolean) =>
  v6
    ? fc.tuple(word, word, word, word).map((ws) => ws.map((w) => hex(w, 8)).join(''))
    : word.map((w) => hex(w, 8));

/** A line in the kernel's layout, with one of the tails the kernel prints. */
const kernelLine = (table: InetTableName) =>
  fc
    .record({
      slot: fc.integer({ min: 0, max: 99999 }),
      local: address(table.endsWith('6')),
      remote: address(table.endsWith('6')),
      ports: fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff })),
      st: fc.integer({ min: 0, max: 0xff }),
      numbers: fc.array(word, { minLength: 5, maxLength: 5 }),
      uid: fc.integer({ min: 0, max: 4294967295 }),
      timeout: fc.integer({ min: -5, max: 99999999 }),
      inode: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      tail: fc.constantFrom(
        '',
        ' 2 00000000deadbeef',
        ' 1 0000000000000000 20 4 30 10 -1',
        ' 3 ffff8881234abcd0 7',
        ' 1 0000000000000000 20 4',
        ' 1 0000000000000000 20 4 30 10 -1 99 newfield',
        ' -0 00000000deadbeef -0 -0 0 1 2',
      ),
      padding: fc.integer({ min: 0, max: 60 }),
    })
    .map((r) => {
      const [tx, rx, when, retr, tr] = r.numbers as [number, number, number, number, number];
      const line = `${String(r.slot).padStart(4)}: ${r.local}:${hex(r.ports[0], 4)} ${r.remote}:${hex(r.ports[1], 4)} ${hex(r.st, 2)} ${hex(tx, 8)}:${hex(rx, 8)} ${hex(tr & 0xff, 2)}:${hex(when, 8)} ${hex(retr, 8)} ${String(r.uid).padStart(5)} ${String(r.timeout).padStart(8)} ${r.inode}${r.tail}`;
      return line + ' '.repeat(r.padding);
    });

/** One edit at a random place: the kinds of damage both scanners must judge alike. */
const damaged = (line: fc.Arbitrary<string>) =>
  fc
    .tuple(
      line,
      fc.nat(),
      fc.constantFrom('replace', 'insert', 'delete', 'lower', 'none'),
      fc.constantFrom('a', 'f', 'G', 'Z', ':', ' ', '\t', '\r', '-', '0', '9', 'é', '\u2028', '\0'),
    )
    .map(([text, at, edit, ch]) => {
      const i = at % Math.max(1, text.length);
      if (edit === 'replace') return text.slice(0, i) + ch + text.slice(i + 1);
      if (edit === 'insert') return text.slice(0, i) + ch + text.slice(i);
      if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
      if (edit === 'lower') return text.toLowerCase();
      return text;
    });

const TABLES: InetTableName[] = ['tcp', 'tcp6', 'udp', 'udp6', 'raw6'];

describe('byte scanner agrees with the line scanner', () => {
  for (const table of TABLES) {
    propTest.prop(
      [
        fc.array(damaged(kernelLine(table)), { maxLength: 30 }),
        fc.constantFrom<Endianness>('little', 'big'),
        fc.constantFrom('\n', '\r\n'),
      ],
      { numRuns: 150 },
    )(`${table}: kernel lines, damaged or not`, (lines, endianness, eol) => {
      const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt';
      expectSame(table, `${[header, ...lines].join(eol)}${eol}`, endianness);
    });
  }

  it('across many windows, with a non-ASCII window and a line longer than a window', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const port = hex(1024 + i, 4);
      lines.push(
        `${String(i).padStart(4)}: 0100007F:${port} 0200007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 ${5000 + i} 1 0000000000000000 20 4 30 10 -1`.padEnd(
          149,
        ),
      );
    }
    lines[1200] = `${lines[1200]} é`; // extra column, non-ASCII: that window goes by string
    lines[2000] = `${lines[2000]}${' '.repeat(70_000)}`; // one line longer than a window
    lines[2001] = (lines[2001] as string).replace('0100007F', '0100007f'); // lowercase address
    const text = `${lines.join('\n')}\n`;
    expectSame('tcp', text);
    const records = parseInetTable('tcp', text, { onInvalidLine: 'skip' });
    expect(records).toHaveLength(3000);
    expect(records[2001]?.local.addressHex).toBe('0100007f');
    expect(records[2002]?.local.addressHex).toBe('0100007F');
    expect(records[1200]?.extra).toEqual(['é']);
  });

  it('a callback that parses another table mid-way does not disturb the outer parse', () => {
    const row = (i: number, address: string) =>
      `${String(i).padStart(4)}: ${address}:${hex(1024 + i, 4)} 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 ${7000 + i} 1 0000000000000000 20 4 30 10 -1`;
    const outer = Array.from({ length: 50 }, (_, i) => row(i, '0200000A'));
    // Same length as a good row, so the inner table's bytes line up with the outer's.
    outer[10] = row(10, '0200000A').replace(':', ';');
    const inner = Array.from({ length: 50 }, (_, i) => row(i, '0300000A')).join('\n');
    const inside: number[] = [];
    const records = parseInetTable('tcp', outer.join('\n'), {
      onInvalidLine: () => inside.push(parseInetTable('tcp', inner).length),
    });
    expect(inside).toEqual([50]);
    expect(records).toHaveLength(49);
    expect(records.every((r) => r.local.address === '10.0.0.2')).toBe(true);
    expect(records.map((r) => r.inode)).toEqual(
      outer.flatMap((_, i) => (i === 10 ? [] : [String(7000 + i)])),
    );
  });

  it('a callback that re-enters the parsers (same text, single lines) keeps each parse its own state', () => {
    const row = (i: number) =>
      `${String(i).padStart(4)}: 0200000A:${hex(1024 + i, 4)} 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 ${7000 + i} 1 0000000000000000 20 4 30 10 -1`;
    const lines = Array.from({ length: 40 }, (_, i) => row(i));
    lines[5] = (lines[5] as string).replace('0200000A', '0200000G'); // bad-address
    lines[30] = (lines[30] as string).replace(' 01 ', ' 0Z '); // bad-state
    const text = lines.join('\n');
    const outer: string[] = [];
    const inner: string[] = [];
    const nested: number[] = [];
    const records = parseInetTable('tcp', text, {
      onInvalidLine: (issue) => {
        // A failing single line in between: its failure must not leak into the outer issue.
        parseInetLine('tcp', row(1).replace(`:${hex(1025, 4)}`, ':ZZZZ'), 1, {
          onInvalidLine: (i) => inner.push(i.code),
        });
        // The same text again, from the start, while the outer parse holds its window.
        nested.push(parseInetTable('tcp', text, { onInvalidLine: 'skip' }).length);
        outer.push(`${issue.code}@${issue.line}`);
      },
    });
    expect(outer).toEqual(['bad-address@6', 'bad-state@31']);
    expect(inner).toEqual(['bad-port', 'bad-port']);
    expect(nested).toEqual([38, 38]);
    expect(records.map((r) => r.inode)).toEqual(
      lines.flatMap((_, i) => (i === 5 || i === 30 ? [] : [String(7000 + i)])),
    );
  });

  it('keeps the exact spelling and value of every column on the fast path', () => {
    const text =
      '   7: 0100007F:1F90 0A00A8C0:D431 01 0000002A:00000010 02:000000FF 00000003  1000       -1 18446744073709551615 2 ffff8881234abcd0 20 4 30 10 -1\n';
    const [r] = parseInetTable('tcp', text);
    expect(r).toStrictEqual({
      table: 'tcp',
      protocol: 'tcp',
      family: 4,
      slot: 7,
      local: { address: '127.0.0.1', addressHex: '0100007F', port: 8080 },
      remote: { address: '192.168.0.10', addressHex: '0A00A8C0', port: 54321 },
      stateCode: 1,
      state: 'ESTABLISHED',
      txQueue: 42,
      rxQueue: 16,
      timerCode: 2,
      timer: 'keepalive',
      timerTicks: 255,
      retransmits: 3,
      uid: 1000,
      timeout: -1,
      inode: '18446744073709551615',
      refCount: 2,
      pointer: 'ffff8881234abcd0',
      rto: 20,
      ato: 4,
      quickAck: 30,
      cwnd: 10,
      ssthresh: -1,
      line: 1,
    });
  });
});
