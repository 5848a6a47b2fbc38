/**
 * The third deliberate difference, which no live socket can show: a TCP
 * state code netstat cannot name. netstat 2.10 indexes its state table
 * without a bounds check and prints a neighbouring string (`LISTENING` for
 * 0x0C, `CONN SENT` for 0x0D); netintro prints `UNKNOWN`. Checked on a
 * fixture table, rendered by the real netstat through tools/procnet-redirect.c
 * when a C compiler is there to build it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../src/cli.js';

const redirectSource = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../tools/procnet-redirect.c',
);
const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

const root = mkdtempSync(join(tmpdir(), 'netintro-unknown-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'net'));
const tcp =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
  '   0: 0100007F:0016 0200007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 20 4 30 10 -1\n' +
  '   1: 0100007F:0016 0200007F:D432 0C 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 20 4 30 10 -1\n' +
  '   2: 0100007F:0016 0200007F:D433 0D 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 20 4 30 10 -1\n';
writeFileSync(join(root, 'net/tcp'), tcp);

async function ours(): Promise<string[]> {
  const out: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: () => {}, procRoot: root };
  expect(await run(['-tn'], io)).toBe(0);
  return out.join('').split('\n');
}

describe('TCP states netstat cannot name', () => {
  it('print UNKNOWN', async () => {
    const lines = await ours();
    expect(lines[2]).toMatch(/ ESTABLISHED$/);
    expect(lines[3]).toMatch(/ UNKNOWN {4}$/);
    expect(lines[4]).toMatch(/ UNKNOWN {4}$/);
  });

  const canRender = have('netstat') && have('gcc') && existsSync(redirectSource);
  it.skipIf(!canRender)('differ from netstat only in the state word', async () => {
    const lib = join(root, 'procnet-redirect.so');
    const cc = spawnSync('gcc', ['-shared', '-fPIC', '-O2', '-o', lib, redirectSource, '-ldl']);
    expect(cc.status).toBe(0);
    const real = spawnSync('netstat', ['-tn'], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', PROCNET_DIR: join(root, 'net'), LD_PRELOAD: lib },
    });
    const theirs = real.stdout.split('\n');
    const mine = await ours();
    expect(theirs[3]).toMatch(/ LISTENING {2}$/);
    expect(theirs[4]).toMatch(/ CONN SENT {2}$/);
    expect(mine[2]).toBe(theirs[2]);
    expect(mine[3]).toBe(theirs[3]?.replace('LISTENING  ', 'UNKNOWN    '));
    expect(mine[4]).toBe(theirs[4]?.replace('CONN SENT  ', 'UNKNOWN    '));
    expect(mine.slice(0, 2)).toEqual(theirs.slice(0, 2));
  });
});
