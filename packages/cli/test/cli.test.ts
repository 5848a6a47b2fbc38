/**
 * The command in-process (`run` with captured output): argument errors,
 * help and version, -c, the permission notes path and --json.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type CliIo, run } from '../src/cli.js';
import { HELP_TEXT, versionText } from '../src/help.js';

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
  it('takes an interval after -c (an extension; netstat always waits 1 s)', async () => {
    const waits: number[] = [];
    const c = capture({
      wait: async (seconds) => {
        waits.push(seconds);
        return false;
      },
    });
    await run(['-tnc', '3'], c.io);
    expect(waits).toEqual([3]);
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
