import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { textChunksSync } from '../../src/node/read.js';
import {
  hostByteOrder,
  ProcNetParseError,
  ProcNetReadError,
  parseRoute,
  parseTcp,
  parseTcp6,
  parseUnix,
  readInterfaceSysfs,
  readInterfaces,
  readRoutes,
  readSockets,
  readStatistics,
  readSystemText,
  streamSockets,
  streamSocketsSync,
  tablesForKinds,
} from '../../src/node.js';
import type { ParseIssue } from '../../src/types.js';
import { hasTool } from './helpers.js';

// Lines in the kernel's format (from NETSTAT-FACTS captures), little-endian.
const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const TCP = [
  TCP_HEADER,
  '   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0                      ',
  '   1: 0100007F:D5F8 0100007F:97A7 06 00000000:00000000 03:00001582 00000000     0        0 0 3 00000000871fc873                                       ',
  '   2: 0100007F:C068 0100007F:2235 01 003AF38E:00000000 01:00000014 00000000  1000        0 5555 1 0000000000000000 20 4 30 10 -1                    ',
  '   3: 020200C0:270F 097100CB:9C41 03 00000000:00000000 01:000000D6 00000002     0        0 0 0 000000009d25a645                                     ',
].join('\n');
const TCP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7777 1 0000000000000000 100 0 0 10 0',
  '   1: 0000000000000000FFFF00000100007F:01BB 0000000000000000FFFF00000100007F:A2DC 01 00000000:00000000 00:00000000 00000000     0        0 7778 1 0000000000000000 20 4 30 10 -1',
].join('\n');
const UDP =
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n' +
  '14707: 00000000:0035 00000000:0000 07 00000000:00000340 00:00000000 00000000     0        0 8888 2 0000000000000000 0\n';
const RAW =
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n';
const UNIX = [
  'Num       RefCount Protocol Flags    Type St Inode Path',
  '0000000000000000: 00000002 00000000 00010000 0001 01 147415 /tmp/demo/stream.sock',
  '0000000000000000: 00000003 00000000 00000000 0001 03 147416 /tmp/demo/with space.sock',
  '0000000000000000: 00000002 00000000 00010000 0005 01 147417 @abstract@nul',
  '0000000000000000: 00000002 00000000 00000000 0002 01 147418 /tmp/démo/é.sock',
  '0000000000000000: 00000003 00000000 00000000 0001 03  1664',
].join('\n');
const ROUTE =
  'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
  'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'procnet-root-'));
  mkdirSync(join(root, 'net'));
  const files: Record<string, string> = {
    tcp: `${TCP}\n`,
    tcp6: `${TCP6}\n`,
    udp: UDP,
    raw: RAW,
    unix: `${UNIX}\n`,
    route: ROUTE,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'net', name), text);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tablesForKinds', () => {
  test.each([
    ['tcp', ['tcp', 'tcp6']],
    ['tcp4', ['tcp']],
    ['udp6', ['udp6']],
    ['raw', ['raw', 'raw6']],
    ['inet4', ['tcp', 'udp', 'udplite', 'raw']],
    ['unix', ['unix']],
  ] as const)('%s', (kind, tables) => {
    expect(tablesForKinds(kind)).toEqual(tables);
  });
  test('lists merge without duplicates, in netstat order; all = 9 tables', () => {
    expect(tablesForKinds(['udp', 'tcp4', 'tcp'])).toEqual(['tcp', 'tcp6', 'udp', 'udp6']);
    expect(tablesForKinds('all')).toHaveLength(9);
  });
  test('unknown kind is a TypeError', () => {
    expect(() => tablesForKinds('sctp' as 'tcp')).toThrow(TypeError);
  });
});

describe('readSockets on a fixture tree', () => {
  test('every table, optional ones missing, records as the pure parsers give them', async () => {
    const snap = await readSockets({ root, endianness: 'little' });
    expect(snap.inet.slice(0, 6)).toEqual([...parseTcp(TCP), ...parseTcp6(TCP6)]);
    expect(snap.inet.map((s) => s.table)).toEqual([
      'tcp',
      'tcp',
      'tcp',
      'tcp',
      'tcp6',
      'tcp6',
      'udp',
    ]);
    expect(snap.inet[6]).toMatchObject({
      protocol: 'udp',
      rxQueue: 832,
      local: { port: 53 },
      line: 2,
    });
    expect(snap.unix).toEqual(parseUnix(UNIX));
    expect(snap.tables.map((t) => [t.table, t.present, t.rows])).toEqual([
      ['tcp', true, 4],
      ['tcp6', true, 2],
      ['udp', true, 1],
      ['udp6', false, 0],
      ['udplite', false, 0],
      ['udplite6', false, 0],
      ['raw', true, 0],
      ['raw6', false, 0],
      ['unix', true, 5],
    ]);
    expect(snap.tables[0]!.path).toBe(join(root, 'net/tcp'));
    expect(snap.issues).toEqual([]);
    expect(snap.owners).toBeUndefined();
  });

  test('UTF-8 paths are kept', async () => {
    const whole = await readSockets({ root, kinds: ['tcp', 'unix'], endianness: 'little' });
    expect(whole.unix.map((s) => s.path)).toContain('/tmp/démo/é.sock');
    expect(whole.unix.map((s) => s.path)).toContain('/tmp/demo/with space.sock');
  });

  test('big-endian text is decoded with endianness: big', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-be-'));
    try {
      mkdirSync(join(dir, 'net'));
      writeFileSync(
        join(dir, 'net/tcp'),
        `${TCP_HEADER}\n   0: 7F000001:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0\n`,
      );
      const snap = await readSockets({ root: dir, kinds: 'tcp4', endianness: 'big' });
      expect(snap.inet[0]!.local).toMatchObject({ address: '127.0.0.1', port: 80 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default byte order is the host one', () => {
    expect(hostByteOrder()).toBe(
      Buffer.from(new Uint16Array([1]).buffer)[0] === 1 ? 'little' : 'big',
    );
  });

  describe('bad lines', () => {
    let bad: string;
    beforeAll(() => {
      bad = mkdtempSync(join(tmpdir(), 'procnet-bad-'));
      mkdirSync(join(bad, 'net'));
      const lines = TCP.split('\n');
      lines.splice(3, 0, '   9: nonsense');
      writeFileSync(join(bad, 'net/tcp'), `${lines.join('\n')}\n`);
    });
    afterAll(() => rmSync(bad, { recursive: true, force: true }));

    test.each([0])('throw: path and 1-based line', async () => {
      const error = await readSockets({ root: bad, kinds: 'tcp4' }).catch((e) => e);
      expect(error).toBeInstanceOf(ProcNetParseError);
      expect(error).toMatchObject({
        source: join(bad, 'net/tcp'),
        line: 4,
        raw: '   9: nonsense',
      });
      expect(error.message).toContain(`${join(bad, 'net/tcp')}:4`);
    });

    test.each([0])('skip and callback collect issues', async () => {
      const skipped = await readSockets({
        root: bad,
        kinds: 'tcp4',
        onInvalidLine: 'skip',
      });
      expect(skipped.inet).toHaveLength(4);
      expect(skipped.inet.map((s) => s.line)).toEqual([2, 3, 5, 6]);
      expect(skipped.issues).toEqual([expect.objectContaining({ line: 4, raw: '   9: nonsense' })]);
      const seen: ParseIssue[] = [];
      const collected = await readSockets({
        root: bad,
        kinds: 'tcp4',
        onInvalidLine: (issue) => seen.push(issue),
      });
      expect(seen).toEqual(collected.issues);
      expect(seen[0]!.message).toContain(':4');
    });

    test('an invalid policy is a TypeError', async () => {
      await expect(
        readSockets({ root, kinds: 'tcp4', onInvalidLine: 'ignore' as 'skip' }),
      ).rejects.toThrow(TypeError);
    });
  });

  test('missing required table, missing root, unreadable kinds: ProcNetReadError naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-missing-'));
    try {
      mkdirSync(join(dir, 'net'));
      writeFileSync(join(dir, 'net/tcp'), `${TCP}\n`);
      const error = await readSockets({ root: dir, kinds: ['tcp', 'raw'] }).catch((e) => e);
      expect(error).toBeInstanceOf(ProcNetReadError);
      expect(error).toMatchObject({ path: join(dir, 'net/raw'), code: 'ENOENT' });
      expect(error.message).toContain(join(dir, 'net/raw'));
      // Only optional tables asked, and no net/ at all: the directory is named.
      const gone = await readSockets({ root: join(dir, 'nope'), kinds: 'udplite' }).catch((e) => e);
      expect(gone).toMatchObject({ path: join(dir, 'nope/net'), code: 'ENOENT' });
      // A directory where a file should be.
      mkdirSync(join(dir, 'net/udp'));
      const isDir = await readSockets({ root: dir, kinds: 'udp4' }).catch((e) => e);
      expect(isDir).toMatchObject({ path: join(dir, 'net/udp'), code: 'EISDIR' });
      await expect(readSockets({ root: '/proc/999999999' })).rejects.toThrow(
        '/proc/999999999/net/',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('users: uid names from an injected passwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-users-'));
    try {
      writeFileSync(join(dir, 'passwd'), 'root:x:0:0::/:/bin/sh\nalice:x:1000:1000::/:/bin/sh\n');
      const snap = await readSockets({
        root,
        kinds: 'tcp4',
        users: true,
        passwdPath: join(dir, 'passwd'),
      });
      expect(snap.users.get(snap.inet[2]!.uid)).toBe('alice');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('streamSockets', () => {
  test('yields the same records as the whole-file parser, in order', async () => {
    const options = { root };
    const rows = [];
    for await (const s of streamSockets('tcp', { ...options, endianness: 'little' })) rows.push(s);
    expect(rows).toEqual(parseTcp(TCP));
    const unix = [];
    for await (const s of streamSockets('unix', options)) unix.push(s);
    expect(unix).toEqual(parseUnix(UNIX));
    expect([...streamSocketsSync('unix', options)]).toEqual(parseUnix(UNIX));
  });

  test('a table of many read chunks: same records and line numbers, bad line located', () => {
    // ~150 bytes a row: 2000 rows span ten 32 KiB chunks, so rows and the
    // bad line straddle chunk ends.
    const dir = mkdtempSync(join(tmpdir(), 'procnet-big-'));
    try {
      mkdirSync(join(dir, 'net'));
      const row = TCP.split('\n')[1]!;
      const lines = [TCP_HEADER];
      for (let i = 0; i < 2000; i++) lines.push(row.replace(' 4242 ', ` ${10000 + i} `));
      writeFileSync(join(dir, 'net/tcp'), `${lines.join('\n')}\n`);
      const streamed = [...streamSocketsSync('tcp', { root: dir, endianness: 'little' })];
      expect(streamed).toEqual(parseTcp(lines.join('\n')));
      expect(streamed.at(-1)?.line).toBe(2001);
      lines.splice(1500, 0, '   9: nonsense');
      writeFileSync(join(dir, 'net/tcp'), `${lines.join('\n')}\n`);
      expect(() => [...streamSocketsSync('tcp', { root: dir })]).toThrow(
        expect.objectContaining({ line: 1501, raw: '   9: nonsense' }),
      );
      const seen: ParseIssue[] = [];
      const kept = [...streamSocketsSync('tcp', { root: dir, onInvalidLine: (i) => seen.push(i) })];
      expect(kept).toHaveLength(2000);
      expect(seen.map((i) => i.line)).toEqual([1501]);
      expect(seen[0]!.message).toContain(`${join(dir, 'net/tcp')}:1501`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('breaking out early closes the file', async () => {
    const before = readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 20; i++) {
      for await (const s of streamSockets('tcp', { root })) {
        if (s) break;
      }
    }
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(before + 2);
  });

  test('errors: missing file names the path; unknown table is a TypeError', async () => {
    const it = streamSockets('udp6', { root });
    await expect(it.next()).rejects.toMatchObject({ path: join(root, 'net/udp6'), code: 'ENOENT' });
    await expect(streamSockets('sctp' as 'tcp').next()).rejects.toThrow(TypeError);
  });

  test('live /proc/net/tcp: every row parses', async () => {
    let rows = 0;
    for await (const s of streamSockets('tcp')) if (s.table === 'tcp') rows++;
    expect(rows).toBeGreaterThan(0);
  });
});

describe('readRoutes, readInterfaces, readStatistics', () => {
  test('fixture tree: route present, ipv6_route absent', async () => {
    const routes = await readRoutes({ root, endianness: 'little' });
    expect(routes).toEqual({ ipv4: parseRoute(ROUTE), ipv6: [] });
    expect(routes.ipv4[0]).toMatchObject({ iface: 'eth0', gateway: '192.0.2.1' });
    await expect(readInterfaces({ root })).rejects.toMatchObject({ path: join(root, 'net/dev') });
    // snmp and netstat are both missing there: either may be reported first.
    await expect(readStatistics({ root })).rejects.toMatchObject({
      path: expect.stringMatching(/\/net\/(snmp|netstat)$/),
      code: 'ENOENT',
    });
  });

  test('readInterfaceSysfs: lo from this machine, a fake tree, absent names', () => {
    const lo = readInterfaceSysfs('lo');
    expect(lo).toMatchObject({ mtu: Number(readFileSync('/sys/class/net/lo/mtu', 'utf8')) });
    expect(lo!.flags & 0x8).toBe(0x8); // IFF_LOOPBACK
    const dir = mkdtempSync(join(tmpdir(), 'procnet-sys-'));
    try {
      mkdirSync(join(dir, 'class/net/eth9'), { recursive: true });
      writeFileSync(join(dir, 'class/net/eth9/mtu'), '1500\n');
      writeFileSync(join(dir, 'class/net/eth9/flags'), '0x1003\n');
      expect(readInterfaceSysfs('eth9', { sysRoot: dir })).toEqual({
        mtu: 1500,
        flags: 0x1003,
        operstate: 'unknown',
      });
      writeFileSync(join(dir, 'class/net/eth9/operstate'), 'up\n');
      expect(readInterfaceSysfs('eth9', { sysRoot: dir })?.operstate).toBe('up');
      expect(readInterfaceSysfs('eth0', { sysRoot: dir })).toBeUndefined();
      expect(readInterfaceSysfs('../eth9', { sysRoot: dir })).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('readSystemText: text, undefined when absent, ProcNetReadError otherwise', () => {
    expect(readSystemText('/proc/self/comm')).toMatch(/\n$/);
    expect(readSystemText('/nonexistent/networks')).toBeUndefined();
    expect(() => readSystemText('/proc')).toThrow(ProcNetReadError);
    expect(readSystemText('/proc/self/comm', 'latin1')).toBe(
      readFileSync('/proc/self/comm', 'latin1'),
    );
  });

  test('this machine: interfaces are the ones in /sys/class/net', async () => {
    const names = (await readInterfaces()).map((i) => i.iface).sort();
    expect(names).toEqual(readdirSync('/sys/class/net').sort());
  });

  test.skipIf(!hasTool('netstat'))('this machine: IPv4 routes equal netstat -rn', async () => {
    const ours = (await readRoutes()).ipv4.map(
      (r) => `${r.destination} ${r.gateway} ${r.mask} ${r.iface}`,
    );
    const theirs = execFileSync('netstat', ['-rn'], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => {
        const f = line.trim().split(/\s+/);
        return `${f[0]} ${f[1]} ${f[2]} ${f[7]}`;
      });
    expect(ours.sort()).toEqual(theirs.sort());
  });

  test('this machine: statistics have the netstat -s groups', async () => {
    const stats = await readStatistics();
    expect(Object.keys(stats.snmp)).toEqual(expect.arrayContaining(['Ip', 'Icmp', 'Tcp', 'Udp']));
    expect(stats.netstat.TcpExt).toBeDefined();
    expect(typeof stats.snmp.Tcp?.CurrEstab).toBe('number');
    expect(stats.snmp6.Ip6 ?? {}).toBeTypeOf('object');
  });

  test('a missing ipv6_route or snmp6 is not an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-v4only-'));
    try {
      mkdirSync(join(dir, 'net'));
      for (const f of ['snmp', 'netstat', 'route']) {
        writeFileSync(join(dir, 'net', f), readFileSync(`/proc/net/${f}`));
      }
      const stats = await readStatistics({ root: dir });
      expect(stats.snmp6).toEqual({});
      expect((await readRoutes({ root: dir })).ipv6).toEqual([]);
      unlinkSync(join(dir, 'net/route'));
      await expect(readRoutes({ root: dir })).rejects.toMatchObject({
        path: join(dir, 'net/route'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('chunked reading', () => {
  test('back-to-back reads of different files (reused fd numbers) stay exact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-chunks-'));
    try {
      const texts = ['a', 'b', 'c'].map((c, i) =>
        Array.from({ length: 40 + i }, (_, k) => `${c}${k} ${'x'.repeat(k % 7)}`).join('\n'),
      );
      for (const [i, t] of texts.entries()) writeFileSync(join(dir, `f${i}`), `${t}\n`);
      for (let round = 0; round < 3; round++) {
        for (const [i, text] of texts.entries()) {
          for (const chunkBytes of [3, 16, 1000]) {
            const chunks = [];
            for (const c of textChunksSync(join(dir, `f${i}`), chunkBytes, 'latin1')) {
              chunks.push(c.text);
            }
            expect(chunks.join('\n')).toBe(text);
          }
        }
        // Stop early, then read again.
        for (const c of textChunksSync(join(dir, 'f0'), 3, 'latin1')) if (c) break;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a live table read in many chunks equals one read of it', async () => {
    const chunked = { unix: [...streamSocketsSync('unix')] };
    const whole = parseUnix(readFileSync('/proc/net/unix', 'utf8'));
    // Sockets come and go between the two reads: compare what both saw.
    const inodes = new Set(whole.map((s) => s.inode));
    const common = chunked.unix.filter((s) => inodes.has(s.inode));
    expect(common.length).toBeGreaterThan(0);
    for (const s of common) {
      expect(whole.find((w) => w.inode === s.inode)?.path).toBe(s.path);
    }
  });
});
