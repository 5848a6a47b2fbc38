import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandFromCmdline, scanSocketOwnersSync } from '../../src/node.js';

let fake: string;
beforeAll(() => {
  // A fake procfs: processes 100 and 200 share socket 111, and so do 9 and
  // 1000 for socket 555 (numeric order puts 9 first, text order would put
  // 1000 first); one process without sockets, one that exited (no fd
  // directory), a non-numeric inode, non-pid entries.
  fake = mkdtempSync(join(tmpdir(), 'procnet-owners-'));
  const proc = (pid: number, cmdline: string, comm: string, fds: Record<string, string>) => {
    mkdirSync(join(fake, String(pid), 'fd'), { recursive: true });
    writeFileSync(join(fake, String(pid), 'cmdline'), cmdline);
    writeFileSync(join(fake, String(pid), 'comm'), comm);
    for (const [fd, target] of Object.entries(fds)) {
      symlinkSync(target, join(fake, String(pid), 'fd', fd));
    }
  };
  proc(1000, 'late\0', 'late\n', { '3': 'socket:[555]' });
  proc(100, '/usr/bin/foo\0--flag\0two words\0', 'foo\n', {
    '0': '/dev/null',
    '3': 'socket:[111]',
    '4': 'socket:[222]',
    '5': 'pipe:[333]',
  });
  proc(200, '', 'kthread\n', { '7': 'socket:[111]', '8': 'socket:[0x1f]' });
  proc(300, 'idle\0', 'idle\n', { '0': '/dev/null' });
  proc(9, 'early\0', 'early\x1b\n', { '4': 'socket:[555]' });
  mkdirSync(join(fake, '400')); // exited: no fd directory any more
  mkdirSync(join(fake, 'net'));
  writeFileSync(join(fake, 'self'), '');
});
afterAll(() => rmSync(fake, { recursive: true, force: true }));

const foo = { command: 'foo', name: 'foo', cmdline: ['/usr/bin/foo', '--flag', 'two words'] };
const kthread = { command: 'kthread', name: 'kthread', cmdline: [] };

describe('scanSocketOwnersSync on a fake procfs', () => {
  test('first holder, every holder, counts', () => {
    const owners = scanSocketOwnersSync({ procRoot: fake });
    expect(owners.get('111')).toEqual({ pid: 100, fd: 3, ...foo });
    expect(owners.holders('111')).toEqual([
      { pid: 100, fd: 3, ...foo },
      { pid: 200, fd: 7, ...kthread },
    ]);
    expect(owners.get('222')).toEqual({ pid: 100, fd: 4, ...foo });
    expect(owners.get('0x1f')).toEqual({ pid: 200, fd: 8, ...kthread });
    expect(owners.has('0x1f')).toBe(true);
    for (const absent of ['31', '333', '0111']) {
      expect(owners.get(absent)).toBeUndefined();
      expect(owners.has(absent)).toBe(false);
      expect(owners.holders(absent)).toEqual([]);
    }
    expect(owners).toMatchObject({
      size: 4,
      scanned: 5,
      denied: 0,
      deniedPids: [],
      vanished: 1,
      threads: 0,
    });
  });

  test('pids are visited in numeric order, as netstat shows the first holder', () => {
    const owners = scanSocketOwnersSync({ procRoot: fake });
    expect(owners.holders('555').map((o) => o.pid)).toEqual([9, 1000]);
    // comm is escaped like the command
    expect(owners.get('555')?.name).toBe('early\\x1B');
  });

  test('inodes: stops once each wanted inode has a holder, still naming the lowest pid', () => {
    // Socket 555 is shared by pids 9 and 1000: the owner is 9 (netstat's),
    // and the scan stops right after it (1000 is never read).
    const shared = scanSocketOwnersSync({ procRoot: fake, inodes: ['555'] });
    expect(shared.get('555')).toMatchObject({ pid: 9, fd: 4, command: 'early' });
    expect(shared.holders('555').map((o) => o.pid)).toEqual([9]);
    expect(shared).toMatchObject({ scanned: 1, vanished: 0, threads: 0 });

    // 111 (pids 100 and 200) and 555: read 9 and 100, then stop.
    const two = scanSocketOwnersSync({ procRoot: fake, inodes: new Set(['111', '555']) });
    expect(two.get('111')).toEqual({ pid: 100, fd: 3, ...foo });
    expect(two.get('555')?.pid).toBe(9);
    expect(two.has('0x1f')).toBe(false); // pid 200 was not read
    expect(two.scanned).toBe(2);

    // A wanted inode nobody holds: every process is read, as in a full scan.
    const full = scanSocketOwnersSync({ procRoot: fake });
    const missing = scanSocketOwnersSync({ procRoot: fake, inodes: ['31', '555'] });
    expect(missing.holders('555').map((o) => o.pid)).toEqual([9, 1000]);
    expect(missing).toMatchObject({ size: full.size, scanned: full.scanned, vanished: 1 });

    // Nothing wanted: nothing read.
    expect(scanSocketOwnersSync({ procRoot: fake, inodes: [] })).toMatchObject({
      size: 0,
      scanned: 0,
    });
  });

  test('one process only', () => {
    const owners = scanSocketOwnersSync({ procRoot: fake, pid: 200 });
    expect(owners.holders('111')).toEqual([{ pid: 200, fd: 7, ...kthread }]);
    expect(owners.size).toBe(2);
    expect(scanSocketOwnersSync({ procRoot: fake, pid: 4242 })).toMatchObject({
      size: 0,
      vanished: 1,
    });
  });

  test('a missing procfs root is an error naming it', () => {
    expect(() => scanSocketOwnersSync({ procRoot: join(fake, 'nope') })).toThrow(
      join(fake, 'nope'),
    );
  });
});

describe('scanSocketOwnersSync on this machine', () => {
  let server: net.Server;
  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("our sockets map to this pid with netstat's program name, comm and argv", () => {
    const fdInodes = new Map<string, number>();
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
        if (m) fdInodes.set(m[1]!, Number(fd));
      } catch {}
    }
    expect(fdInodes.size).toBeGreaterThan(0);
    const raw = readFileSync('/proc/self/cmdline');
    const command = commandFromCmdline(raw);
    const cmdline = raw.toString('utf8').replace(/\0$/, '').split('\0');
    const name = readFileSync('/proc/self/comm', 'utf8').trim();
    for (const owners of [scanSocketOwnersSync(), scanSocketOwnersSync({ pid: process.pid })]) {
      for (const [inode, fd] of fdInodes) {
        expect(owners.holders(inode)).toContainEqual({
          pid: process.pid,
          fd,
          command,
          name,
          cmdline,
        });
      }
    }
  }, 120_000);
});

describe('the scan worker, from the built package', () => {
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const built = existsSync(join(dist, 'scan-worker.js'));
  if (!built && process.env.CI) throw new Error('dist/ is missing: run pnpm run build first');
  const zoo = fileURLToPath(new URL('../../fixtures/zoo/proc', import.meta.url));
  const script = (kind: 'esm' | 'cjs', procRoot: string) => {
    const load =
      kind === 'esm'
        ? `const m = await import(${JSON.stringify(join(dist, 'node.js'))});`
        : `const m = require(${JSON.stringify(join(dist, 'node.cjs'))});`;
    return `(async () => { ${load}
      const o = m.scanSocketOwnersSync({ procRoot: ${JSON.stringify(procRoot)} });
      const live = m.readSocketsSync({ kinds: 'tcp', root: ${JSON.stringify(zoo)}, procRoot: ${JSON.stringify(procRoot)}, processes: true });
      console.log(JSON.stringify({ threads: o.threads, liveThreads: live.owners.threads,
        shared: o.holders('111'), kthread: o.get('0x1f'), early: o.holders('555').map((h) => h.pid),
        counts: [o.size, o.scanned, o.denied, o.vanished] }));
    })();`;
  };
  test.skipIf(!built).each(['esm', 'cjs'] as const)(
    '%s: a worker shares the scan (threshold forced to 0) with the same result',
    (kind) => {
      const run = (min: string) =>
        JSON.parse(
          execFileSync(
            process.execPath,
            kind === 'esm'
              ? ['--input-type=module', '-e', script(kind, fake)]
              : ['-e', script(kind, fake)],
            { encoding: 'utf8', env: { ...process.env, NETINTRO_SCAN_THREAD_MIN_FDS: min } },
          ),
        );
      const threaded = run('0');
      const alone = run('1000000000');
      expect([threaded.threads, threaded.liveThreads]).toEqual([1, 1]);
      expect([alone.threads, alone.liveThreads]).toEqual([0, 0]);
      const { threads: _t, liveThreads: _l, ...a } = threaded;
      const { threads: _t2, liveThreads: _l2, ...b } = alone;
      expect(a).toEqual(b);
      expect(a.early).toEqual([9, 1000]);
      expect(a.counts).toEqual([4, 5, 0, 1]);
    },
    120_000,
  );
});
