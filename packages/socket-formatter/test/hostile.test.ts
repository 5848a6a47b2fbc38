/**
 * Issue 10, defects 8, 11, 12: hostile names and bytes on their way to a
 * terminal, checked against the real netstat 2.10 where netstat can judge.
 *
 * netstat prints names from /etc/services and /etc/hosts and UNIX paths as
 * raw bytes. We escape control characters and backslashes (escapeText), so
 * the reference for a hostile file is netstat run on the same file with
 * each name already written in its escaped form: the two outputs must be
 * byte-identical, padding included. Bytes that are not UTF-8 (0xA0-0xFF)
 * are printed raw by both: those rows are compared on the same file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBytes, encodeBytes, parseHosts, parseProcNet } from '@netintro/procnet-reader';
import { escapeControlCharacters } from '@netintro/procnet-reader/node';
import { createServicesDb, parseServices } from '@netintro/services-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  escapeText,
  formatNetstat,
  hostsResolverFromEntries,
  programText,
  servicesResolverFromDb,
} from '../src/index.js';

const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const runnable =
  process.getuid?.() === 0 && ['netstat', 'unshare', 'gcc'].every(have) && !!process.env.PATH;

const ESC = '\x1b';
/** Hostile /etc/services and /etc/hosts lines, as JS strings of bytes (latin1). */
const SERVICES = [
  `evil${ESC}[31mRED 8765/tcp`,
  'back\\slash 8766/tcp',
  'x-\xe9\xff-cust 8767/tcp',
  'c1-\x9b-name 8768/tcp',
  `udp-${ESC}]0;t\x07 8769/udp`,
].join('\n');
const HOSTS = [`127.0.0.5 host${ESC}[2Jwipe`, '127.0.0.6 h\\x1B'].join('\n');

/** Local 127.0.0.1:port LISTEN, remote 127.0.0.5/6 ESTABLISHED; a UDP row with retrnsmt 5, timeout 3. */
function tcpLine(n: number, localPort: number, remote: string, state: string): string {
  const port = localPort.toString(16).toUpperCase().padStart(4, '0');
  return `   ${n}: 0100007F:${port} ${remote} ${state} 00000000:00000000 00:00000000 00000000     0        0 ${1000 + n} 1 0000000000000000 100 0 0 10 0`;
}
const TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  tcpLine(0, 8765, '00000000:0000', '0A'),
  tcpLine(1, 8766, '00000000:0000', '0A'),
  tcpLine(2, 8767, '00000000:0000', '0A'),
  tcpLine(3, 8768, '0500007F:9C41', '01'),
  tcpLine(4, 8765, '0600007F:9C42', '01'),
  '',
].join('\n');
const UDP = [
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  ' 1236: 0100007F:2241 00000000:0000 07 00000000:00000000 00:00000000 00000005     0        3 2001 2 0000000000000000 0',
  '',
].join('\n');
const unixLine = (inode: number, path: string): string =>
  `0000000000000000: 00000002 00000000 00010000 0001 01 ${inode} ${path}`;
const UNIX = (paths: string[]): string =>
  [
    'Num       RefCount Protocol Flags    Type St Inode Path',
    ...paths.map((p, i) => unixLine(30001 + i, p)),
    '',
  ].join('\n');
/** No spaces: netstat cuts paths at the first space. */
const UNIX_PATHS = [`@a${ESC}[31m`, '@a\\x1B[31m', '/tmp/\xe9\xff.sock', '/tmp/c1\x9b'];

let dir = '';
let so = '';
beforeAll(() => {
  if (!runnable) return;
  dir = mkdtempSync(join(tmpdir(), 'sf-hostile-'));
  so = join(dir, 'redirect.so');
  execFileSync('gcc', [
    '-shared',
    '-fPIC',
    '-O2',
    '-o',
    so,
    join(import.meta.dirname, '../../../tools/procnet-redirect.c'),
    '-ldl',
  ]);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Real netstat on the given /proc/net files and /etc files (all latin1 byte strings); stdout bytes. */
function netstat(args: string[], net: Record<string, string>, etc: Record<string, string>): Buffer {
  const run = mkdtempSync(join(dir, 'run-'));
  mkdirSync(join(run, 'net'));
  for (const [name, text] of Object.entries(net)) {
    writeFileSync(join(run, 'net', name), Buffer.from(text, 'latin1'));
  }
  const mounts = ['nsswitch.conf', ...Object.keys(etc)].map((name) => {
    writeFileSync(
      join(run, name),
      Buffer.from(etc[name] ?? 'hosts: files\nservices: files\n', 'latin1'),
    );
    return `mount --bind ${run}/${name} /etc/${name}`;
  });
  return execFileSync(
    'unshare',
    ['-m', 'sh', '-c', `${mounts.join(' && ')} && exec netstat ${args.join(' ')}`],
    {
      env: { PATH: process.env.PATH, LC_ALL: 'C', PROCNET_DIR: join(run, 'net'), LD_PRELOAD: so },
      timeout: 20_000,
    },
  );
}

/** Ours, from the same bytes (decodeBytes: bytes that are not UTF-8 survive), encoded back to bytes. */
function ours(
  flags: Record<string, boolean>,
  net: Record<string, string>,
  etc: Record<string, string>,
): Buffer {
  const text = (s: string | undefined): string => decodeBytes(Buffer.from(s ?? '', 'latin1'));
  const db = createServicesDb(parseServices(text(etc.services), { onInvalidLine: 'skip' }), {
    match: 'last',
  });
  const inet = [...parseProcNet('tcp', text(net.tcp)), ...parseProcNet('udp', text(net.udp))];
  const unix = parseProcNet('unix', text(net.unix));
  const out = formatNetstat({ inet, unix }, flags, {
    services: servicesResolverFromDb(db),
    hosts: hostsResolverFromEntries(parseHosts(text(etc.hosts))),
  });
  return Buffer.from(encodeBytes(out));
}

/** A file with each line's names in their escaped form (newlines kept), as netstat's reference. */
const escapedFile = (latin1: string): string =>
  latin1
    .split('\n')
    .map((line) =>
      Buffer.from(encodeBytes(escapeText(decodeBytes(Buffer.from(line, 'latin1'))))).toString(
        'latin1',
      ),
    )
    .join('\n');

describe.skipIf(!runnable)('hostile names against the real netstat', () => {
  it('escapes service and host names (defect 12): netstat given the escaped names prints the same bytes', () => {
    const net = { tcp: TCP };
    for (const flags of [
      ['-at'],
      ['-a', '-t', '--numeric-hosts'],
      ['-a', '-t', '--numeric-ports'],
    ]) {
      const real = netstat(flags, net, {
        services: escapedFile(SERVICES),
        hosts: escapedFile(HOSTS),
      });
      const f = {
        all: true,
        tcp: true,
        numericHosts: flags.includes('--numeric-hosts'),
        numericPorts: flags.includes('--numeric-ports'),
      };
      const mine = ours(f, net, { services: SERVICES, hosts: HOSTS });
      expect(mine.toString('latin1'), flags.join(' ')).toBe(real.toString('latin1'));
      expect(mine.includes(0x1b)).toBe(false);
    }
  });

  it('prints bytes that are not UTF-8 as netstat does (defect 11)', () => {
    const real = netstat(['-at'], { tcp: TCP }, { services: SERVICES, hosts: '' });
    const mine = ours({ all: true, tcp: true }, { tcp: TCP }, { services: SERVICES, hosts: '' });
    const row = (b: Buffer) =>
      b
        .toString('latin1')
        .split('\n')
        .find((l) => l.includes(':x-'));
    expect(row(real)).toContain('x-\xe9\xff-cust');
    expect(row(mine)).toBe(row(real));
  });

  it('shows 0 retransmits on UDP rows with -o, like netstat (defect 12)', () => {
    const real = netstat(['-uano'], { udp: UDP }, {});
    const mine = ours({ all: true, udp: true, numeric: true, timers: true }, { udp: UDP }, {});
    expect(real.toString('latin1')).toContain('off (0.00/0/3)');
    expect(mine.toString('latin1')).toBe(real.toString('latin1'));
  });

  it('escapes backslashes in UNIX paths, so ESC and a typed \\x1B differ (defect 8)', () => {
    const mine = ours({ unix: true, listening: true }, { unix: UNIX(UNIX_PATHS) }, {});
    const real = netstat(['-xl'], { unix: UNIX(UNIX_PATHS.map(escapedFile)) }, {});
    expect(mine.toString('latin1')).toBe(real.toString('latin1'));
    const rows = mine.toString('latin1').split('\n');
    expect(rows.find((r) => r.includes('30001'))).toMatch(/ @a\\x1B\[31m$/);
    expect(rows.find((r) => r.includes('30002'))).toMatch(/ @a\\\\x1B\[31m$/);
    expect(rows.find((r) => r.includes('30003'))).toMatch(/ \/tmp\/\xe9\xff\.sock$/);
  });
});

/** Undoes the reader's escaping (`\\` and `\xHH`). */
const unescapeReader = (s: string): string =>
  s.replace(/\\\\|\\x([0-9A-F]{2})/g, (_m, hex: string | undefined) =>
    hex ? String.fromCharCode(Number.parseInt(hex, 16)) : '\\',
  );

describe('the -p program cut (defect 8)', () => {
  it('never ends inside an escape', () => {
    const command = escapeControlCharacters(`aaaaaaaa\\${ESC}[31m`);
    expect(programText({ pid: 12345, command })).toBe('12345/aaaaaaaa\\\\');
    expect(programText({ pid: 1234, command })).toBe('1234/aaaaaaaa\\\\\\x1B');
    expect(programText({ pid: 123, command })).toBe('123/aaaaaaaa\\\\\\x1B[');
  });

  it('is always an unescapable prefix of pid/command (3,000 seeded commands)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4194304 }),
        fc.string({
          unit: fc.constantFrom('a', '\\', ESC, '\n', 'x', '1', 'B', 'é', '\u0085', '🦊'),
        }),
        (pid, raw) => {
          const text = programText({ pid, command: escapeControlCharacters(raw) });
          expect(`${pid}/${raw}`.startsWith(unescapeReader(text))).toBe(true);
          expect(Buffer.byteLength(text)).toBeLessThanOrEqual(19);
          expect(text).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
        },
      ),
      { seed: 8, numRuns: 3000 },
    );
  });
});
