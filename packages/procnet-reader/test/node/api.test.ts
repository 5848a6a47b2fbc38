import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import {
  type InetSocket,
  type RawSocket,
  type ReadSocketsOptions,
  readListening,
  readSockets,
  readSocketsOfPid,
  readSocketsSync,
  type SocketFilter,
  type SocketOwner,
  type SocketOwners,
  streamSocketsSync,
  type TcpSocket,
  type TcpStateName,
  type UdpSocket,
  type UnixSocket,
  whoHoldsPort,
} from '../../src/node.js';

const zoo = fileURLToPath(new URL('../../fixtures/zoo/proc', import.meta.url));
const base = { root: zoo, endianness: 'little' } as const satisfies ReadSocketsOptions;

/** What a filter means, written plainly: the reference the readers must agree with. */
function matches(s: InetSocket | UnixSocket, f: SocketFilter): boolean {
  if (f.state !== undefined) {
    const names: readonly string[] = typeof f.state === 'string' ? [f.state] : f.state;
    if (!names.includes(s.state)) return false;
  }
  if (s.table === 'unix') {
    if (f.port !== undefined || f.localPort !== undefined || f.remotePort !== undefined)
      return false;
    if (f.uid !== undefined || f.family !== undefined) return false;
    if (f.listening !== undefined && s.listening !== f.listening) return false;
    return true;
  }
  if (f.port !== undefined && s.local.port !== f.port && s.remote.port !== f.port) return false;
  if (f.localPort !== undefined && s.local.port !== f.localPort) return false;
  if (f.remotePort !== undefined && s.remote.port !== f.remotePort) return false;
  if (f.uid !== undefined && s.uid !== f.uid) return false;
  if (f.family !== undefined && s.family !== f.family) return false;
  if (f.listening !== undefined) {
    const listening =
      s.protocol === 'tcp' ? s.state === 'LISTEN' : /^0+$/.test(s.remote.addressHex);
    if (listening !== f.listening) return false;
  }
  return true;
}

describe('filters applied while reading (zoo fixture)', () => {
  const all = readSocketsSync(base);
  const filters: SocketFilter[] = [
    { state: 'LISTEN' },
    { state: ['ESTABLISHED', 'TIME_WAIT'] },
    { state: 'CLOSE' },
    { state: 'CONNECTED' },
    { state: 'UNKNOWN' },
    { listening: true },
    { listening: false },
    { port: 8080 },
    { localPort: 8080 },
    { remotePort: 8080 },
    { uid: 1000 },
    { uid: 0, family: 6 },
    { family: 4 },
    { family: 6, listening: true },
    { state: 'LISTEN', localPort: 9000 },
  ];
  test('the zoo has rows for each filter to keep and to drop', () => {
    for (const f of filters.slice(0, 3)) {
      const kept = [...all.inet, ...all.unix].filter((s) => matches(s, f)).length;
      expect(kept, JSON.stringify(f)).toBeGreaterThan(0);
    }
  });
  test.each(filters.map((f) => [JSON.stringify(f), f] as const))('%s', (_name, f) => {
    const got = readSocketsSync({ ...base, ...f });
    expect(got.inet).toEqual(all.inet.filter((s) => matches(s, f)));
    expect(got.unix).toEqual(all.unix.filter((s) => matches(s, f)));
    for (const t of got.tables) {
      expect(t.rows).toBe([...got.inet, ...got.unix].filter((s) => s.table === t.table).length);
    }
    // the streaming readers apply the same filters
    const { family: _family, ...streamable } = f;
    for (const table of ['tcp', 'udp6', 'raw', 'unix'] as const) {
      if (f.family !== undefined && table !== 'unix' && (table.endsWith('6') ? 6 : 4) !== f.family)
        continue;
      const streamed = [...streamSocketsSync(table, { ...base, ...streamable })];
      const expected = [...all.inet, ...all.unix].filter(
        (s) => s.table === table && matches(s, { ...f, family: undefined }),
      );
      if (table !== 'unix' || (f.port ?? f.localPort ?? f.remotePort ?? f.uid) === undefined) {
        expect(streamed).toEqual(expected);
      }
    }
  });
  test('bad filter values are TypeErrors', () => {
    expect(() => readSocketsSync({ ...base, port: 70000 })).toThrow(TypeError);
    expect(() => readSocketsSync({ ...base, family: 5 as 4 })).toThrow(TypeError);
    expect(() => readSocketsSync({ ...base, pid: -1 })).toThrow(TypeError);
  });
});

describe('owners on each socket (fake procfs over the zoo tables)', () => {
  let proc: string;
  beforeAll(() => {
    proc = mkdtempSync(join(tmpdir(), 'procnet-api-'));
    const all = readSocketsSync(base);
    // Process 7 holds the first tcp and the first unix socket; 30 shares the tcp one.
    const tcp = all.inet.find((s) => s.inode !== '0')!;
    const unix = all.unix[0]!;
    const mk = (pid: number, argv: string[], comm: string, fds: Record<string, string>) => {
      mkdirSync(join(proc, String(pid), 'fd'), { recursive: true });
      writeFileSync(join(proc, String(pid), 'cmdline'), `${argv.join('\0')}\0`);
      writeFileSync(join(proc, String(pid), 'comm'), `${comm}\n`);
      for (const [fd, target] of Object.entries(fds)) {
        symlinkSync(target, join(proc, String(pid), 'fd', fd));
      }
    };
    mk(30, ['worker'], 'worker', { '5': `socket:[${tcp.inode}]` });
    mk(7, ['/usr/sbin/daemon', '-f'], 'daemon', {
      '3': `socket:[${tcp.inode}]`,
      '4': `socket:[${unix.inode}]`,
    });
  });
  afterAll(() => rmSync(proc, { recursive: true, force: true }));

  test('processes: true sets owner on the held sockets only, summary counts them', async () => {
    const snap = await readSockets({ ...base, procRoot: proc, processes: true });
    const owned = [...snap.inet, ...snap.unix].filter((s) => s.owner !== undefined);
    expect(owned).toHaveLength(2);
    const daemon = {
      pid: 7,
      command: 'daemon',
      name: 'daemon',
      cmdline: ['/usr/sbin/daemon', '-f'],
    };
    expect(owned[0]!.owner).toEqual({ ...daemon, fd: 3 });
    expect(owned[1]!.owner).toEqual({ ...daemon, fd: 4 });
    expect(snap.owners.holders(owned[0]!.inode).map((o) => o.pid)).toEqual([7, 30]);
    expect(snap.unidentified).toMatchObject({ mapped: 2, denied: 0 });
    const zero = [...snap.inet, ...snap.unix].filter((s) => s.inode === '0').length;
    expect(snap.unidentified.inodeZero).toBe(zero);
    expect(snap.unidentified.unowned).toBe(snap.inet.length + snap.unix.length - zero - 2);
  });

  test('pid: only that process is scanned, only its sockets kept, owner is it', async () => {
    const snap = await readSockets({ ...base, procRoot: proc, pid: 30 });
    expect(snap.unix).toEqual([]);
    expect(snap.inet).toHaveLength(1);
    expect(snap.inet[0]!.owner).toMatchObject({ pid: 30, fd: 5, command: 'worker' });
    expect(snap.owners.size).toBe(1);
    expect(await readSocketsOfPid(7, { ...base, procRoot: proc })).toHaveLength(1);
    expect(await readSocketsOfPid(4242, { ...base, procRoot: proc })).toEqual([]);
  });

  test('without processes, no owner and no owners', () => {
    const snap = readSocketsSync(base);
    expect(snap.owners).toBeUndefined();
    expect(snap.inet.some((s) => 'owner' in s)).toBe(false);
  });
});

describe('helpers on this machine', () => {
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('readListening finds our listener with us as owner', async () => {
    const listening = await readListening({ kinds: 'tcp4', processes: true });
    const ours = listening.find((s) => s.local.port === port);
    expect(ours).toMatchObject({ state: 'LISTEN', local: { address: '127.0.0.1' } });
    expect(ours!.owner?.pid).toBe(process.pid);
    expect(listening.every((s) => s.state === 'LISTEN')).toBe(true);
  });

  test('whoHoldsPort names this process, every socket on that local port', async () => {
    const holders = await whoHoldsPort(port);
    expect(holders.length).toBeGreaterThanOrEqual(1);
    expect(holders.every((s) => s.local.port === port)).toBe(true);
    expect(holders.find((s) => s.state === 'LISTEN')?.owner?.pid).toBe(process.pid);
  });

  test('readSocketsOfPid(process.pid) holds our listener and nothing of another process', async () => {
    const mine = await readSocketsOfPid(process.pid, { kinds: 'tcp' });
    expect(mine.some((s) => s.local.port === port && s.state === 'LISTEN')).toBe(true);
    expect(mine.every((s) => s.owner?.pid === process.pid)).toBe(true);
  });
});

describe('result types', () => {
  test('owners are typed for literal and non-literal options; rows follow kinds', () => {
    const literal = readSocketsSync({ ...base, procRoot: zoo, kinds: 'tcp', processes: true });
    expectTypeOf(literal.owners).toEqualTypeOf<SocketOwners>();
    expectTypeOf(literal.inet).toEqualTypeOf<TcpSocket[]>();
    // (procRoot: a tree without processes, so the scan is instant)
    const options: ReadSocketsOptions = { ...base, procRoot: zoo, processes: true };
    const loose = readSocketsSync(options);
    expectTypeOf(loose.owners).toEqualTypeOf<SocketOwners | undefined>();
    expectTypeOf(loose.inet).toEqualTypeOf<InetSocket[]>();
    expect(loose.owners).toBeDefined();
    const udp = readSocketsSync({ ...base, kinds: ['udp', 'raw6'] });
    expectTypeOf(udp.inet).toEqualTypeOf<Array<UdpSocket | RawSocket>>();
    const [first] = literal.inet;
    if (first !== undefined) expectTypeOf(first.state).toEqualTypeOf<TcpStateName>();
    expectTypeOf<InetSocket['owner']>().toEqualTypeOf<SocketOwner | undefined>();
  });
});
