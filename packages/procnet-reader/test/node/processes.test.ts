import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  commandFromCmdline,
  type ScanMode,
  scanSocketProcesses,
  scanSocketProcessesSync,
} from '../../src/node.js';

let fake: string;
beforeAll(() => {
  // A fake procfs: two processes sharing socket 111, one without sockets,
  // one that "vanished" (no fd directory), and non-pid entries.
  fake = mkdtempSync(join(tmpdir(), 'procnet-fakeproc-'));
  const proc = (pid: number, cmdline: string, comm: string, fds: Record<string, string>) => {
    mkdirSync(join(fake, String(pid), 'fd'), { recursive: true });
    writeFileSync(join(fake, String(pid), 'cmdline'), cmdline);
    writeFileSync(join(fake, String(pid), 'comm'), comm);
    for (const [fd, target] of Object.entries(fds)) {
      symlinkSync(target, join(fake, String(pid), 'fd', fd));
    }
  };
  proc(100, '/usr/bin/foo\0--flag\0', 'foo\n', {
    '0': '/dev/null',
    '3': 'socket:[111]',
    '4': 'socket:[222]',
    '5': 'pipe:[333]',
  });
  proc(200, '', 'kthread\n', { '7': 'socket:[111]' });
  proc(300, 'idle\0', 'idle\n', { '0': '/dev/null' });
  mkdirSync(join(fake, '400')); // exited: no fd directory any more
  mkdirSync(join(fake, 'net'));
  writeFileSync(join(fake, 'self'), '');
});
afterAll(() => rmSync(fake, { recursive: true, force: true }));

const expected = new Map([
  [
    '111',
    [
      { pid: 100, fd: 3, command: 'foo' },
      { pid: 200, fd: 7, command: 'kthread' },
    ],
  ],
  ['222', [{ pid: 100, fd: 4, command: 'foo' }]],
]);

describe('scanSocketProcesses on a fake procfs', () => {
  test.each<ScanMode>(['auto', 'sync', 'threads', 'async'])('mode %s', async (mode) => {
    const scan = await scanSocketProcesses({ procRoot: fake, mode, threads: 1 });
    expect(scan.byInode).toEqual(expected);
    expect(scan).toMatchObject({ scanned: 3, denied: 0, deniedPids: [], vanished: 1 });
  });

  test('sync form', () => {
    expect(scanSocketProcessesSync({ procRoot: fake }).byInode).toEqual(expected);
  });

  test('inodes filter keeps only the wanted sockets', async () => {
    for (const mode of ['sync', 'threads', 'async'] as const) {
      const scan = await scanSocketProcesses({
        procRoot: fake,
        mode,
        inodes: new Set(['222']),
      });
      expect([...scan.byInode.keys()]).toEqual(['222']);
    }
  });

  test('a missing procfs root is an error naming it', async () => {
    await expect(scanSocketProcesses({ procRoot: join(fake, 'nope') })).rejects.toThrow(
      join(fake, 'nope'),
    );
    expect(() => scanSocketProcessesSync({ procRoot: join(fake, 'nope') })).toThrow(
      join(fake, 'nope'),
    );
  });

  test('an unknown mode is a TypeError', async () => {
    await expect(scanSocketProcesses({ procRoot: fake, mode: 'fast' as ScanMode })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('scanSocketProcesses on this machine', () => {
  let server: net.Server;
  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("our listening socket maps to this pid with netstat's program name", async () => {
    const fdInodes = new Map<string, number>();
    const { readdirSync, readlinkSync } = await import('node:fs');
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
        if (m) fdInodes.set(m[1]!, Number(fd));
      } catch {}
    }
    const command = commandFromCmdline(readFileSync('/proc/self/cmdline'));
    for (const mode of ['sync', 'threads', 'async'] as const) {
      const scan = await scanSocketProcesses({ mode });
      for (const [inode, fd] of fdInodes) {
        expect(scan.byInode.get(inode)).toContainEqual({ pid: process.pid, fd, command });
      }
      expect(scan.denied).toBe(0);
      expect(scan.scanned).toBeGreaterThan(1);
    }
  });
});
