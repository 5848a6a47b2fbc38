/**
 * The fuzz suite inside `pnpm test`: 2,000 seeded cases per target (about
 * 10 s for all). `pnpm fuzz` runs the same targets with 100,000 cases each
 * (NETINTRO_FUZZ_RUNS) and the reference oracles (fuzz-oracles.test.ts),
 * and writes a report (NETINTRO_FUZZ_REPORT).
 */
import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../src/corpus.js';
import { casesPerTarget, runTarget } from '../src/harness.js';
import { allTargets } from '../src/targets.js';

const cases = casesPerTarget(2000);
const seed = Number(process.env.NETINTRO_FUZZ_SEED ?? 20261201);

describe('fuzz: no crash, no hang, no disagreement with the models', () => {
  for (const [k, target] of allTargets(TABLES).entries()) {
    it(`${target.name} (${cases} cases)`, () => {
      const report = runTarget(target, cases, seed + k);
      if (process.env.NETINTRO_FUZZ_REPORT) {
        appendFileSync(process.env.NETINTRO_FUZZ_REPORT, `${JSON.stringify(report)}\n`);
      }
      expect(report.examples, target.name).toEqual([]);
      expect(report.cases).toBe(cases);
    });
  }
});
