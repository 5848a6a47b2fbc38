import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NETSTAT_USAGE, parseNetstatArgs, resolveFlags } from '../src/index.js';
import {
  disagreement,
  netstatOracleAvailable,
  ARGV_PIECES as PIECES,
  repeatsByOurParse,
  runNetstat,
} from './netstat-oracle.js';

const netstatAvailable = spawnSync('netstat', ['--version']).status === 0;

/** Seeded argument vectors of 1 to 5 pieces (a 32-bit LCG: same cases every run). */
function seededArgv(count: number, seed: number): string[][] {
  let x = seed >>> 0;
  const next = (n: number): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(5) }, () => PIECES[next(PIECES.length)]!),
  );
}

describe('parseNetstatArgs', () => {
  it('reads combined short flags', () => {
    const a = parseNetstatArgs(['-antp']);
    expect(a).toMatchObject({
      ok: true,
      mode: 'sockets',
      flags: { all: true, numeric: true, tcp: true, program: true },
    });
  });

  it('reads long options and unambiguous prefixes', () => {
    const a = parseNetstatArgs(['--listen', '--numeric-h', '--ine', '--udp']);
    expect(a).toMatchObject({
      ok: true,
      flags: { listening: true, numericHosts: true, inet4: true, udp: true },
    });
  });

  it('counts -e and picks the report mode', () => {
    const a = parseNetstatArgs(['-ree', '--extend']);
    expect(a).toMatchObject({ ok: true, mode: 'route', flags: { extend: 3 } });
    expect(parseNetstatArgs(['-s'])).toMatchObject({ mode: 'statistics' });
    expect(parseNetstatArgs(['-i'])).toMatchObject({ mode: 'interfaces' });
  });

  it('takes -A lists, attached or separate, and --protocol=', () => {
    expect(parseNetstatArgs(['-A', 'inet,unix'])).toMatchObject({
      flags: { inet4: true, unix: true },
    });
    expect(parseNetstatArgs(['-Ainet6'])).toMatchObject({ flags: { inet6: true } });
    expect(parseNetstatArgs(['--protocol=inet6'])).toMatchObject({ flags: { inet6: true } });
    expect(parseNetstatArgs(['-tA', 'inet'])).toMatchObject({ flags: { tcp: true, inet4: true } });
  });

  it('supports -c (no argument, like netstat) and --json', () => {
    expect(parseNetstatArgs(['-c', '-t'])).toMatchObject({ continuous: true, interval: 1 });
    // netstat -c takes no argument: the number is a positional argument, ignored.
    expect(parseNetstatArgs(['-tc', '5'])).toMatchObject({ interval: 1, rest: ['5'] });
    expect(parseNetstatArgs(['-c', '2147484', '-tn'])).toMatchObject({
      continuous: true,
      interval: 1,
      rest: ['2147484'],
    });
    expect(parseNetstatArgs(['--continuous', '0.5'])).toMatchObject({ interval: 1 });
    expect(parseNetstatArgs(['-s', '-c'])).toMatchObject({ mode: 'statistics', continuous: false });
    expect(parseNetstatArgs(['-at', '--json'])).toMatchObject({ json: true });
  });

  it('acts on -h and -V at once, before later errors', () => {
    expect(parseNetstatArgs(['-h', '-Q'])).toMatchObject({ ok: true, mode: 'help' });
    expect(parseNetstatArgs(['--version'])).toMatchObject({ ok: true, mode: 'version' });
  });

  it('ignores positional arguments and stops at --', () => {
    expect(parseNetstatArgs(['-t', 'abc', '--', '-Q'])).toMatchObject({
      ok: true,
      rest: ['abc', '-Q'],
    });
  });

  it('reports errors as values with netstat exit codes', () => {
    expect(parseNetstatArgs(['-Q'])).toEqual({
      ok: false,
      exitCode: 3,
      message: "netstat: invalid option -- 'Q'",
      usage: true,
      warnings: [],
    });
    expect(parseNetstatArgs(['-A', 'foo'])).toEqual({
      ok: false,
      exitCode: 1,
      message: "Unknown address family `foo'.",
      usage: false,
      warnings: [],
    });
  });

  // Defect 1 (issue 10): names were looked up on a plain object.
  it('never finds a family, or throws, through Object.prototype', () => {
    for (const name of [
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      '__proto__',
      'toString',
      'constructor',
      'isPrototypeOf',
    ]) {
      for (const argv of [
        ['-A', name],
        [`-A${name}`],
        [`--protocol=${name}`],
        ['-A', `inet,${name}`],
      ]) {
        expect(parseNetstatArgs(argv), argv.join(' ')).toEqual({
          ok: false,
          exitCode: 1,
          message: `Unknown address family \`${name}'.`,
          usage: false,
          warnings: [],
        });
      }
      expect(parseNetstatArgs([`--${name}`]), name).toMatchObject({ ok: false, exitCode: 3 });
    }
  });

  // Defect 7 (issue 10): netstat stops at the first option that ends it, in
  // command-line order, and decides family and feature errors after its loop.
  it('puts errors in the order netstat meets them', () => {
    expect(parseNetstatArgs(['-A', 'bogus', '-Q'])).toMatchObject({ ok: false, exitCode: 1 });
    expect(parseNetstatArgs(['-Q', '-A', 'bogus'])).toMatchObject({ ok: false, exitCode: 3 });
    expect(parseNetstatArgs(['-A', 'bogus', '-V'])).toMatchObject({ ok: false, exitCode: 1 });
    expect(parseNetstatArgs(['-V', '-A', 'bogus'])).toMatchObject({ ok: true, mode: 'version' });
    expect(parseNetstatArgs(['-s', '-2'])).toMatchObject({ ok: true, mode: 'statistics' });
    expect(parseNetstatArgs(['-r', '-f'])).toMatchObject({ ok: true, mode: 'route' });
    expect(parseNetstatArgs(['-r', '-i', '-2'])).toMatchObject({ ok: false, exitCode: 3 });
    expect(parseNetstatArgs(['-A', 'ax25', '-S'])).toMatchObject({
      message: "netstat: no support for `AF INET (sctp)' on this system.",
    });
    expect(parseNetstatArgs(['--tcpip'])).toMatchObject({
      ok: true,
      warnings: ["netstat.c: Internal Error `longopts 1 range'."],
    });
  });

  it.skipIf(!netstatOracleAvailable && !process.env.CI)(
    'agrees with the real netstat on 400 seeded command lines (status, message, warnings)',
    () => {
      const cases = [
        ['-A', 'bogus', '-Q'],
        ['-A', 'bogus', '-V'],
        ['-s', '-2'],
        ['-r', '-f'],
        ['-A', 'hasOwnProperty'],
        ['-A', '__proto__'],
        ['-A', 'toString'],
        ['-4', '-A', Array(60).fill('inet').join(',')],
        ['-tA', `${'inet,'.repeat(50)}inxxxx`],
        ...seededArgv(400, 10),
      ];
      const real = runNetstat(cases, repeatsByOurParse(parseNetstatArgs));
      const wrong = cases
        .map((argv, i) => [argv, disagreement(parseNetstatArgs(argv), real[i]!)] as const)
        .filter(([, d]) => d !== undefined);
      expect(wrong).toEqual([]);
    },
    120_000,
  );

  it('has the usage text netstat prints', () => {
    expect(NETSTAT_USAGE.split('\n')).toHaveLength(33);
  });

  // The real netstat decides: first stderr line and exit status must match.
  const BAD: string[][] = [
    ['-Q'],
    ['-tQ'],
    ['--bogus'],
    ['--num'],
    ['--u'],
    ['--in'],
    ['--ve'],
    ['--r'],
    ['--c'],
    ['--inet6=x'],
    ['--continuous=2'],
    ['-A'],
    ['--protocol'],
    ['-A', 'foo'],
    ['-A', 'inet,foo,bar'],
    ['-T'],
    ['-I'],
    ['--ipx'],
    ['--ax25'],
    ['-A', 'x25'],
    ['-M'],
    ['-Z', '-t'],
    ['-2'],
  ];
  it.skipIf(!netstatAvailable && !process.env.CI)(
    'matches the real netstat on bad command lines',
    () => {
      for (const argv of BAD) {
        const real = spawnSync('netstat', argv, {
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: 'C' },
        });
        const ours = parseNetstatArgs(argv);
        expect(ours.ok, argv.join(' ')).toBe(false);
        if (ours.ok) continue;
        expect(ours.exitCode, argv.join(' ')).toBe(real.status);
        expect(ours.message, argv.join(' ')).toBe((real.stderr || real.stdout).split('\n')[0]);
        if (ours.usage) expect(real.stderr).toContain(NETSTAT_USAGE);
      }
    },
  );

  it.skipIf(!netstatAvailable && !process.env.CI)('prints the same --help text', () => {
    const real = spawnSync('netstat', ['--help'], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
    });
    expect(real.status).toBe(0);
    expect(real.stdout).toBe(NETSTAT_USAGE);
  });
});

describe('resolveFlags', () => {
  it('applies netstat defaults', () => {
    expect(resolveFlags({})).toMatchObject({ tcp: true, udp: true, raw: true, unix: true });
    expect(resolveFlags({ inet6: true })).toMatchObject({ tcp: true, unix: false, inet4: false });
    expect(resolveFlags({ unix: true })).toMatchObject({ tcp: false, unix: true });
    expect(resolveFlags({ unix: true, inet4: true })).toMatchObject({ tcp: true, unix: true });
    expect(resolveFlags({ tcp: true })).toMatchObject({ inet4: true, inet6: true, unix: false });
    expect(resolveFlags({ numeric: true })).toMatchObject({
      numericHosts: true,
      numericPorts: true,
      numericUsers: true,
    });
  });
});

describe('statistics families', () => {
  const cases: string[][] = [
    ['-s', '-4', '-x'],
    ['-s', '-x', '-4'],
    ['-s', '-6', '-4'],
    ['-s', '-A', 'inet6,inet'],
    ['-s', '-4', '-4'],
    ['-s', '--inet', '-6'],
    ['-s', '-x'],
    ['-s', '-6'],
    ['-s', '-t'],
  ];
  it.skipIf(!netstatAvailable && !process.env.CI)(
    'match the real netstat -s refusals',
    async () => {
      const { statisticsFamilyError } = await import('../src/index.js');
      for (const argv of cases) {
        const a = parseNetstatArgs(argv);
        if (!a.ok) throw new Error(a.message);
        const ours = statisticsFamilyError(a.flags, a.families);
        const real = spawnSync('netstat', argv, {
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: 'C' },
        });
        if (ours === undefined) expect(real.status, argv.join(' ')).toBe(0);
        else {
          expect(real.status, argv.join(' ')).toBe(1);
          expect(real.stdout.split('\n')[0], argv.join(' ')).toBe(ours);
        }
      }
    },
  );
});
