/**
 * The options beyond netstat: --watch, --metrics, --netns (issue 14), run
 * in-process on fixture trees and the live system, and as the built bundle
 * for signals and a closed pipe.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../src/cli.js';
import { splitExtensions } from '../src/extensions.js';
import { resolveNetns } from '../src/netns.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
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
const isRoot = process.getuid?.() === 0;
const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/netintro.cjs');

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const LISTEN22 =
  '   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0\n';
const CONN =
  '   1: 0100007F:0016 0100007F:D5F8 01 00000000:00000000 00:00000000 00000000  1000        0 1002 1 0000000000000000 20 4 30 10 -1\n';
const CONN_SENDQ =
  '   1: 0100007F:0016 0100007F:D5F8 01 00000200:00000000 00:00000000 00000000  1000        0 1002 1 0000000000000000 20 4 30 10 -1\n';
const CONN2 =
  '   2: 0100007F:0016 0100007F:D5F9 01 00000000:00000000 00:00000000 00000000  1000        0 1003 1 0000000000000000 20 4 30 10 -1\n';

function fixture() {
  const root = tempDir('netintro-beyond-');
  mkdirSync(join(root, 'net'));
  const write = (table: string, text: string) => {
    writeFileSync(join(root, 'net', `.${table}`), text);
    renameSync(join(root, 'net', `.${table}`), join(root, 'net', table));
  };
  write('tcp', TCP_HEADER + LISTEN22 + CONN);
  for (const t of ['udp', 'raw']) write(t, TCP_HEADER);
  write('unix', 'Num       RefCount Protocol Flags    Type St Inode Path\n');
  const etc = tempDir('netintro-beyond-etc-');
  writeFileSync(join(etc, 'services'), 'ssh\t22/tcp\n');
  writeFileSync(join(etc, 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
  return { root, etc, write };
}

/** Waits until `check()` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('splitExtensions', () => {
  it('takes the extension options out and leaves netstat its own', () => {
    expect(splitExtensions(['--watch', '2', '-tn'])).toEqual({
      ok: true,
      watch: 2,
      metrics: false,
      compact: false,
      internals: false,
      rest: ['-tn'],
    });
    expect(splitExtensions(['--json', '--compact', '--json-internals', '-r'])).toMatchObject({
      compact: true,
      internals: true,
      rest: ['--json', '-r'],
    });
    expect(splitExtensions(['--compact=yes'])).toMatchObject({ ok: false });
    expect(splitExtensions(['--watch', '-tn'])).toMatchObject({ watch: 1, rest: ['-tn'] });
    expect(splitExtensions(['--metrics', '--max-series=5', '-p'])).toMatchObject({
      metrics: true,
      maxSeries: 5,
      rest: ['-p'],
    });
    expect(splitExtensions(['--netns=/run/netns/x', '--', '--watch'])).toMatchObject({
      netns: '/run/netns/x',
      rest: ['--', '--watch'],
    });
    expect(splitExtensions(['--watch=0'])).toMatchObject({ ok: false });
    expect(splitExtensions(['--max-series', '3'])).toMatchObject({ ok: false });
    expect(splitExtensions(['--netns'])).toMatchObject({ ok: false });
  });
});

describe('netintro --watch', { timeout: 90_000 }, () => {
  it('prints +, ~ and - lines in netstat row format as the table changes', async () => {
    const { root, etc, write } = fixture();
    const controller = new AbortController();
    const c = capture({ procRoot: root, etc, signal: controller.signal });
    const done = run(['--watch', '0.05', '-tn'], c.io);
    try {
      // The header is written in the same synchronous run as the baseline poll.
      await until(() => c.stdout().includes('Proto'), 30_000);
      write('tcp', TCP_HEADER + LISTEN22 + CONN_SENDQ + CONN2);
      await until(() => c.stdout().includes('+ '), 30_000);
      write('tcp', TCP_HEADER + LISTEN22 + CONN_SENDQ);
      await until(() => c.stdout().includes('- '), 30_000);
    } finally {
      controller.abort();
    }
    expect(await done).toBe(0);
    expect(c.stdout()).toBe(
      '  Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        '+ tcp        0      0 127.0.0.1:22            127.0.0.1:54777         ESTABLISHED\n' +
        '~ tcp        0    512 127.0.0.1:22            127.0.0.1:54776         ESTABLISHED\n' +
        '- tcp        0      0 127.0.0.1:22            127.0.0.1:54777         ESTABLISHED\n',
    );
  });

  it('prints one JSON object per event with --json', async () => {
    const { root, etc, write } = fixture();
    const controller = new AbortController();
    const c = capture({ procRoot: root, etc, signal: controller.signal });
    const done = run(['--watch', '0.05', '--json', '-a'], c.io);
    try {
      // No header to wait for in JSON: give the baseline poll ample time.
      await new Promise((r) => setTimeout(r, 3000));
      write('tcp', TCP_HEADER + CONN2);
      await until(() => c.stdout().split('\n').length > 3, 30_000);
    } finally {
      controller.abort();
    }
    expect(await done).toBe(0);
    const events = c
      .stdout()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.event} ${e.socket.inode}`).sort()).toEqual([
      'closed 1001',
      'closed 1002',
      'opened 1003',
    ]);
    expect(
      events.find((e) => e.event === 'closed' && e.socket.inode === '1001').socket,
    ).toMatchObject({
      kind: 'inet',
      state: 'LISTEN',
      local: { port: 22, service: 'ssh' },
    });
  });
});

describe('netintro --metrics', () => {
  it('prints the exposition with service names and the cap, ending in # EOF', async () => {
    const { root, etc, write } = fixture();
    write('tcp', TCP_HEADER + LISTEN22 + CONN + CONN2);
    writeFileSync(join(root, 'net/snmp'), 'Tcp: ActiveOpens CurrEstab\nTcp: 7 2\n');
    writeFileSync(join(root, 'net/netstat'), 'TcpExt: SyncookiesSent\nTcpExt: 3\n');
    const c = capture({ procRoot: root, etc });
    expect(await run(['--metrics', '--max-series', '0', '-t'], c.io)).toBe(0);
    const out = c.stdout();
    expect(out).toContain('netintro_sockets{protocol="tcp",state="ESTABLISHED"} 2\n');
    expect(out).toContain('netintro_listening_sockets{protocol="tcp",port="22",service="ssh"} 1\n');
    expect(out).toContain(
      'netintro_connections{protocol="tcp",local_port="other",state="ESTABLISHED"} 2\n',
    );
    expect(out).toContain('netintro_snmp_Tcp_ActiveOpens_total 7\n');
    expect(out).toContain('netintro_snmp_Tcp_CurrEstab 2\n');
    expect(out).toContain('netintro_netstat_TcpExt_SyncookiesSent_total 3\n');
    expect(out.endsWith('# EOF\n')).toBe(true);
    expect(out).not.toContain('netintro_program_sockets');
  });

  it('refuses to go with -r, -i or -s, and --max-series without --metrics', async () => {
    const c = capture();
    expect(await run(['--metrics', '-r'], c.io)).toBe(3);
    expect(c.stderr()).toMatch(/--metrics goes with the socket tables/);
    const d = capture();
    expect(await run(['--max-series', '4'], d.io)).toBe(3);
  });
});

describe('netintro --netns', () => {
  it('resolves a pid and refuses unknown pids and names', () => {
    expect(resolveNetns(String(process.pid))).toEqual({
      ok: true,
      root: `/proc/${process.pid}`,
      pid: process.pid,
    });
    expect(resolveNetns('999999999')).toMatchObject({ ok: false });
    const missing = resolveNetns('netintro-no-such-ns', '/proc', tempDir('netintro-netns-'));
    expect(missing).toMatchObject({ ok: false, message: expect.stringMatching(/cannot open/) });
  });

  const canUnshare = isRoot && have('unshare') && have('ip');
  it.skipIf(!canUnshare)(
    'shows the sockets of a process in another namespace (unshare -n), owners included',
    async () => {
      // A process in a fresh namespace listening on 127.0.0.1:4711 (invisible here).
      const child = spawn(
        'unshare',
        [
          '-n',
          'sh',
          '-c',
          `ip link set lo up && exec ${process.execPath} -e "require('net').createServer().listen(4711,'127.0.0.1',()=>console.log('ready'))"`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout?.on('data', (d) => String(d).includes('ready') && resolve());
          child.once('exit', (code) => reject(new Error(`namespace child exited ${code}`)));
        });
        const pid = child.pid as number;
        const here = capture();
        expect(await run(['-ltn'], here.io)).toBe(0);
        expect(here.stdout()).not.toMatch(/127\.0\.0\.1:4711 /);
        const there = capture();
        expect(await run(['--netns', String(pid), '-ltnp'], there.io)).toBe(0);
        expect(there.stdout()).toMatch(
          new RegExp(
            `^tcp +0 +0 127\\.0\\.0\\.1:4711 +0\\.0\\.0\\.0:\\* +LISTEN +${pid}/node`,
            'm',
          ),
        );
      } finally {
        stop(child);
      }
    },
    120_000, // -p scans every process of the machine
  );

  const canIpNetns = isRoot && have('ip') && existsSync('/run') && have('sleep');
  it.skipIf(!canIpNetns)(
    'finds a process in a named namespace (ip netns), and says so when none lives there',
    async () => {
      const name = `netintro-test-${process.pid}`;
      const add = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
      if (add.status !== 0) throw new Error(`ip netns add: ${add.stderr}`);
      let sleeper: ChildProcess | undefined;
      try {
        const empty = capture();
        expect(await run(['--netns', name, '-lnt'], empty.io)).toBe(1);
        expect(empty.stderr()).toMatch(/no process lives in the network namespace/);
        sleeper = spawn('ip', ['netns', 'exec', name, 'sleep', '30'], { stdio: 'ignore' });
        await until(() => resolveNetns(name).ok, 10_000);
        const c = capture();
        expect(await run(['--netns', `/run/netns/${name}`, '-ant'], c.io)).toBe(0);
        // A fresh namespace: only the headers.
        expect(c.stdout()).toBe(
          'Active Internet connections (servers and established)\n' +
            'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n',
        );
      } finally {
        if (sleeper) stop(sleeper);
        spawnSync('ip', ['netns', 'delete', name]);
      }
    },
    30_000,
  );
});

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {}
  }
}

/** In an empty network namespace when possible: the machine's own tables may be huge and busy. */
const isolated = isRoot && have('unshare') && have('ip');
const inNamespace = (argv: string[]): [string, string[]] =>
  isolated ? ['unshare', ['-n', ...argv]] : [argv[0] as string, argv.slice(1)];

describe.skipIf(!existsSync(cli))('the built netintro --watch', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`exits with status 0 and nothing on stderr on ${signal}`, async () => {
      const [cmd, argv] = inNamespace([process.execPath, cli, '--watch', '0.2', '-tn']);
      const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      await until(() => out.includes('Proto'));
      const exited = new Promise<[number | null, string | null]>((r) =>
        child.once('exit', (code, sig) => r([code, sig])),
      );
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code, sig] = await exited;
      clearTimeout(timer);
      expect([code, sig]).toEqual([0, null]);
      expect(err).toBe('');
    }, 30_000);
  }

  it.skipIf(!isolated)(
    'prints a + line with the owner (-p) and a - line for a loopback connection',
    () => {
      // One shell in a fresh namespace: the watcher, then a connection held for a second.
      const script = `
        ip link set lo up
        "$0" "$1" --watch 0.1 -tnp > "$2" 2>&1 & w=$!
        sleep 1
        "$0" -e "
          const net = require('net');
          const s = net.createServer().listen(4712, '127.0.0.1', () => {
            const c = net.connect(4712, '127.0.0.1', () => {
              console.log(process.pid, c.localPort);
              setTimeout(() => { c.destroy(); s.close(); }, 1000);
            });
          });" > "$2.client"
        sleep 1
        kill -INT $w
        wait $w
        echo "status $?" >> "$2.client"
      `;
      const dir = tempDir('netintro-watch-live-');
      const out = join(dir, 'out');
      const r = spawnSync('unshare', ['-n', 'sh', '-c', script, process.execPath, cli, out], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(0);
      const [pid, localPort] = readFileSync(`${out}.client`, 'utf8').split(/\s+/);
      expect(readFileSync(`${out}.client`, 'utf8')).toMatch(/status 0/);
      const text = readFileSync(out, 'utf8');
      console.log(text, readFileSync(`${out}.client`, 'utf8'));
      expect(text).toMatch(
        new RegExp(
          `^\\+ tcp +0 +0 127\\.0\\.0\\.1:${localPort} +127\\.0\\.0\\.1:4712 +ESTABLISHED +${pid}/node`,
          'm',
        ),
      );
      expect(text).toMatch(
        new RegExp(`^- tcp +0 +0 127\\.0\\.0\\.1:${localPort} +127\\.0\\.0\\.1:4712 `, 'm'),
      );
    },
    40_000,
  );

  it('ends quietly when its reader closes the pipe (-c --json | head -1)', () => {
    const [cmd, argv] = inNamespace([process.execPath, cli, '-c', '--json', '-tn']);
    const line = [cmd, ...argv].map((a) => `"${a}"`).join(' ');
    const r = spawnSync('sh', ['-c', `${line} | head -1`], {
      encoding: 'utf8',
      timeout: 15_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).version).toBe(1);
  });
});
