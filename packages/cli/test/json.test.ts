// The JSON documents of every report through the command (fixture /proc
// trees from socket-formatter's tests): the formatter's builders, the
// published schema's required keys, --compact on one line, internals only
// with --json-internals, and -g's warnings for lines netstat calls bogus.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../src/cli.js';

const fixtures = join(import.meta.dirname, '../../socket-formatter/test/fixtures');
const schemas = join(import.meta.dirname, '../../socket-formatter/schemas');
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function netintro(argv: string[], procRoot: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    procRoot,
    etc: join(fixtures, 'etc'),
    lookup: async () => {
      throw new Error('no DNS in this test');
    },
  };
  const status = await run(argv, io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}

const required = (name: string): string[] =>
  JSON.parse(readFileSync(join(schemas, name), 'utf8')).required;

describe('netintro --json for routes, groups and statistics', () => {
  it('-rn --json: the routes document, internals only when asked for', async () => {
    const plain = await netintro(['-rn', '--json'], join(fixtures, 'route'));
    expect(plain.status).toBe(0);
    const doc = JSON.parse(plain.stdout);
    for (const key of required('routes-v1.json')) expect(doc).toHaveProperty(key);
    expect(doc.routes.ipv4.length).toBeGreaterThan(0);
    expect(doc.routes.ipv4[0]).not.toHaveProperty('line');
    expect(plain.stdout.split('\n').length).toBeGreaterThan(3); // indented

    const full = await netintro(
      ['-rn', '--json', '--compact', '--json-internals'],
      join(fixtures, 'route'),
    );
    expect(full.stdout.endsWith('}\n')).toBe(true);
    expect(full.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(full.stdout).routes.ipv4[0].line).toBe(2);
  });

  it('-g --json and -s --json', async () => {
    const groups = JSON.parse((await netintro(['-g', '--json'], join(fixtures, 'groups'))).stdout);
    expect(groups.version).toBe(1);
    expect(groups.groups).toHaveLength(16);
    expect(groups.groups[0]).toEqual({ family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1 });
    const stats = JSON.parse((await netintro(['-s', '--json'], join(fixtures, 'stats'))).stdout);
    for (const key of required('statistics-v1.json')) expect(stats).toHaveProperty(key);
    expect(typeof stats.statistics.snmp.Tcp.ActiveOpens).toBe('number');
  });

  it('--compact and --json-internals go with --json only', async () => {
    for (const flag of ['--compact', '--json-internals']) {
      const r = await netintro(['-rn', flag], join(fixtures, 'route'));
      expect(r.status).toBe(3);
      expect(r.stderr).toBe(`netintro: ${flag} goes with --json (try 'netintro --help')\n`);
    }
  });
});

describe('netintro -g', () => {
  it('prints the fixture table as the real netstat did (the formatter golden)', async () => {
    const r = await netintro(['-gn'], join(fixtures, 'groups'));
    const golden = readFileSync(
      join(import.meta.dirname, '../../socket-formatter/test/golden/groups/netstat_-gn.txt'),
      'utf8',
    );
    expect(r).toEqual({ status: 0, stdout: golden, stderr: '' });
  });

  it('warns like netstat about lines it cannot read (lines counted from 0) and keeps the rest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netintro-igmp-'));
    made.push(root);
    mkdirSync(join(root, 'net'));
    writeFileSync(
      join(root, 'net/igmp'),
      'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n' +
        '1\tlo        :     1      V3\n' +
        '\t\t\t\tnot-hex     1 0:00000000\t\t0\n' +
        '\t\t\t\t010000E0     1 0:00000000\t\t0\n',
    );
    writeFileSync(
      join(root, 'net/igmp6'),
      'junk\n1    lo              ff020000000000000000000000000001     1 0000000C 0\n',
    );
    const r = await netintro(['-gn'], root);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('warning, got bogus igmp line 2.\nwarning, got bogus igmp6 line 0.\n');
    expect(r.stdout.split('\n').slice(3)).toEqual([
      'lo              1      224.0.0.1',
      'lo              1      ff02::1',
      '',
    ]);
  });
});
