import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type InetTableName,
  ProcNetParseError,
  parseInetTable,
  parseSocketTables,
  parseTcp,
  parseUdp,
  parseUnix,
  socketTableOfHeader,
} from '../../src/index.js';

const zoo = (table: string): string =>
  readFileSync(
    fileURLToPath(new URL(`../../fixtures/zoo/proc/net/${table}`, import.meta.url)),
    'latin1',
  );

/** `cat a b c` of the zoo tables, and the expected rows with whole-text line numbers. */
function cat(tables: Array<InetTableName | 'unix'>) {
  let text = '';
  let offset = 0;
  const inet = [];
  const unix = [];
  for (const table of tables) {
    const part = zoo(table);
    if (table === 'unix') {
      for (const r of parseUnix(part)) unix.push({ ...r, line: r.line + offset });
    } else {
      for (const r of parseInetTable(table, part)) inet.push({ ...r, line: r.line + offset });
    }
    text += part;
    offset += part.split('\n').length - 1;
  }
  return { text, inet, unix };
}

describe('parseSocketTables', () => {
  it('cat tcp tcp6 udp: every row with its table and line in the whole text', () => {
    const { text, inet } = cat(['tcp', 'tcp6', 'udp']);
    const got = parseSocketTables(text);
    expect(got.inet).toEqual(inet);
    expect(got.sections.map((s) => [s.table, s.told])).toEqual([
      ['tcp', 'header'],
      ['tcp6', 'header'],
      ['udp', 'header'],
    ]);
  });

  it('raw is told from its IPv4 header; udplite and the IPv6 datagram tables by the option', () => {
    const { text, inet, unix } = cat(['udp6', 'raw', 'tcp', 'unix']);
    const got = parseSocketTables(text);
    expect(got.inet).toEqual(inet);
    expect(got.unix).toEqual(unix);
    expect(got.sections.map((s) => s.table)).toEqual(['udp6', 'raw', 'tcp', 'unix']);
    const raw6 = parseSocketTables(zoo('raw6'), { datagram: 'raw' });
    expect(raw6.inet.map((s) => s.table)).toEqual(['raw6']);
    const lite = parseSocketTables(zoo('udplite'), { datagram: 'udplite' });
    expect(lite.inet.map((s) => s.table)).toEqual(['udplite']);
  });

  it('without headers, rows tell family (address width) and TCP vs datagram (columns)', () => {
    const body = (t: string) => zoo(t).split('\n').slice(1).join('\n');
    const text = `${body('tcp')}${body('udp6')}${body('tcp6')}${body('udp')}`;
    const got = parseSocketTables(text);
    expect(got.sections.map((s) => [s.table, s.told])).toEqual([
      ['tcp', 'rows'],
      ['udp6', 'rows'],
      ['tcp6', 'rows'],
      ['udp', 'rows'],
    ]);
    const expected = ['tcp', 'udp6', 'tcp6', 'udp'].flatMap((t) =>
      parseInetTable(t as InetTableName, zoo(t)).map((r) => r.inode),
    );
    expect(got.inet.map((s) => s.inode)).toEqual(expected);
  });

  it('a bad line is reported at its line in the whole text', () => {
    const { text } = cat(['tcp', 'udp']);
    const lines = text.split('\n');
    lines.splice(
      30,
      0,
      '   7: 0100007F:zzzz 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1 2 0000000000000000 0',
    );
    const bad = lines.join('\n');
    expect(() => parseSocketTables(bad)).toThrow(
      expect.objectContaining({ line: 31, code: 'bad-port' }),
    );
    const seen: number[] = [];
    parseSocketTables(bad, { onInvalidLine: (i) => seen.push(i.line) });
    expect(seen).toEqual([31]);
    expect(() => parseSocketTables('x', { datagram: 'sctp' as 'udp' })).toThrow(TypeError);
  });

  it('headers say their table', () => {
    for (const t of ['tcp', 'tcp6', 'udp', 'raw', 'unix'] as const) {
      expect(socketTableOfHeader(zoo(t).split('\n')[0]!)).toBe(t);
    }
    expect(socketTableOfHeader(zoo('udplite').split('\n')[0]!)).toBe('udp');
    expect(socketTableOfHeader(zoo('raw6').split('\n')[0]!)).toBe('udp6');
    expect(socketTableOfHeader('   0: 0100007F:0050')).toBeUndefined();
  });
});

describe('a table given to the wrong parser says which table it looks like', () => {
  it('udp text to parseTcp: the header names udp', () => {
    const error = (() => {
      try {
        parseTcp(zoo('udp'));
      } catch (e) {
        return e;
      }
    })() as ProcNetParseError;
    expect(error).toBeInstanceOf(ProcNetParseError);
    expect(error.code).toBe('wrong-table');
    expect(error.line).toBe(1);
    expect(error.message).toContain('this is the header of /proc/net/udp');
  });

  it('tcp6 text to parseUdp: the header names tcp6', () => {
    expect(() => parseUdp(zoo('tcp6'))).toThrow('this is the header of /proc/net/tcp6');
  });

  it('tcp6 rows without header to parseTcp: the row error says tcp6', () => {
    const rows = zoo('tcp6').split('\n').slice(1).join('\n');
    expect(() => parseTcp(rows)).toThrow('(this row looks like one of /proc/net/tcp6)');
  });

  it('the right header passes, and udp/udplite/raw headers are not told apart', () => {
    expect(parseTcp(zoo('tcp')).length).toBeGreaterThan(0);
    expect(parseUdp(zoo('udplite')).length).toBe(parseInetTable('udplite', zoo('udplite')).length);
    expect(parseInetTable('raw', zoo('udp')).length).toBe(parseUdp(zoo('udp')).length);
  });
});
