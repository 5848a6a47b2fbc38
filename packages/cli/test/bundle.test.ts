/**
 * The built bundle (dist/netintro.cjs) as users run it: a real process,
 * real signals, real uids.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/netintro.cjs');
const worker = join(dirname(cli), 'scan-worker.js');
const built = existsSync(cli);
const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const isRoot = process.getuid?.() === 0;

describe.skipIf(!built && !process.env.CI)('dist/netintro.cjs', () => {
  it('is one file with a shebang (and the scan worker) that import nothing but node: built-ins', () => {
    const text = readFileSync(cli, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const file of [text, readFileSync(worker, 'utf8')]) {
      const specifiers = [
        ...file.matchAll(
          /\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
        ),
      ].map((m) => m[1] ?? m[2] ?? m[3]);
      expect(specifiers.filter((s) => !s?.startsWith('node:'))).toEqual([]);
      expect(file).not.toMatch(/child_process/);
    }
  });

  it('-p shares a big scan with the worker beside the bundle, and prints what the one-thread scan prints', () => {
    // The threshold is lowered to 0 so any scan takes the worker path.
    const run = (minFds: string) =>
      spawnSync(process.execPath, [cli, '-tlnp'], {
        encoding: 'utf8',
        env: { ...process.env, NETINTRO_SCAN_THREAD_MIN_FDS: minFds, NODE_DEBUG: 'worker' },
      });
    const threaded = run('0');
    const alone = run('1000000000');
    expect(threaded.status).toBe(0);
    expect(threaded.stderr).toContain(`instantiating Worker. url: file://${worker}`);
    expect(alone.stderr).not.toContain('instantiating Worker');
    // Listening sockets are stable between the two runs (connections may come and go).
    expect(threaded.stdout).toBe(alone.stdout);
  });

  it('-c reprints the table every second until SIGINT', async () => {
    // In an empty network namespace when possible: the machine's own tables may be huge.
    const argv = [process.execPath, cli, '-c', '-tn'];
    const isolated = isRoot && have('unshare');
    const [cmd, ...rest] = isolated ? ['unshare', '-n', ...argv] : argv;
    const child = spawn(cmd as string, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const seen: number[] = [];
    const third = new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        out += d;
        const count = out.match(/^Active Internet connections \(w\/o servers\)$/gm)?.length ?? 0;
        while (seen.length < count) seen.push(performance.now());
        if (count >= 3) resolve();
      });
    });
    const bound = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms));
    const got = await Promise.race([third.then(() => 'ok' as const), bound(12_000)]);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_c, sig) => resolve(sig)),
    );
    child.kill('SIGINT');
    const how = await Promise.race([exited, bound(5000)]);
    if (how === 'timeout') child.kill('SIGKILL');
    expect(got).toBe('ok');
    expect(how).toBe('SIGINT');
    // About a second apart (netstat sleeps one second between rounds).
    const gap = (seen[2] as number) - (seen[1] as number);
    expect(gap).toBeGreaterThan(900);
  }, 25_000);

  const canSwitchUser = isRoot && have('setpriv') && have('netstat');
  it.skipIf(!canSwitchUser && !process.env.CI)(
    'writes the same -p permission notes as netstat when run as nobody or a uid without processes',
    () => {
      // A world-readable copy: the checkout may not be readable by these users.
      const dir = mkdtempSync(join(tmpdir(), 'netintro-bundle-'));
      chmodSync(dir, 0o755);
      const copy = join(dir, 'netintro.cjs');
      copyFileSync(cli, copy);
      try {
        for (const uid of ['65534', '12345']) {
          for (const flags of ['-tlp', '-axp', '-anp']) {
            const as = ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'];
            const theirs = spawnSync(as[0] as string, [...as.slice(1), 'netstat', flags], {
              encoding: 'utf8',
            });
            const ours = spawnSync(
              as[0] as string,
              [...as.slice(1), process.execPath, copy, flags],
              {
                encoding: 'utf8',
              },
            );
            expect(ours.status).toBe(theirs.status);
            expect(ours.stderr).toBe(theirs.stderr);
            expect(ours.stderr).toMatch(
              /^\((No info could be read|Not all processes could be identified)/,
            );
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('ends quietly when its reader goes away (netintro -a | head -1)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" -c -a | head -1`], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(r.stdout).toMatch(/^Active Internet connections/);
    expect(r.stderr).toBe('');
  });

  it('--version and an unknown flag', () => {
    const v = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    const version = JSON.parse(readFileSync(join(dirname(cli), '../package.json'), 'utf8')).version;
    expect(v.stdout.split('\n')[0]).toBe(`netintro ${version}`);
    const bad = spawnSync(process.execPath, [cli, '--bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toBe("netintro: unrecognized option '--bogus' (try 'netintro --help')\n");
  });
});
