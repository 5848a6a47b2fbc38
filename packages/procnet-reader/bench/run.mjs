// Benchmark: read+parse of /proc/net/tcp{,6} and process mapping, side by side
// with cat, ss and netstat, at N open loopback connections.
//
//   pnpm run build && pnpm run bench              # N = 1k, 10k, 60k (minutes)
//   node bench/run.mjs --quick                    # N = 1k only (seconds)
//   node bench/run.mjs --sizes 1000,10000 --reps 5
//   node bench/run.mjs --sizes 10000 --hold 120   # keep N open for 120 s (development)
//
// N connections = 2N TCP sockets (both ends are local), held by separate child
// processes (bench/holder.mjs, at most 9000 connections each because of the
// 20000 open-files limit), on 127.0.0.10.. and ::1. Every holder is stopped by
// its PID (SIGTERM; it resets its connections so no TIME_WAIT rows remain),
// also when the benchmark fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

const sizes = flag('--quick')
  ? [1000]
  : option('--sizes', '1000,10000,60000')
      .split(',')
      .map((s) => Number(s.trim()));
const reps = Number(option('--reps', '5'));
const PER_HOLDER = 9000;

if (!existsSync(join(here, '../dist/node.js'))) {
  console.error('bench: build first (pnpm run build): dist/node.js is missing');
  process.exit(1);
}
for (const tool of ['cat', 'ss', 'netstat']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(`bench: ${tool} is required (scripts/ensure-system.sh installs it)`);
    process.exit(1);
  }
}

/** Running holder children, by PID. */
const holders = new Map();

function stopHolders() {
  const exits = [];
  for (const [pid, child] of holders) {
    exits.push(
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
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
    const child = spawn(process.execPath, [join(here, 'holder.mjs'), String(count), address], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    holders.set(child.pid, child);
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ pid: child.pid, ...JSON.parse(out.slice(0, newline)) });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`holder ${child.pid} exited early (${code ?? signal})`)),
    );
  });
}

/** Splits N connections over holders: at least one IPv4 and one IPv6, about a third IPv6. */
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
  return { tcp: lines('/proc/net/tcp'), tcp6: lines('/proc/net/tcp6') };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// CPU time (user + system) is steadier than wall time on a shared machine;
// GNU time gives it for the tools (10 ms resolution) when installed.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall (and CPU) time of a command with output to /dev/null; fewer reps when it is slow. */
function timeCommand(command, commandArgs) {
  const times = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const result = gnuTime
      ? spawnSync(gnuTime, ['-f', 'cpu %U %S', command, ...commandArgs], {
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        })
      : spawnSync(command, commandArgs, { stdio: 'ignore' });
    const ms = performance.now() - t0;
    if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
    times.push(ms);
    const m = gnuTime ? /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr) : null;
    if (m) cpu.push((Number(m[1]) + Number(m[2])) * 1000);
    if (ms > 5000 && times.length >= 1) break;
  }
  return { ms: median(times), cpuMs: cpu.length ? median(cpu) : Number.NaN, runs: times.length };
}

/** Our measurement in a fresh node process (warm-up run dropped when reps > 1). */
function timeOurs(what, runs = reps + 1) {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [join(here, 'measure.mjs'), what, String(runs)], {
    encoding: 'utf8',
  });
  const wall = performance.now() - t0;
  if (result.status !== 0) throw new Error(`measure ${what} failed:\n${result.stderr}`);
  const report = JSON.parse(result.stdout);
  const warm = report.times.length > 1 ? report.times.slice(1) : report.times;
  const warmCpu = report.cpu.length > 1 ? report.cpu.slice(1) : report.cpu;
  return {
    ms: median(warm),
    cpuMs: median(warmCpu),
    firstMs: report.times[0],
    rows: report.rows,
    maxRssMb: report.maxRssMb,
    processWallMs: wall,
  };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(8);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

async function runSize(n) {
  console.log(`\n== N = ${n} connections (${2 * n} sockets) ==`);
  const t0 = performance.now();
  const parts = plan(n);
  await Promise.all(parts.map((p) => startHolder(p.count, p.address)));
  const rows = countRows();
  console.log(
    `opened in ${((performance.now() - t0) / 1000).toFixed(1)} s by ${parts.length} holders; ` +
      `rows: tcp ${rows.tcp}, tcp6 ${rows.tcp6}`,
  );

  const results = {};
  results.cat = timeCommand('cat', ['/proc/net/tcp', '/proc/net/tcp6']);
  results.ssAnt = timeCommand('ss', ['-ant']);
  results.netstatAnt = timeCommand('netstat', ['-ant']);
  results.readParse = timeOurs('readparse');
  results.stream = timeOurs('stream', 1);
  results.scanSync = timeOurs('scan-sync', 3);
  results.scanThreads = timeOurs('scan-threads', 3);
  results.scanAsync = timeOurs('scan-async', 3);
  results.full = timeOurs('full');
  results.ssAntp = timeCommand('ss', ['-antp']);
  results.netstatAntp = timeCommand('netstat', ['-antp']);

  const cat = results.cat.ms;
  const lines = [
    ['cat /proc/net/tcp /proc/net/tcp6', results.cat.ms, ''],
    ['ss -ant', results.ssAnt.ms, ''],
    ['netstat -ant', results.netstatAnt.ms, ''],
    [
      'ours read+parse (warm, in-process)',
      results.readParse.ms,
      `rows ${results.readParse.rows}, first run ${results.readParse.firstMs.toFixed(1)} ms, ` +
        `peak RSS ${results.readParse.maxRssMb.toFixed(0)} MB`,
    ],
    [
      'ours streamSockets tcp+tcp6 (one cold run)',
      results.stream.ms,
      `rows ${results.stream.rows}, peak RSS ${results.stream.maxRssMb.toFixed(0)} MB`,
    ],
    ['ours process scan, sync mode', results.scanSync.ms, ''],
    ['ours process scan, threads mode', results.scanThreads.ms, ''],
    ['ours process scan, async mode', results.scanAsync.ms, ''],
    [
      'ours read+parse+process mapping',
      results.full.ms,
      `owned rows ${results.full.rows}, peak RSS ${results.full.maxRssMb.toFixed(0)} MB, ` +
        `whole process incl. node start ${results.full.processWallMs.toFixed(0)} ms for ${reps + 1} runs`,
    ],
    ['ss -antp', results.ssAntp.ms, ''],
    ['netstat -antp', results.netstatAntp.ms, `${results.netstatAntp.runs} run(s)`],
  ];
  const cpuOf = {
    'cat /proc/net/tcp /proc/net/tcp6': results.cat.cpuMs,
    'ss -ant': results.ssAnt.cpuMs,
    'netstat -ant': results.netstatAnt.cpuMs,
    'ours read+parse (warm, in-process)': results.readParse.cpuMs,
    'ours streamSockets tcp+tcp6 (one cold run)': results.stream.cpuMs,
    'ours process scan, sync mode': results.scanSync.cpuMs,
    'ours process scan, threads mode': results.scanThreads.cpuMs,
    'ours process scan, async mode': results.scanAsync.cpuMs,
    'ours read+parse+process mapping': results.full.cpuMs,
    'ss -antp': results.ssAntp.cpuMs,
    'netstat -antp': results.netstatAntp.cpuMs,
  };
  console.log(
    `${'what'.padEnd(44)}${'wall'.padStart(8)}     ${'/cat'.padStart(8)}  ${'cpu'.padStart(8)}`,
  );
  for (const [name, ms, note] of lines) {
    const c = cpuOf[name];
    console.log(
      `${name.padEnd(44)}${fmt(ms)} ms  ${ratio(ms, cat).padStart(8)}  ${fmt(c)} ms  ${note}`,
    );
  }
  console.log(
    `ratios: read+parse / cat = ${ratio(results.readParse.ms, cat)} (target <= 1.2x); ` +
      `netstat -antp / ours full = ${ratio(results.netstatAntp.ms, results.full.ms)} (target >= 10x); ` +
      `ss -antp / ours full = ${ratio(results.ssAntp.ms, results.full.ms)}; ` +
      `cpu: read+parse / cat = ${ratio(results.readParse.cpuMs, results.cat.cpuMs)}, ` +
      `netstat -antp / ours full = ${ratio(results.netstatAntp.cpuMs, results.full.cpuMs)}; ` +
      `scan async / sync = ${ratio(results.scanAsync.ms, results.scanSync.ms)}, ` +
      `threads / sync = ${ratio(results.scanThreads.ms, results.scanSync.ms)}`,
  );
  await stopHolders();
  return results;
}

const holdSeconds = Number(option('--hold', '0'));

try {
  if (holdSeconds > 0) {
    // Development aid: open the connections, keep them for a while, close them.
    const n = sizes[0];
    const parts = plan(n);
    await Promise.all(parts.map((p) => startHolder(p.count, p.address)));
    console.log(
      `holding ${n} connections for ${holdSeconds} s in pids ${[...holders.keys()].join(' ')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, holdSeconds * 1000));
    await stopHolders();
    process.exit(0);
  }
  const all = {};
  for (const n of sizes) all[n] = await runSize(n);
  if (flag('--json')) console.log(JSON.stringify(all));
} finally {
  await stopHolders();
}
