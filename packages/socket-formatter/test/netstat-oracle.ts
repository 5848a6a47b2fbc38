/**
 * The real net-tools netstat as an oracle for command lines: runs each
 * argument vector in a private network + mount namespace (loopback up, one
 * route, `hosts: files` so nothing waits for DNS) and reports the exit
 * status and output. `-c` runs are stopped after 300 ms (status `null`).
 * One namespace, one Node process inside it running every vector in turn.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NETSTAT_USAGE,
  NETSTAT_USAGE_FAMILIES,
  type NetstatArgs,
  type NetstatArgsError,
  statisticsFamilyError,
} from '../src/index.js';

/**
 * Command-line pieces that exercise every branch of netstat's option
 * handling, for seeded argument vectors (this package's args test and the
 * fuzz package's oracle test) (not -p: its /proc scan is slow under load and parses nothing). */
export const ARGV_PIECES: readonly string[] = [
  ...'-a -l -t -u -U -w -x -n -e -o -W -v -c -4 -6 -r -i -s -g -M -h -V -Z -S -2 -f -C -F -N -d -? -Q -T -: -A'.split(
    ' ',
  ),
  ...[
    'inet',
    'inet6',
    'bogus',
    'ax25,ipx',
    'unix',
    'ddp',
    'econet',
    'ash',
    'ip6',
    'x25,rose,netrom',
  ],
  ...['toString', 'valueOf', '__proto__', 'bluetooth', 'inet,', '5', '--', '-tA', '-Ainet6,x25'],
  ...['--tcpip', '--ax25', '--in', '--i', '--unix', '--protocol', '--protocol=inet6', '-S6'],
  ...['--route', '--stat', '-rn', '-sx', '--num', '--rose', '--bluetooth', '--continuous=1'],
  ...['--appletalk', '--l2cap', '--sctp', '--help', '--ver', '--context', '-4A', ''],
];

export interface NetstatRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Whether the oracle can run here (root, netstat, unshare, ip). */
export const netstatOracleAvailable =
  process.getuid?.() === 0 && ['netstat', 'unshare', 'ip'].every(have);

const RUNNER = `
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const list = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = list.map(([argv, timeout]) => {
  const r = spawnSync('netstat', argv, { encoding: 'latin1', timeout, env: { PATH: process.env.PATH, LC_ALL: 'C' }, maxBuffer: 1 << 24 });
  return { status: r.status, stdout: r.stdout.slice(0, 4096), stderr: r.stderr.slice(0, 4096) };
});
fs.writeFileSync(process.argv[3], JSON.stringify(out));
`;

/**
 * Runs the real netstat once per argument vector; results in the same order.
 * `repeats(argv)` says which runs are expected to go on forever (`-c`):
 * those are stopped after 300 ms, the others after 10 s.
 */
export function runNetstat(
  argvs: readonly (readonly string[])[],
  repeats: (argv: readonly string[]) => boolean = () => false,
): NetstatRun[] {
  const dir = mkdtempSync(join(tmpdir(), 'netstat-oracle-'));
  try {
    const jobs = argvs.map((argv) => [argv, repeats(argv) ? 300 : 10_000]);
    writeFileSync(join(dir, 'in.json'), JSON.stringify(jobs));
    writeFileSync(join(dir, 'runner.cjs'), RUNNER);
    writeFileSync(join(dir, 'nsswitch.conf'), 'hosts: files\nnetworks: files\nservices: files\n');
    const script = [
      `mount --bind ${dir}/nsswitch.conf /etc/nsswitch.conf`,
      'ip link set lo up',
      'ip route add 10.0.0.0/8 dev lo',
      `exec "${process.execPath}" ${dir}/runner.cjs ${dir}/in.json ${dir}/out.json`,
    ].join(' && ');
    execFileSync('unshare', ['-m', '-n', 'sh', '-c', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000 + argvs.length * 500,
    });
    return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as NetstatRun[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where our parse of a command line disagrees with what the real netstat
 * did with it (exit status, the message, the warnings), or undefined.
 */
export function disagreement(
  ours: NetstatArgs | NetstatArgsError,
  real: NetstatRun,
): string | undefined {
  const warnings = ours.warnings.map((w) => `${w}\n`).join('');
  if (!real.stderr.startsWith(warnings)) {
    return `stderr ${JSON.stringify(real.stderr.slice(0, 200))}, our warnings ${JSON.stringify(warnings)}`;
  }
  const stderr = real.stderr.slice(warnings.length);
  const stderrLines = stderr.split('\n');
  if (!ours.ok) {
    if (real.status !== ours.exitCode) return `status ${real.status}, ours ${ours.exitCode}`;
    if (ours.usage) {
      if (!stderr.includes(NETSTAT_USAGE.split('\n')[0]!)) return 'netstat printed no usage';
      if (!stderr.startsWith('usage:') && stderrLines[0] !== ours.message) {
        return `message ${JSON.stringify(stderrLines[0])}, ours ${JSON.stringify(ours.message)}`;
      }
      return undefined;
    }
    // netstat -r prints some refusals on stdout.
    const said = (text: string): boolean =>
      text.split('\n').includes(ours.message) || text.includes(`${ours.message}\n`);
    if (!said(stderr) && !said(real.stdout)) {
      return `stderr ${JSON.stringify(stderr.slice(0, 300))}, ours ${JSON.stringify(ours.message)}`;
    }
    return undefined;
  }
  if (ours.continuous && ours.mode !== 'help' && ours.mode !== 'version') {
    // The repeats never end: the runner stopped netstat (status null).
    return real.status === null ? undefined : `status ${real.status}, ours: repeats`;
  }
  let expected = 0;
  if (ours.mode === 'statistics') {
    const refusal = statisticsFamilyError(ours.flags, ours.families);
    if (refusal !== undefined) {
      expected = 1;
      if (real.stdout.split('\n')[0] !== refusal) {
        return `stdout ${JSON.stringify(real.stdout.slice(0, 200))}, ours ${JSON.stringify(refusal)}`;
      }
    }
  }
  if (real.status !== expected) {
    return `status ${real.status} (${JSON.stringify(real.stderr.slice(0, 200))}), ours ${expected} (${ours.mode})`;
  }
  if (ours.mode === 'version' && !real.stdout.startsWith('net-tools 2.10')) return 'no version';
  const expectedStderr = ours.mode === 'help' ? NETSTAT_USAGE_FAMILIES : '';
  if (stderr !== expectedStderr) {
    return `stderr ${JSON.stringify(real.stderr.slice(0, 200))}, ours ${JSON.stringify(warnings)}`;
  }
  return undefined;
}

/** For runNetstat: whether our parse says the command repeats until stopped. */
export function repeatsByOurParse(
  parse: (argv: readonly string[]) => NetstatArgs | NetstatArgsError,
) {
  return (argv: readonly string[]): boolean => {
    const ours = parse(argv);
    return ours.ok && ours.continuous && ours.mode !== 'help' && ours.mode !== 'version';
  };
}
