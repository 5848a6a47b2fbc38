// Benchmark of the whole CLI against the real tools, at N open loopback
// connections (2N TCP sockets):
//
//   netintro -ant   vs  netstat -ant  vs  ss -ant  vs  bare `node -e ''`
//   netintro -antp  vs  netstat -antp
//
//   pnpm run build && pnpm run bench           # N = 1k, 10k, 60k
//   node bench/run.mjs --sizes 1000 --reps 5   # one size
//
// Connections, the private network namespace and timing come from the
// repository's bench/harness.mjs (shared with bench/first-programs.mjs).
// Wall time: median of --reps runs (output to /dev/null), the commands
// interleaved round by round; peak RSS: the largest max-RSS of those runs,
// from /usr/bin/time (GNU time) when present.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countTcpRows,
  enterPrivateNetns,
  fmtMb,
  fmtMs,
  have,
  holdConnections,
  loadAverage,
  option,
  stopHolders,
  summarize,
  timeOnce,
} from '../../../bench/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '../dist/netintro.cjs');
const args = process.argv.slice(2);
const sizes = option(args, '--sizes', '1000,10000,60000')
  .split(',')
  .map((s) => Number(s.trim()));
const reps = Number(option(args, '--reps', '5'));

if (!existsSync(cli)) {
  console.error('bench: build first (pnpm run build): dist/netintro.cjs is missing');
  process.exit(1);
}
for (const tool of ['ss', 'netstat']) {
  if (!have(tool)) {
    console.error(`bench: ${tool} is required (scripts/ensure-system.sh installs it)`);
    process.exit(1);
  }
}
enterPrivateNetns(import.meta.url, args);

const node = process.execPath;
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
const summary = [];
const verdicts = [];

/** Records a target: `value` must be at most (or at least) `limit`. */
function target(n, label, value, limit, atMost = true) {
  const ok = atMost ? value <= limit : value >= limit;
  verdicts.push({
    n,
    target: `${label} ${atMost ? '<=' : '>='} ${limit}x`,
    measured: `${value.toFixed(2)}x`,
    met: ok ? 'yes' : 'no',
  });
}

async function runSize(n) {
  console.log(`\n== N = ${n} connections (${2 * n} TCP sockets), load ${loadAverage()} ==`);
  try {
    const { holders, seconds } = await holdConnections(n);
    console.log(
      `opened in ${seconds.toFixed(1)} s by ${holders.length} holders; ${countTcpRows()} rows in tcp + tcp6`,
    );
    const commands = [
      ["node -e '' (bare startup)", [node, '-e', '']],
      ['netintro -ant', [node, cli, '-ant']],
      ['netstat -ant', ['netstat', '-ant']],
      ['ss -ant', ['ss', '-ant']],
      ['netintro -antp', [node, cli, '-antp']],
      ['netstat -antp', ['netstat', '-antp']],
    ];
    // netstat -antp takes seconds at 60k: fewer rounds there.
    const runs = n >= 20_000 ? Math.min(reps, 3) : reps;
    const samples = commands.map(() => []);
    for (let round = 0; round < runs; round++) {
      for (const [i, [, argv]] of commands.entries()) samples[i].push(timeOnce(argv));
    }
    const m = Object.fromEntries(commands.map(([label], i) => [label, summarize(samples[i])]));
    console.log(
      `${'command'.padEnd(28)} ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)} ${'peak RSS'.padStart(9)}  runs`,
    );
    for (const [label] of commands) {
      const r = m[label];
      console.log(
        `${label.padEnd(28)} ${fmtMs(r.ms).padStart(9)} ${fmtMs(r.cpuMs).padStart(9)} ${fmtMb(r.rssMb).padStart(9)}  ${r.runs}`,
      );
    }
    const bare = m["node -e '' (bare startup)"];
    const ant = m['netintro -ant'];
    const antp = m['netintro -antp'];
    const netstatAnt = m['netstat -ant'];
    const netstatAntp = m['netstat -antp'];
    // Ratios of wall time, and of CPU time (user+sys: steadier on a shared machine).
    const both = (a, b) => `${ratio(a.ms, b.ms)} (cpu ${ratio(a.cpuMs, b.cpuMs)})`;
    const line = {
      n,
      '-ant / bare node': both(ant, bare),
      '-antp / bare node': both(antp, bare),
      '-ant / netstat -ant': both(ant, netstatAnt),
      '-ant / ss -ant': both(ant, m['ss -ant']),
      '-antp / netstat -antp': both(antp, netstatAntp),
      'netstat -antp / -antp': both(netstatAntp, antp),
      'peak RSS': fmtMb(Math.max(ant.rssMb, antp.rssMb)),
      load: loadAverage(),
    };
    console.log(line);
    summary.push(line);
    if (n === 1000) {
      target(n, '-ant / bare node', ant.ms / bare.ms, 1.5);
      target(n, '-antp / bare node', antp.ms / bare.ms, 1.8);
    }
    if (n === 10_000) target(n, '-antp / netstat -antp', antp.ms / netstatAntp.ms, 1.1);
    if (n === 60_000) {
      target(n, '-ant / netstat -ant', ant.ms / netstatAnt.ms, 1.0);
      target(n, 'netstat -antp / -antp', netstatAntp.ms / antp.ms, 6, false);
    }
  } finally {
    await stopHolders();
  }
}

try {
  for (const n of sizes) await runSize(n);
  console.log('\nTargets (issue 9): 1k -ant <= 1.5x bare node, -antp <= 1.8x; 10k -antp <= 1.1x');
  console.log(
    'netstat -antp; 60k -ant <= 1.0x netstat -ant, -antp >= 6x faster than netstat -antp.',
  );
  console.table(summary);
  console.table(verdicts);
} catch (error) {
  console.error(error);
  await stopHolders();
  process.exit(1);
}
