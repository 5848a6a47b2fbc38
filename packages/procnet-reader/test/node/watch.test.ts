// watchSockets: diffs on fixture trees rewritten between polls (exact
// expectations), stopping (AbortSignal, return()), errors, and a live check
// on loopback with owners.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type InetSocket,
  ProcNetReadError,
  type SocketWatchEvent,
  watchSockets,
} from '../../src/node.js';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const tcpLine = (
  sl: number,
  local: string,
  remote: string,
  st: string,
  queues: string,
  timer: string,
  inode: string,
) =>
  `  ${String(sl).padStart(2)}: ${local} ${remote} ${st} ${queues} ${timer} 00000000  1000        0 ${inode} 1 0000000000000000 20 4 30 10 -1\n`;
const UNIX_HEADER = 'Num       RefCount Protocol Flags    Type St Inode Path\n';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(): { root: string; write: (table: string, text: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'netintro-watch-'));
  dirs.push(root);
  mkdirSync(join(root, 'net'));
  const write = (table: string, text: string) => {
    // Whole-file replacement, so a poll never sees half a file.
    writeFileSync(join(root, 'net', `.${table}.tmp`), text);
    renameSync(join(root, 'net', `.${table}.tmp`), join(root, 'net', table));
  };
  return { root, write };
}

const summary = (e: SocketWatchEvent) => ({
  opened: e.opened.map((s) => s.inode).sort(),
  closed: e.closed.map((s) => s.inode).sort(),
  changed: e.changed.map((c) => `${c.before.inode}:${c.before.state}>${c.after.state}`).sort(),
});

describe('watchSockets on a fixture tree', () => {
  it('reports opened, closed and changed rows, and ignores timer-only moves', async () => {
    const { root, write } = tree();
    const a = tcpLine(
      0,
      '0100007F:1F90',
      '00000000:0000',
      '0A',
      '00000000:00000000',
      '00:00000000',
      '1001',
    );
    const b = tcpLine(
      1,
      '0100007F:C350',
      '0100007F:1F90',
      '02',
      '00000001:00000000',
      '01:00000064',
      '1002',
    );
    const c = tcpLine(
      2,
      '0100007F:C351',
      '0100007F:1F90',
      '01',
      '00000000:00000000',
      '00:00000000',
      '1003',
    );
    write('tcp', TCP_HEADER + a + b + c);
    write(
      'udp',
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n',
    );
    write(
      'raw',
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n',
    );
    const it = watchSockets({ root, interval: 10, initial: true, kinds: 'inet' });
    const baseline = await it.next();
    expect(summary(baseline.value as SocketWatchEvent)).toEqual({
      opened: ['1001', '1002', '1003'],
      closed: [],
      changed: [],
    });

    // b: SYN_SENT -> ESTABLISHED; c: only its timer moves (not a change);
    // a: closes; d: opens at a's slot with a new inode.
    const b2 = tcpLine(
      0,
      '0100007F:C350',
      '0100007F:1F90',
      '01',
      '00000000:00000000',
      '00:00000000',
      '1002',
    );
    const c2 = tcpLine(
      1,
      '0100007F:C351',
      '0100007F:1F90',
      '01',
      '00000000:00000000',
      '02:000001F4',
      '1003',
    );
    const d = tcpLine(
      2,
      '0100007F:1F90',
      '00000000:0000',
      '0A',
      '00000000:00000000',
      '00:00000000',
      '1004',
    );
    write('tcp', TCP_HEADER + b2 + c2 + d);
    const second = (await it.next()).value as SocketWatchEvent;
    expect(summary(second)).toEqual({
      opened: ['1004'],
      closed: ['1001'],
      changed: ['1002:SYN_SENT>ESTABLISHED'],
    });
    expect((second.changed[0]!.after as InetSocket).txQueue).toBe(0);
    expect((second.closed[0] as InetSocket).local.port).toBe(8080);

    // Queue move only: a change with the same state.
    const c3 = tcpLine(
      1,
      '0100007F:C351',
      '0100007F:1F90',
      '01',
      '00000400:00000000',
      '02:000001F4',
      '1003',
    );
    write('tcp', TCP_HEADER + b2 + c3 + d);
    const third = (await it.next()).value as SocketWatchEvent;
    expect(summary(third)).toEqual({
      opened: [],
      closed: [],
      changed: ['1003:ESTABLISHED>ESTABLISHED'],
    });
    expect((third.changed[0]!.after as InetSocket).txQueue).toBe(1024);
    await it.return?.();
  });

  it('keys UNIX sockets by inode and whole path, spaces included', async () => {
    const { root, write } = tree();
    // The kernel prints the inode as %5lu: padded to five columns.
    const row = (inode: string, st: string, path: string) =>
      `0000000000000000: 00000002 00000000 00010000 0001 ${st} ${inode.padStart(5)} ${path}\n`;
    write('unix', UNIX_HEADER + row('2001', '01', '/run/a b.sock') + row('2002', '01', ''));
    const it = watchSockets({ root, interval: 10, kinds: 'unix' });
    const pending = it.next();
    await new Promise((r) => setTimeout(r, 100));
    write('unix', UNIX_HEADER + row('2001', '01', '/run/a c.sock') + row('2002', '03', ''));
    const e = (await pending).value as SocketWatchEvent;
    expect(e.opened.map((s) => ('path' in s ? s.path : undefined))).toEqual(['/run/a c.sock']);
    expect(e.closed.map((s) => ('path' in s ? s.path : undefined))).toEqual(['/run/a b.sock']);
    expect(summary(e).changed).toEqual(['2002:UNCONNECTED>CONNECTED']);
    await it.return?.();
  });

  it('stops at once on abort or return(), also in the middle of a wait', async () => {
    const { root, write } = tree();
    write('tcp', TCP_HEADER);
    write('udp', TCP_HEADER);
    write('raw', TCP_HEADER);
    const controller = new AbortController();
    const it = watchSockets({ root, interval: 60_000, signal: controller.signal });
    const pending = it.next();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await it.next()).toEqual({ done: true, value: undefined });

    const it2 = watchSockets({ root, interval: 60_000 });
    const pending2 = it2.next();
    setTimeout(() => void it2.return?.(), 50);
    expect(await pending2).toEqual({ done: true, value: undefined });
  });

  it('rejects with ProcNetReadError when a required table is missing', async () => {
    const { root } = tree();
    const it = watchSockets({ root, kinds: 'tcp' });
    await expect(it.next()).rejects.toBeInstanceOf(ProcNetReadError);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('rejects a bad interval', () => {
    expect(() => watchSockets({ interval: -1 })).toThrow(/interval/);
  });
});

describe('watchSockets on the live system', () => {
  // Without owners: the baseline scan would visit every process of the
  // machine (slow where others hold many sockets); owners are checked by the
  // targeted scan below and by the CLI's --watch -p test in a namespace.
  it('sees a loopback connection open and close', async () => {
    const server = net.createServer((s) => s.on('error', () => {}));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), 20_000);
    const it = watchSockets({
      kinds: 'tcp4',
      interval: 50,
      processes: true,
      signal: controller.signal,
    });
    const first = it.next(); // baseline, then waits for a change
    await new Promise((r) => setTimeout(r, 200));
    const client = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => client.on('connect', () => r()));
    const localPort = client.localPort;
    let opened = false;
    let closed = false;
    let result = await first;
    for (let i = 0; i < 100 && !result.done; i++) {
      const e = result.value;
      const mine = (e.opened as InetSocket[]).find(
        (s) => s.local.port === localPort && s.remote.port === port && s.inode !== '0',
      );
      if (mine && !opened) {
        opened = true;
        client.destroy();
      }
      if (
        opened &&
        (e.closed as InetSocket[]).some((s) => s.local.port === localPort && s.inode !== '0')
      ) {
        closed = true;
        break;
      }
      // A closed client may linger as TIME_WAIT (inode 0), which is a new key: fine.
      result = await it.next();
    }
    clearTimeout(timeout);
    await it.return?.();
    server.close();
    expect(opened).toBe(true);
    expect(closed).toBe(true);
  });
});

describe('scanSocketOwnersSync({ inodes })', () => {
  it('finds the holders of the wanted inodes on this machine', async () => {
    const { scanSocketOwnersSync } = await import('../../src/node.js');
    const { ownSocketInodes } = await import('./helpers.js');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const inodes = [...ownSocketInodes()];
      expect(inodes.length).toBeGreaterThan(0);
      const targeted = scanSocketOwnersSync({ inodes });
      for (const inode of inodes) expect(targeted.get(inode)?.pid).toBe(process.pid);
    } finally {
      server.close();
    }
  });
});

describe('README "Watching" example', () => {
  it('runs (with its one minute cut to a moment)', async () => {
    const { readFileSync, writeFileSync, rmSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Watching'));
    // `no-run`: the package's README test skips it (it would serve or watch for a minute).
    const code = /```ts no-run\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toContain('AbortSignal.timeout(60_000)');
    const file = fileURLToPath(new URL(`./.readme-watch-${process.pid}.ts`, import.meta.url));
    writeFileSync(
      file,
      code!
        .replace("from '@netintro/procnet-reader/node'", "from '../../src/node.js'")
        .replace('AbortSignal.timeout(60_000)', 'AbortSignal.timeout(300)')
        // Owners cost a scan of every process: slow on a machine where others hold many sockets.
        .replace('processes: true,', 'processes: false,'),
    );
    try {
      await import(file);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
