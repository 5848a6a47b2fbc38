// Benchmark of the whole CLI against the real tools, at N open loopback
// connections (2N TCP sockets):
//
//   netintro -ant   vs  netstat -ant  vs  ss -ant
//   netintro -antp  vs  netstat -antp
//   netintro -ant at N = 1k vs bare `node -e ''` (startup)
//
//   pnpm run build && pnpm run bench           # N = 1k, 10k, 60k
//   node bench/run.mjs --sizes 1000 --reps 5   # one size
//
// The connections are held by child processes running procnet-reader's
// bench/holder.mjs (at most 9000 connections each, fd limit), on
// 127.0.0.10.. and ::1; each is stopped by its PID, also on failure.
// Wall time: median of --reps runs (output to /dev/null); peak RSS: the
// largest max-RSS of those runs, from /usr/bin/time (GNU time) when present.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '../dist/netintro.cjs');
const holderScript = join(here, '../../procnet-reader/bench/holder.mjs');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const sizes = option('--sizes', '1000,10000,60000')
  .split(',')
  .map((s) => Number(s.trim()));
const reps = Number(option('--reps', '5'));
const PER_HOLDER = 9000;

if (!existsSync(cli)) {
  console.error('bench: build first (pnpm run build): dist/netintro.cjs is missing');
  process.exit(1);
}
if (!existsSync(holderScript)) {
  console.error(`bench: ${holderScript} is missing`);
  process.exit(1);
}
const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
for (const tool of ['ss', 'netstat']) {
  if (!have(tool)) {
    console.error(`bench: ${tool} is required (scripts/ensure-system.sh installs it)`);
    process.exit(1);
  }
}
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

// Measure in a private network namespace when we can (root, unshare, ip):
// the tables then hold only this benchmark's connections, not whatever
// else runs on the machine. --host-netns measures in the current one.
if (
  !args.includes('--in-netns') &&
  !args.includes('--host-netns') &&
  process.getuid?.() === 0 &&
  have('unshare') &&
  have('ip')
) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      self,
      ...args,
      '--in-netns',
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}
console.log(
  args.includes('--in-netns')
    ? 'measuring in a private network namespace (only our connections in the tables)'
    : 'measuring in the current network namespace',
);

/** Running holder children, by PID. */
const holders = new Map();

function stopHolders() {
  const exits = [];
  for (const [pid, child] of holders) {
    exits.push(
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
    );
  }
  holders.clear();
  return Promise.all(exits);
}

process.on('SIGINT', () => {
  for (const pid of holders.keys()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
  process.exit(130);
});

function startHolder(count, address) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [holderScript, String(count), address], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    holders.set(child.pid, child);
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`holder ${child.pid} not ready in 180 s`)),
      180_000,
    );
    child.stdout.on('data', (data) => {
      out += data;
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve({ pid: child.pid, ...JSON.parse(out.slice(0, newline)) });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`holder ${child.pid} exited early (${code ?? signal})`));
    });
  });
}

/** Splits N connections over holders: about a third of them on ::1. */
function plan(n) {
  const count = Math.max(2, Math.ceil(n / PER_HOLDER));
  const v6 = Math.max(1, Math.floor(count / 3));
  const parts = [];
  for (let i = 0; i < count; i++) {
    const share = Math.floor(n / count) + (i < n % count ? 1 : 0);
    parts.push({ count: share, address: i < count - v6 ? `127.0.0.${10 + i}` : '::1' });
  }
  return parts;
}

function countRows() {
  const lines = (f) => readFileSync(f, 'latin1').split('\n').length - 2;
  return lines('/proc/net/tcp') + lines('/proc/net/tcp6');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time (ms) and peak RSS (MB) of a command; fewer reps when it is slow. */
function measure(command, commandArgs, runs = reps) {
  const times = [];
  const cpu = [];
  let rssKb = 0;
  for (let i = 0; i < runs; i++) {
    const argv = gnuTime
      ? [gnuTime, '-f', '%M %U %S', command, ...commandArgs]
      : [command, ...commandArgs];
    const t0 = performance.now();
    const result = spawnSync(argv[0], argv.slice(1), {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 600_000,
    });
    const ms = performance.now() - t0;
    if (result.status !== 0) {
      throw new Error(
        `${command} ${commandArgs.join(' ')} failed (${result.status}): ${result.stderr}`,
      );
    }
    if (gnuTime) {
      const [rss, user, sys] = (result.stderr.trim().split('\n').pop() ?? '0 0 0').split(' ');
      rssKb = Math.max(rssKb, Number(rss) || 0);
      cpu.push((Number(user) + Number(sys)) * 1000);
    }
    times.push(ms);
    if (ms > 10_000) break;
  }
  return {
    ms: median(times),
    cpuMs: cpu.length ? median(cpu) : Number.NaN,
    runs: times.length,
    rssMb: rssKb / 1024,
  };
}

const node = process.execPath;
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(9);
const fmtMb = (mb) => (gnuTime ? `${mb.toFixed(1)} MB` : 'n/a').padStart(9);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
const summary = [];

async function runSize(n) {
  console.log(`\n== N = ${n} connections (${2 * n} TCP sockets) ==`);
  const t0 = performance.now();
  const parts = plan(n);
  try {
    await Promise.all(parts.map((p) => startHolder(p.count, p.address)));
    console.log(
      `opened in ${((performance.now() - t0) / 1000).toFixed(1)} s by ${parts.length} holders; ` +
        `${countRows()} rows in tcp + tcp6`,
    );
    const r = {};
    r.bare = n === sizes[0] ? measure(node, ['-e', '']) : undefined;
    r.oursAnt = measure(node, [cli, '-ant']);
    r.netstatAnt = measure('netstat', ['-ant']);
    r.ssAnt = measure('ss', ['-ant']);
    r.oursAntp = measure(node, [cli, '-antp']);
    r.netstatAntp = measure('netstat', ['-antp'], Math.min(reps, 3));
    const rows = [
      ["node -e '' (bare startup)", r.bare],
      ['netintro -ant', r.oursAnt],
      ['netstat -ant', r.netstatAnt],
      ['ss -ant', r.ssAnt],
      ['netintro -antp', r.oursAntp],
      ['netstat -antp', r.netstatAntp],
    ];
    console.log(
      `${'command'.padEnd(28)} ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)} ${'peak RSS'.padStart(9)}  runs`,
    );
    for (const [label, m] of rows) {
      if (m) {
        console.log(
          `${label.padEnd(28)} ${fmtMs(m.ms)} ${fmtMs(m.cpuMs)} ${fmtMb(m.rssMb)}  ${m.runs}`,
        );
      }
    }
    // Ratios of wall time, and of CPU time (user+sys: steadier on a shared machine).
    const both = (a, b) => `${ratio(a.ms, b.ms)} (cpu ${ratio(a.cpuMs, b.cpuMs)})`;
    const line = {
      n,
      '-ant vs netstat': both(r.oursAnt, r.netstatAnt),
      '-ant vs ss': both(r.oursAnt, r.ssAnt),
      'netstat -antp / ours': both(r.netstatAntp, r.oursAntp),
      'peak RSS': fmtMb(Math.max(r.oursAnt.rssMb, r.oursAntp.rssMb)).trim(),
    };
    if (r.bare) line['-ant vs bare node'] = both(r.oursAnt, r.bare);
    console.log(line);
    summary.push(line);
  } finally {
    await stopHolders();
  }
}

try {
  for (const n of sizes) await runSize(n);
  console.log('\nTargets at 60k: -ant <= 0.7x netstat and <= 1.2x ss; -antp >= 10x faster than');
  console.log('netstat -antp; peak RSS <= 80 MB. At 1k: -ant <= 1.5x bare node.');
  console.table(summary);
} catch (error) {
  console.error(error);
  await stopHolders();
  process.exit(1);
}
