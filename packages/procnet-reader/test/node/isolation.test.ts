/**
 * Process mapping without privileges (a child running as nobody) and reading
 * another network namespace through /proc/<pid> (a child in `unshare -n`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readSockets } from '../../src/node.js';
import { bundleNodeEntry, hasTool, removeBundle } from './helpers.js';

const isRoot = process.getuid?.() === 0;
const haveSetpriv = hasTool('setpriv');
const haveUnshare = hasTool('unshare') && hasTool('ip');
const haveNetstat = hasTool('netstat');

let bundle: string;
beforeAll(async () => {
  bundle = await bundleNodeEntry();
});
afterAll(() => removeBundle());

/** Runs a child and resolves with its first stdout line; the caller stops it by PID. */
function startChild(
  command: string,
  args: string[],
): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      stop(child);
      reject(new Error(`child timed out; stderr: ${err}`));
    }, 15_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const newline = out.indexOf('\n');
      if (newline !== -1) {
        clearTimeout(timer);
        resolve({ child, line: out.slice(0, newline) });
      }
    });
    child.stderr!.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before answering; stderr: ${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      return resolve();
    }
    child.once('exit', () => resolve());
    process.kill(child.pid, 'SIGTERM');
  });
}

describe.skipIf(!isRoot || !haveSetpriv)('as an unprivileged user (nobody)', () => {
  test('readSockets({ processes: true }) reports denied processes instead of throwing', async () => {
    // The child listens, reads its own table as nobody and prints what it saw.
    const script = `
      import net from 'node:net';
      import { readSockets } from ${JSON.stringify(bundle)};
      const server = net.createServer().listen(0, '127.0.0.1', async () => {
        const port = server.address().port;
        try {
          const s = await readSockets({ kinds: 'tcp4', processes: true });
          const mine = s.inet.find((r) => r.local.port === port && r.state === 'LISTEN');
          const holders = mine ? s.owners.holders(mine.inode) : [];
          console.log(JSON.stringify({ ok: true, uid: process.getuid(), pid: process.pid,
            unidentified: s.unidentified, holders }));
        } catch (error) {
          console.log(JSON.stringify({ ok: false, error: String(error) }));
        }
        server.close();
      });
    `;
    const { child, line } = await startChild('setpriv', [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '--input-type=module',
      '-e',
      script,
    ]);
    await stop(child);
    const report = JSON.parse(line);
    expect(report.ok, report.error).toBe(true);
    expect(report.uid).toBe(65534);
    expect(report.unidentified.denied).toBeGreaterThan(0);
    expect(report.unidentified.deniedPids).toContain(1);
    expect(report.unidentified.deniedPids).not.toContain(report.pid);
    // Its own process stays readable: its listener is mapped to itself.
    expect(report.holders).toEqual([
      expect.objectContaining({ pid: report.pid, command: expect.any(String) }),
    ]);
    if (haveNetstat) {
      // netstat, run as nobody too, agrees that not every process could be identified.
      const netstat = spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', 'netstat', '-tanp'],
        { encoding: 'utf8' },
      );
      expect(netstat.stderr).toMatch(/Not all processes could be identified|No info could be read/);
    }
  });
});

describe.skipIf(!isRoot || !haveUnshare)('another network namespace via root: /proc/<pid>', () => {
  test('a listener inside `unshare -n` shows under /proc/<pid> and not in /proc', async () => {
    const script = `
      const net = require('node:net');
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        console.log(JSON.stringify({ pid: process.pid, port: server.address().port }));
      });
      process.stdin.on('end', () => process.exit(0));
      process.stdin.resume();
    `;
    // sh brings lo up, then execs node: the child's PID stays the PID of node.
    const { child, line } = await startChild('unshare', [
      '-n',
      'sh',
      '-c',
      `ip link set lo up && exec ${JSON.stringify(process.execPath)} -e "$0"`,
      script,
    ]);
    try {
      const { pid, port } = JSON.parse(line) as { pid: number; port: number };
      expect(pid).toBe(child.pid);
      const inside = await readSockets({ kinds: 'tcp4', root: `/proc/${pid}`, processes: true });
      const listener = inside.inet.find((s) => s.local.port === port && s.state === 'LISTEN');
      expect(listener).toBeDefined();
      expect(inside.owners.holders(listener!.inode).map((p) => p.pid)).toEqual([pid]);
      expect(listener!.owner?.pid).toBe(pid);
      const host = await readSockets({ kinds: 'tcp4' });
      expect(host.inet.some((s) => s.inode === listener!.inode)).toBe(false);
      // The namespace holds only that listener.
      expect(inside.inet.map((s) => s.state)).toEqual(['LISTEN']);
    } finally {
      await stop(child);
    }
  });
});

describe('the bundled node entry', () => {
  test('works under --input-type=module and does not keep the process alive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-exit-'));
    try {
      mkdirSync(join(dir, 'net'));
      const row =
        '   0: 0100007F:1F90 0100007F:D6B4 01 00000000:00000000 00:00000000 00000000     0        0 5678 1 0000000000000000 20 4 30 10 -1';
      // ~1.3 MB: many chunks.
      writeFileSync(join(dir, 'net/tcp'), `${'  sl  local_address\n'}${`${row}\n`.repeat(10_000)}`);
      const script = `import(${JSON.stringify(bundle)}).then(async (m) => {
        const s = await m.readSockets({ root: ${JSON.stringify(dir)}, kinds: 'tcp4' });
        let n = 0;
        for await (const r of m.streamSockets('tcp', { root: ${JSON.stringify(dir)} })) n++;
        const scan = m.scanSocketOwnersSync({ pid: process.pid });
        console.log(s.inet.length, n, scan.scanned > 0);
      });`;
      const started = Date.now();
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe('10000 10000 true');
      expect(result.status).toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
