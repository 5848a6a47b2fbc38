/**
 * Fuzzing against references that live outside this repository: the real
 * netstat 2.10 (command lines; table rendering through the procnet
 * redirect) and glibc (getent in a mount namespace). Slower than the
 * models, so fewer cases: a handful in `pnpm test`, thousands in
 * `pnpm fuzz` (NETINTRO_FUZZ_ORACLE_RUNS, set by run-fuzz.mjs).
 */
import { appendFileSync } from 'node:fs';
import { parseHosts, parseNetworks, parseProcNet } from '@netintro/procnet-reader';
import {
  formatNetstat,
  hostsResolverFromEntries,
  networksResolverFromEntries,
  parseNetstatArgs,
} from '@netintro/socket-formatter';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADDRESS_PIECES,
  C_SPACES,
  getentAvailable,
  getentLookup,
} from '../../../packages/socket-formatter/test/getent-oracle.js';
import {
  ARGV_PIECES,
  disagreement,
  netstatOracleAvailable,
  repeatsByOurParse,
  runNetstat,
} from '../../../packages/socket-formatter/test/netstat-oracle.js';
import type { TargetReport } from '../src/harness.js';
import { createRenderer, netstatRenderAvailable, type Renderer } from '../src/netstat-render.js';
import { mutateMany, rng } from '../src/rng.js';
import { inetTable, unixTable } from '../src/tables.js';

const runs = Number(process.env.NETINTRO_FUZZ_ORACLE_RUNS) || 0;
const seed = Number(process.env.NETINTRO_FUZZ_SEED ?? 20261201);

function record(target: string, cases: number, wrong: unknown[], ms: number): void {
  if (!process.env.NETINTRO_FUZZ_REPORT) return;
  const report: TargetReport = {
    target,
    cases,
    crashes: 0,
    hangs: 0,
    disagreements: wrong.length,
    slowestMs: 0,
    totalMs: ms,
    examples: wrong.slice(0, 5).map((w, i) => ({
      kind: 'disagreement',
      case: i,
      detail: 'reference disagrees',
      input: JSON.stringify(w).slice(0, 2000),
    })),
  };
  appendFileSync(process.env.NETINTRO_FUZZ_REPORT, `${JSON.stringify(report)}\n`);
}

/** The args test's pieces, and a lone `-`. */
const PIECES = [...ARGV_PIECES, '-'];

describe('fuzz against netstat and glibc', () => {
  // In `pnpm test` the socket-formatter's args test already runs 400 command lines through netstat.
  it.skipIf(!netstatOracleAvailable || !runs)(`command lines: netstat (${runs} cases)`, () => {
    const r = rng(seed);
    const cases = Array.from({ length: runs }, () =>
      Array.from({ length: 1 + r.int(5) }, () =>
        r.one(10) ? mutateMany(r, r.pick(PIECES), 1) : r.pick(PIECES),
      ).filter((a) => !a.includes('\0')),
    );
    const t0 = performance.now();
    const real = runNetstat(cases, repeatsByOurParse(parseNetstatArgs));
    const wrong = cases
      .map((argv, i) => ({ argv, why: disagreement(parseNetstatArgs(argv), real[i]!) }))
      .filter((w) => w.why !== undefined);
    record('oracle:args-netstat', cases.length, wrong, performance.now() - t0);
    expect(wrong).toEqual([]);
  });

  it.skipIf(!getentAvailable)(
    `hosts and networks files: getent (${runs ? runs / 10 : 4} files each)`,
    () => {
      const r = rng(seed + 1);
      const numbers = ADDRESS_PIECES;
      const spaces = C_SPACES;
      const t0 = performance.now();
      const wrong: unknown[] = [];
      const files = runs ? runs / 10 : 4;
      for (const kind of ['hosts', 'networks'] as const) {
        for (let f = 0; f < files; f++) {
          const keys = new Set(['255.255.255.255', '::1', '::ffff:1.2.3.4']);
          const lines = Array.from({ length: 1 + r.int(12) }, (_, l) => {
            const parts = Array.from({ length: 1 + r.int(4) }, () => r.pick(numbers));
            const loose = parts.map(
              (p) =>
                Number.parseInt(
                  p.replace(/^0x/i, ''),
                  /^0x/i.test(p) ? 16 : /^0\d/.test(p) ? 8 : 10,
                ) & 255,
            );
            while (loose.length < 4) loose.push(0);
            keys.add(loose.map((n) => (Number.isNaN(n) ? 0 : n)).join('.'));
            const address = `${r.one(4) ? '::ffff:' : ''}${parts.join('.')}`;
            return kind === 'hosts'
              ? `${r.pick(spaces)}${address}${r.pick(spaces)}h${l}${r.one(5) ? '#c' : ''}`
              : `n${l}${r.pick(spaces)}${parts.join('.')}`;
          });
          const text = `${lines.join('\n')}${r.one(3) ? '' : '\n'}`;
          const asked = [...keys];
          const glibc = getentLookup(kind, text, asked);
          const resolve =
            kind === 'hosts'
              ? (
                  (h) => (k: string) =>
                    h(k, k.includes(':') ? 6 : 4)
                )(hostsResolverFromEntries(parseHosts(text)))
              : networksResolverFromEntries(parseNetworks(text));
          asked.forEach((k, i) => {
            if (resolve(k) !== glibc[i])
              wrong.push({ kind, text, key: k, ours: resolve(k), glibc: glibc[i] });
          });
        }
      }
      record('oracle:resolvers-getent', files * 2, wrong, performance.now() - t0);
      expect(wrong).toEqual([]);
    },
  );

  let renderer: Renderer | undefined;
  afterAll(() => renderer?.close());

  it.skipIf(!netstatRenderAvailable)(`tables: netstat rendering (${runs || 40} cases)`, () => {
    renderer = createRenderer();
    const r = rng(seed + 2);
    const t0 = performance.now();
    const wrong: unknown[] = [];
    const count = runs || 40;
    for (let i = 0; i < count; i++) {
      const files: Record<string, string> = {
        tcp: inetTable(r, 'tcp'),
        tcp6: inetTable(r, 'tcp6'),
        udp: inetTable(r, 'udp'),
        udp6: inetTable(r, 'udp6'),
        raw: inetTable(r, 'raw'),
        raw6: inetTable(r, 'raw6'),
        unix: unixTable(r),
      };
      const letters = ['a', 'l', 't', 'u', 'w', 'x', 'e', 'o', 'W'].filter(() => r.one(3));
      // Through the redirect every missing table reads as empty, so netstat alone would
      // also print IPX, AX.25 and NET/ROM sections: always name a socket type.
      if (!letters.some((l) => 'tuwx'.includes(l))) letters.push(r.pick(['t', 'u', 'w', 'x']));
      const args = [`-n${letters.join('')}`];
      const inet = (['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6'] as const).flatMap((t) =>
        parseProcNet(t, files[t]!),
      );
      const unix = parseProcNet('unix', files.unix!);
      const parsed = parseNetstatArgs(args);
      if (!parsed.ok) throw new Error(parsed.message);
      const ours = formatNetstat({ inet, unix }, parsed.flags);
      const real = renderer.render(files, args);
      if (ours !== real) {
        const a = ours.split('\n');
        const b = real.split('\n');
        const at = a.findIndex((line, k) => line !== b[k]);
        wrong.push({ args, ours: a[at], real: b[at], files });
      }
    }
    record('oracle:tables-netstat', count, wrong, performance.now() - t0);
    expect(wrong.slice(0, 2)).toEqual([]);
  });
});
