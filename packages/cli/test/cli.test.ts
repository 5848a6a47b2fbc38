/**
 * The command in-process (`run` with captured output): argument errors,
 * help and version, -c, the permission notes path and --json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../src/cli.js';
import { HELP_TEXT, versionText } from '../src/help.js';

/** Fixture folders made by this file, removed when it is done. */
const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    lookup: async () => undefined,
    ...extra,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const haveNetstat = spawnSync('sh', ['-c', 'command -v netstat']).status === 0;

/** Every argument error branch, each compared with what the real netstat says. */
const BAD: readonly string[][] = [
  ['--bogus'],
  ['-Q'],
  ['-antQ'],
  ['--num'],
  ['--tcp=yes'],
  ['-A'],
  ['--protocol'],
  ['-A', 'foo'],
  ['-A', 'inet,foo'],
  ['--ax25'],
  ['-M'],
  ['-S'],
  ['-Z'],
  ['-2'],
  ['-r', '-i'],
  ['-s', '-r'],
  ['-rr'],
  ['-r', '--route'],
  ['--stat', '-i'],
];

describe('argument errors', () => {
  it.each(BAD)(
    '%s: one line on stderr, nothing on stdout, netstat exit status',
    async (...argv) => {
      const c = capture();
      const status = await run(argv, c.io);
      expect(c.stdout()).toBe('');
      const lines = c.stderr().split('\n');
      expect(lines.length).toBe(2); // one line and its newline
      expect(lines[0]).toMatch(/^netintro: \S/);
      if (!haveNetstat) {
        if (process.env.CI) throw new Error('netstat missing on CI');
        return;
      }
      const real = spawnSync('netstat', argv, {
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      });
      expect(status).toBe(real.status);
      const first = real.stderr.split('\n')[0] ?? '';
      if (!first.startsWith('usage:')) {
        // Same words as netstat, under our name, plus a hint for usage errors.
        const words = first.replace(/^netstat: /, '');
        expect(lines[0]).toBe(
          `netintro: ${words}${status === 3 ? " (try 'netintro --help')" : ''}`,
        );
      }
    },
  );
});

describe('help and version', () => {
  it('--help and -h print the help on stdout, status 0', async () => {
    for (const flag of ['--help', '-h', '--he']) {
      const c = capture();
      expect(await run([flag], c.io)).toBe(0);
      expect(c.stdout()).toBe(HELP_TEXT);
      expect(c.stderr()).toBe('');
    }
  });
  it('-V and --version print the version, status 0, even before a bad option (as netstat)', async () => {
    for (const argv of [['-V'], ['--version'], ['-V', '--bogus']]) {
      const c = capture();
      expect(await run(argv, c.io)).toBe(0);
      expect(c.stdout()).toBe(versionText());
    }
  });
  it('the help lists every netstat flag netintro accepts', () => {
    for (const flag of [
      '-a',
      '-t',
      '-u',
      '-U',
      '-w',
      '-x',
      '-l',
      '-n',
      '-e',
      '-p',
      '-o',
      '-W',
      '-4',
      '-6',
      '-c',
      '-r',
      '-i',
      '-s',
      '--json',
      '--numeric-hosts',
      '--numeric-ports',
      '--numeric-users',
    ]) {
      expect(HELP_TEXT).toContain(flag);
    }
  });
});

describe('-c continuous mode', () => {
  it('reprints the headers each round until the wait says stop', async () => {
    const waits: number[] = [];
    const c = capture({
      wait: async (seconds, iteration) => {
        waits.push(seconds);
        return iteration < 2;
      },
    });
    expect(await run(['-c', '-tn'], c.io)).toBe(0);
    expect(c.stdout().match(/^Active Internet connections \(w\/o servers\)$/gm)?.length).toBe(3);
    expect(waits).toEqual([1, 1, 1]);
  });
  it('-c takes no argument, like netstat: a number after it is ignored, 1 s between rounds', async () => {
    const waits: number[] = [];
    const c = capture({
      wait: async (seconds) => {
        waits.push(seconds);
        return false;
      },
    });
    await run(['-tnc', '3'], c.io);
    expect(waits).toEqual([1]);
  });
});

describe('socket listing (live /proc, -n)', () => {
  it('prints the header and no names with -n (no lookup at all)', async () => {
    let lookups = 0;
    const c = capture({
      lookup: async () => {
        lookups++;
        return 'never';
      },
    });
    expect(await run(['-atn'], c.io)).toBe(0);
    expect(c.stdout()).toMatch(
      /^Active Internet connections \(servers and established\)\nProto Recv-Q Send-Q Local Address {11}Foreign Address {9}State {6}\n/,
    );
    expect(lookups).toBe(0);
    expect(c.stdout()).not.toContain('never');
  });
  it('without -n, addresses go through the (injected) resolver', async () => {
    const asked = new Set<string>();
    const c = capture({
      lookup: async (a) => {
        asked.add(a);
        return undefined;
      },
    });
    await run(['-at'], c.io);
    const rows = c.stdout().split('\n').slice(2).filter(Boolean);
    if (rows.some((r) => r.includes('127.0.0.1:'))) expect(asked.has('127.0.0.1')).toBe(true);
  });
});

describe('--json', () => {
  // A fixture tree: two TCP rows (a listener and a connection), one UNIX row.
  const root = tempDir('netintro-json-');
  mkdirSync(join(root, 'net'));
  writeFileSync(
    join(root, 'net/tcp'),
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
      '   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0\n' +
      '   1: 0100007F:0016 0100007F:D5F8 01 00000000:00000000 00:00000000 00000000  1000        0 1002 1 0000000000000000 20 4 30 10 -1\n',
  );
  writeFileSync(
    join(root, 'net/unix'),
    'Num       RefCount Protocol Flags    Type St Inode Path\n' +
      '0000000000000000: 00000002 00000000 00010000 0001 01  2001 /run/demo.sock\n',
  );
  const etc = tempDir('netintro-etc-');
  writeFileSync(join(etc, 'services'), 'ssh\t22/tcp\n');
  writeFileSync(
    join(etc, 'passwd'),
    'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n',
  );

  it('prints one object per socket the table would show, in table order, every record field', async () => {
    const c = capture({
      procRoot: root,
      etc,
      lookup: async (a) => (a === '127.0.0.1' ? 'localhost' : undefined),
    });
    expect(await run(['--json', '-a'], c.io)).toBe(0);
    const doc = JSON.parse(c.stdout());
    expect(doc.version).toBe(1);
    expect(doc.sockets.map((s: { kind: string }) => s.kind)).toEqual(['inet', 'inet', 'unix']);
    const [listen, conn, unix] = doc.sockets;
    expect(listen).toMatchObject({
      table: 'tcp',
      protocol: 'tcp',
      family: 4,
      state: 'LISTEN',
      server: true,
      inode: '1001',
      user: 'root',
      local: { address: '0.0.0.0', addressHex: '00000000', port: 22, service: 'ssh' },
      remote: { address: '0.0.0.0', port: 0 },
    });
    expect(listen.remote.service).toBeUndefined(); // port 0
    expect(conn).toMatchObject({
      state: 'ESTABLISHED',
      server: false,
      uid: 1000,
      user: 'alice',
      local: { address: '127.0.0.1', host: 'localhost', service: 'ssh' },
      remote: { port: 54776, host: 'localhost' },
    });
    expect(unix).toMatchObject({
      kind: 'unix',
      path: '/run/demo.sock',
      server: true,
      inode: '2001',
    });
    expect(c.stdout().endsWith('}\n')).toBe(true);
  });

  it('prints one indented JSON document per listing, and NDJSON (one compact line per round) with -c', async () => {
    const once = capture({ procRoot: root, etc });
    expect(await run(['--json', '-an'], once.io)).toBe(0);
    // One listing: one indented document (its first line alone is no JSON).
    expect(() => JSON.parse(once.stdout().split('\n')[0] as string)).toThrow();
    expect(JSON.parse(once.stdout()).sockets).toHaveLength(3);
    const c = capture({ procRoot: root, etc, wait: async (_s, iteration) => iteration < 1 });
    expect(await run(['--json', '-an', '-c'], c.io)).toBe(0);
    const lines = c.stdout().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line).sockets).toHaveLength(3);
    expect(HELP_TEXT).not.toMatch(/object per socket/);
    expect(HELP_TEXT).toMatch(/--json +JSON instead of the table: one document/);
    expect(HELP_TEXT).toMatch(/NDJSON/);
  });

  it("-p adds each socket's owner (pid, fd, command, name, cmdline) from the process scan", async () => {
    const proc = tempDir('netintro-json-p-');
    mkdirSync(join(proc, 'net'));
    writeFileSync(
      join(proc, 'net/tcp'),
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
        '   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0\n',
    );
    mkdirSync(join(proc, '4242/fd'), { recursive: true });
    symlinkSync('socket:[1001]', join(proc, '4242/fd/3'));
    writeFileSync(join(proc, '4242/cmdline'), '/usr/sbin/sshd\0-D\0');
    writeFileSync(join(proc, '4242/comm'), 'sshd\n');
    const c = capture({ procRoot: proc, etc, euid: 0 });
    expect(await run(['--json', '-tlnp'], c.io)).toBe(0);
    expect(c.stderr()).toBe('');
    const [listen] = JSON.parse(c.stdout()).sockets;
    expect(listen.process).toEqual({
      pid: 4242,
      fd: 3,
      command: 'sshd',
      name: 'sshd',
      cmdline: ['/usr/sbin/sshd', '-D'],
    });
    const table = capture({ procRoot: proc, etc, euid: 0 });
    await run(['-tlnp'], table.io);
    expect(table.stdout()).toMatch(/LISTEN +4242\/sshd *\n$/);
  });

  it('-n leaves names out and -l keeps only servers, as in the table', async () => {
    const c = capture({ procRoot: root, etc });
    expect(await run(['--json', '-tln'], c.io)).toBe(0);
    const doc = JSON.parse(c.stdout());
    expect(doc.sockets).toHaveLength(1);
    expect(doc.sockets[0].local.service).toBeUndefined();
    expect(doc.sockets[0].user).toBeUndefined();
    const table = capture({ procRoot: root, etc });
    await run(['-tln'], table.io);
    expect(
      table
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('tcp')),
    ).toHaveLength(1);
  });
});

describe('a DNS answer that never comes', () => {
  it('cannot stall the table: the address prints numerically after the timeout', async () => {
    const root = tempDir('netintro-dns-');
    mkdirSync(join(root, 'net'));
    writeFileSync(
      join(root, 'net/tcp'),
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
        '   0: 0100007F:0016 070071CB:D5F8 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 20 4 30 10 -1\n',
    );
    const c = capture({
      procRoot: root,
      etc: root,
      lookup: (a) => (a === '203.113.0.7' ? new Promise(() => {}) : Promise.resolve('localhost')),
    });
    const t0 = performance.now();
    expect(await run(['-t'], c.io)).toBe(0);
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(c.stdout().split('\n')[2]).toMatch(
      /^tcp +0 +0 localhost:22 +203\.113\.0\.7:54776 +ESTABLISHED$/,
    );
  });

  it('shares one 3 s DNS budget across all batches of a long table', async () => {
    const root = tempDir('netintro-dns-many-');
    mkdirSync(join(root, 'net'));
    let text =
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    for (let i = 0; i < 600; i++) {
      const hex = (i + 1).toString(16).toUpperCase().padStart(2, '0').slice(-2);
      const third = Math.floor(i / 255) + 1;
      text += `${String(i).padStart(4)}: 0100007F:0016 ${hex}${third.toString(16).toUpperCase().padStart(2, '0')}000A:D5F8 01 00000000:00000000 00:00000000 00000000     0        0 ${i + 10} 1 0000000000000000 20 4 30 10 -1\n`;
    }
    writeFileSync(join(root, 'net/tcp'), text);
    const c = capture({ procRoot: root, etc: root, lookup: () => new Promise(() => {}) });
    const t0 = performance.now();
    expect(await run(['-t'], c.io)).toBe(0);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(
      c
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('tcp')),
    ).toHaveLength(600);
  }, 15_000);

  it('looks 0.x.y.z addresses up in /etc/networks, as netstat does (getnetbyaddr)', async () => {
    const root = tempDir('netintro-net-');
    mkdirSync(join(root, 'net'));
    writeFileSync(
      join(root, 'net/tcp'),
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
        '   0: 03020100:0016 0100007F:D5F8 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 20 4 30 10 -1\n',
    );
    writeFileSync(join(root, 'networks'), 'odd-net 0.1.2.3\n');
    const asked: string[] = [];
    const c = capture({
      procRoot: root,
      etc: root,
      lookup: async (a) => {
        asked.push(a);
        return 'localhost';
      },
    });
    expect(await run(['-t'], c.io)).toBe(0);
    expect(c.stdout().split('\n')[2]).toMatch(
      /^tcp +0 +0 odd-net:22 +localhost:54776 +ESTABLISHED$/,
    );
    expect(asked).toEqual(['127.0.0.1']); // never the DNS for 0.x.y.z
  });
});
