// A/B parse throughput of two builds of this package, interleaved so both
// see the same machine load: A, B, A, B, ... fresh processes of parse.mjs,
// then the median per build and size. Prints the load average before and after.
//
//   node bench/parse-ab.mjs <distA> <distB> [--rows 1000,4000,60000] [--runs 7]
//
// Each process reports the median of its rounds (more rounds for small tables).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const [a, b] = args.filter((x, i) => !x.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!a || !b) {
  console.error(
    'usage: node bench/parse-ab.mjs <distA> <distB> [--rows 1000,4000,60000] [--runs 7]',
  );
  process.exit(2);
}
const sizes = option('--rows', '1000,4000,60000').split(',').map(Number);
const runs = Number(option('--runs', '7'));
const builds = [
  ['A', resolve(a)],
  ['B', resolve(b)],
];
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(`load average before: ${load()}`);
console.log(`A = ${builds[0][1]}\nB = ${builds[1][1]}`);
for (const rows of sizes) {
  const rounds = Math.max(10, Math.round(1_000_000 / rows));
  /** name -> table -> { wall: [], cpu: [] } in M rows/s */
  const seen = new Map(builds.map(([name]) => [name, new Map()]));
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? builds : [...builds].reverse();
    for (const [name, dist] of order) {
      const out = spawnSync(
        process.execPath,
        [join(here, 'parse.mjs'), String(rows), String(rounds)],
        {
          env: { ...process.env, PROCNET_READER_DIST: dist, PARSE_ONLY: '1' },
          encoding: 'utf8',
        },
      );
      if (out.status !== 0) throw new Error(`${name}: ${out.stderr}`);
      for (const line of out.stdout.split('\n')) {
        const m = /^(parseTcp6?)\s*:.*= ([\d.]+) M rows\/s, median CPU .*= ([\d.]+) M rows\/s/.exec(
          line,
        );
        if (!m) continue;
        const tables = seen.get(name);
        const entry = tables.get(m[1]) ?? { wall: [], cpu: [] };
        entry.wall.push(Number(m[2]));
        entry.cpu.push(Number(m[3]));
        tables.set(m[1], entry);
      }
    }
  }
  for (const table of ['parseTcp', 'parseTcp6']) {
    const [ea, eb] = builds.map(([name]) => seen.get(name).get(table));
    const ratio = median(eb.cpu) / median(ea.cpu);
    console.log(
      `${String(rows).padStart(6)} rows ${table.padEnd(9)} ` +
        `A wall ${median(ea.wall).toFixed(2)} cpu ${median(ea.cpu).toFixed(2)} | ` +
        `B wall ${median(eb.wall).toFixed(2)} cpu ${median(eb.cpu).toFixed(2)} M rows/s ` +
        `(B/A cpu ${ratio.toFixed(3)}, ${runs} runs x ${rounds} rounds each)`,
    );
  }
}
console.log(`load average after: ${load()}`);
