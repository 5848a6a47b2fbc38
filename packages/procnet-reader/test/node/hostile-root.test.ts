/**
 * Issue 10, defect 9: a hostile `root` (a fixture tree, another mount) with
 * FIFOs and devices where /proc files should be, endless files, and broken
 * fd links. Every read is refused or bounded, with a ProcNetReadError that
 * names the file; nothing hangs (each case runs in a child with a deadline).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSocketLink } from '../../src/node/fd-scan.js';
import { MAX_TABLE_BYTES, readSocketsSync, readSystemText } from '../../src/node.js';

const linux = process.platform === 'linux' && spawnSync('mkfifo', ['--version']).status === 0;
let root = '';

const TCP_HEAD =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const TCP_ROW =
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0\n';

/** A fake /proc: net/ tables and one process, pid 100, holding socket 4242. */
function makeRoot(tcp: (path: string) => void, pidFiles: (dir: string) => void = () => {}) {
  const dir = mkdtempSync(join(root, 'proc-'));
  mkdirSync(join(dir, 'net'));
  for (const t of ['tcp6', 'udp', 'udp6', 'raw', 'raw6', 'unix'])
    writeFileSync(join(dir, 'net', t), '');
  tcp(join(dir, 'net', 'tcp'));
  mkdirSync(join(dir, '100', 'fd'), { recursive: true });
  symlinkSync('socket:[4242]', join(dir, '100', 'fd', '3'));
  writeFileSync(join(dir, '100', 'cmdline'), 'server\0--port\0');
  writeFileSync(join(dir, '100', 'comm'), 'server\n');
  pidFiles(join(dir, '100'));
  return dir;
}

/** readSocketsSync in a child process with a 20 s deadline: the outcome, or 'hang'. */
function readInChild(dir: string, program = false): string {
  const script = `
    const { readSocketsSync } = require(${JSON.stringify(join(import.meta.dirname, '../../dist/node.cjs'))});
    try {
      const s = readSocketsSync({ root: ${JSON.stringify(dir)}, procRoot: ${JSON.stringify(dir)}, kinds: ["tcp"], processes: ${program} });
      console.log(JSON.stringify({ ok: s.inet.map((x) => [x.inode, x.owner?.command ?? null]) }));
    } catch (e) {
      console.log(JSON.stringify({ error: e.name, code: e.code, message: e.message }));
    }`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  return r.status === null ? 'hang' : r.stdout.trim();
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'procnet-hostile-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!linux)('a hostile root', () => {
  it('refuses a FIFO as a table, at once (it used to wait for a writer forever)', () => {
    const dir = makeRoot((p) => spawnSync('mkfifo', [p]));
    expect(() => readSocketsSync({ root: dir, kinds: ['tcp'] })).toThrow(
      expect.objectContaining({ name: 'ProcNetReadError', code: 'ENOTREG' }),
    );
    expect(() => readSocketsSync({ root: dir, kinds: ['tcp'] })).toThrow(
      /net\/tcp: a FIFO, not a regular file/,
    );
  });

  it('refuses devices: /dev/zero (was a RangeError at 638 MB) and /dev/urandom (grew without limit)', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const dir = makeRoot((p) => symlinkSync(device, p));
      expect(() => readSocketsSync({ root: dir, kinds: ['tcp'], onInvalidLine: 'skip' })).toThrow(
        expect.objectContaining({ name: 'ProcNetReadError', code: 'ENOTREG' }),
      );
    }
  });

  it('bounds what it reads from a regular file (MAX_TABLE_BYTES)', () => {
    expect(MAX_TABLE_BYTES).toBe(256 * 1024 * 1024);
    const path = join(root, 'services-big');
    writeFileSync(path, Buffer.alloc(17 * 1024 * 1024, 0x61));
    expect(() => readSystemText(path)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    writeFileSync(path, 'http 80/tcp\n');
    expect(readSystemText(path)).toBe('http 80/tcp\n');
  });

  it('never hangs on a FIFO or a device under /proc/<pid> (cmdline, comm)', () => {
    const fifo = makeRoot(
      (p) => writeFileSync(p, TCP_HEAD + TCP_ROW),
      (pid) => {
        rmSync(join(pid, 'cmdline'));
        spawnSync('mkfifo', [join(pid, 'cmdline')]);
        rmSync(join(pid, 'comm'));
        symlinkSync('/dev/zero', join(pid, 'comm'));
      },
    );
    const outcome = readInChild(fifo, true);
    expect(outcome).not.toBe('hang');
    // The holder is found; its name could not be read (neither file is a regular file).
    expect(JSON.parse(outcome)).toEqual({ ok: [['4242', '']] });
    const plain = makeRoot((p) => writeFileSync(p, TCP_HEAD + TCP_ROW));
    expect(JSON.parse(readInChild(plain, true))).toEqual({ ok: [['4242', 'server']] });
  });

  it('reads only complete socket:[<inode>] fd links as sockets', () => {
    expect(isSocketLink('socket:[4242]')).toBe(true);
    for (const link of ['socket:[777', 'socket:[]', 'socket:[1]x', 'socket:[1]]', 'pipe:[5]']) {
      expect(isSocketLink(link), link).toBe(false);
    }
  });
});
