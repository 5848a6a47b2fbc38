#!/usr/bin/env node
// `pnpm fuzz`: every fuzz target with 100,000 seeded cases (NETINTRO_FUZZ_RUNS),
// the netstat and getent oracles with 5,000 cases, then a summary of crashes,
// hangs (> 1 s on < 1 MB) and disagreements per target. Exit status 1 when
// anything was found. Options: --runs N, --oracle-runs N, --seed N.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = option('runs', 100_000);
const oracleRuns = option('oracle-runs', 5_000);
const seed = option('seed', 20261201);
const report = join(tmpdir(), `netintro-fuzz-${process.pid}.jsonl`);
rmSync(report, { force: true });

const started = Date.now();
const vitest = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=dot'], {
  cwd: import.meta.dirname,
  stdio: 'inherit',
  env: {
    ...process.env,
    NETINTRO_FUZZ_RUNS: String(runs),
    NETINTRO_FUZZ_ORACLE_RUNS: String(oracleRuns),
    NETINTRO_FUZZ_SEED: String(seed),
    NETINTRO_FUZZ_REPORT: report,
  },
});

const rows = existsSync(report)
  ? readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
rmSync(report, { force: true });
const pad = (s, n) => String(s).padEnd(n);
const num = (s, n) => String(s).padStart(n);
console.log(`\nnetintro fuzz: seed ${seed}, ${runs} cases per target, ${oracleRuns} per oracle`);
console.log(
  `${pad('target', 28)}${num('cases', 9)}${num('crashes', 9)}${num('hangs', 7)}${num('disagree', 10)}${num('slowest ms', 12)}${num('total s', 9)}`,
);
let found = 0;
for (const r of rows) {
  found += r.crashes + r.hangs + r.disagreements;
  console.log(
    `${pad(r.target, 28)}${num(r.cases, 9)}${num(r.crashes, 9)}${num(r.hangs, 7)}${num(r.disagreements, 10)}${num(r.slowestMs.toFixed(1), 12)}${num((r.totalMs / 1000).toFixed(1), 9)}`,
  );
  for (const e of r.examples) console.log(`    ${e.kind} #${e.case}: ${e.detail.slice(0, 200)}`);
}
console.log(
  `${rows.length} targets, ${rows.reduce((n, r) => n + r.cases, 0)} cases, ${found} findings, ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(found > 0 || vitest.status !== 0 ? 1 : 0);
