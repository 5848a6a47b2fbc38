// A/B parse throughput of two builds of this package in one process, so both
// see the same machine load: every round parses the same table with A and
// then B (the order alternating), timing each with CPU time. Prints the
// median rate per build, table and size, and the load average.
//
//   pnpm run build && node bench/parse-ab.mjs <distA> <distB> [--rows 1000,4000,60000] [--rounds-rows 2000000]
//
// Each size runs until about `--rounds-rows` rows per build and table (at
// least 15 rounds), after a warm-up of both builds.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTable } from './table.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const [a, b] = args.filter((x, i) => !x.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!a || !b) {
  console.error('usage: node bench/parse-ab.mjs <distA> <distB> [--rows 1000,4000,60000]');
  process.exit(2);
}
const sizes = option('--rows', '1000,4000,60000').split(',').map(Number);
const budget = Number(option('--rounds-rows', '2000000'));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const builds = [];
for (const dist of [a, b]) {
  builds.push(await import(pathToFileURL(`${resolve(dist)}/index.js`).href));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

console.log(`load average before: ${load()}`);
console.log(`A = ${resolve(a)}\nB = ${resolve(b)}`);
for (const rows of sizes) {
  const rounds = Math.max(15, Math.round(budget / rows));
  for (const [name, v6] of [
    ['parseTcp', false],
    ['parseTcp6', true],
  ]) {
    const text = makeTable(rows, v6);
    const parsers = builds.map((m) => m[name]);
    for (let i = 0; i < 5; i++) for (const parse of parsers) parse(text);
    const cpu = [[], []];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) {
        const c0 = process.cpuUsage();
        const n = parsers[k](text).length;
        const c = process.cpuUsage(c0);
        if (n !== rows) throw new Error(`build ${k === 0 ? 'A' : 'B'} parsed ${n} of ${rows} rows`);
        cpu[k].push((c.user + c.system) / 1000);
      }
    }
    const [ma, mb] = cpu.map(median);
    const rate = (ms) => (rows / ms / 1000).toFixed(2);
    console.log(
      `${String(rows).padStart(6)} rows ${name.padEnd(9)} A ${rate(ma)} | B ${rate(mb)} M rows/s ` +
        `(median CPU time per parse, ${rounds} rounds each; B/A rate ${(ma / mb).toFixed(3)})`,
    );
  }
}
console.log(`load average after: ${load()}`);
