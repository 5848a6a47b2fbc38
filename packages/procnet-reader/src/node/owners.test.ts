import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanSocketOwnersSync, scanSocketProcessesSync } from '../node.js';

let fake: string;
beforeAll(() => {
  // Two processes sharing socket 111 (the first in /proc order owns it), one
  // without sockets, one that exited (no fd directory), a non-numeric inode.
  fake = mkdtempSync(join(tmpdir(), 'procnet-owners-'));
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
  proc(200, '', 'kthread\n', { '7': 'socket:[111]', '8': 'socket:[0x1f]' });
  proc(300, 'idle\0', 'idle\n', { '0': '/dev/null' });
  mkdirSync(join(fake, '400'));
  writeFileSync(join(fake, 'self'), '');
});
afterAll(() => rmSync(fake, { recursive: true, force: true }));

describe('scanSocketOwnersSync', () => {
  test('the first holder of each socket, counts as scanSocketProcessesSync', () => {
    const owners = scanSocketOwnersSync({ procRoot: fake });
    expect(owners.get('111')).toEqual({ pid: 100, fd: 3, command: 'foo' });
    expect(owners.get('222')).toEqual({ pid: 100, fd: 4, command: 'foo' });
    expect(owners.get('0x1f')).toEqual({ pid: 200, fd: 8, command: 'kthread' });
    expect(owners.get('31')).toBeUndefined();
    expect(owners.get('333')).toBeUndefined();
    expect(owners.get('0111')).toBeUndefined();
    const full = scanSocketProcessesSync({ procRoot: fake });
    expect(owners).toMatchObject({
      size: full.byInode.size,
      scanned: full.scanned,
      denied: full.denied,
      deniedPids: full.deniedPids,
      vanished: full.vanished,
    });
  });

  test('agrees with scanSocketProcessesSync on the live /proc', async () => {
    const servers = [net.createServer(), net.createServer()];
    await Promise.all([
      new Promise<void>((resolve) => servers[0]?.listen(0, '127.0.0.1', resolve)),
      new Promise<void>((resolve) => servers[1]?.listen(0, '::1', resolve)),
    ]);
    try {
      const full = scanSocketProcessesSync();
      const owners = scanSocketOwnersSync();
      let mismatches = 0;
      for (const [inode, list] of full.byInode) {
        // Other processes may open or close sockets between the two scans: allow a few.
        const first = list[0];
        const got = owners.get(inode);
        if (got?.pid !== first?.pid || got?.fd !== first?.fd || got?.command !== first?.command) {
          mismatches++;
        }
      }
      expect(full.byInode.size).toBeGreaterThanOrEqual(2);
      expect(mismatches).toBeLessThanOrEqual(5);
    } finally {
      for (const server of servers) server.close();
    }
  });
});
