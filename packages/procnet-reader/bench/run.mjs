// Benchmark: the first programs users write (listening ports with owners,
// every TCP socket with owners as JSON) as fresh processes and warm calls,
// beside psutil, and read+parse(+owners) beside cat and netstat, at N open
// loopback connections.
//
//   pnpm run build && pnpm run bench              # N = 1k, 4k, 60k (minutes)
//   PSUTIL_PYTHON=/path/to/venv/bin/python ...    # adds psutil's first programs
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
  : option('--sizes', '1000,4000,60000')
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

/** psutil's Python, when one with psutil is at hand ($PSUTIL_PYTHON, or python3). */
function findPsutil() {
  for (const python of [process.env.PSUTIL_PYTHON, 'python3'].filter(Boolean)) {
    if (spawnSync(python, ['-c', 'import psutil'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}
const psutilPython = findPsutil();
if (!psutilPython) {
  console.log(
    'note: psutil not found (set PSUTIL_PYTHON to a python with psutil): its rows are skipped',
  );
}

/** psutil's own in-process time per call (warm), median ms. */
function timePsutilInProcess(script) {
  const result = spawnSync(psutilPython, [join(here, script), 'time', String(reps)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stderr}`);
  return median(JSON.parse(result.stdout));
}

const fmt = (ms) =>
  (Number.isNaN(ms) ? '-' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(8);
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

  const r = {};
  // Whole processes, as a user runs them.
  r.bareNode = timeCommand(process.execPath, ['-e', '']);
  r.freshListening = timeCommand(process.execPath, [join(here, 'first-listening.mjs')]);
  r.freshJson = timeCommand(process.execPath, [join(here, 'first-json.mjs')]);
  if (psutilPython) {
    r.psutilListening = timeCommand(psutilPython, [join(here, 'psutil-listening.py')]);
    r.psutilJson = timeCommand(psutilPython, [join(here, 'psutil-json.py')]);
    r.psutilListeningWarm = timePsutilInProcess('psutil-listening.py');
  }
  r.cat = timeCommand('cat', ['/proc/net/tcp', '/proc/net/tcp6']);
  r.netstatAnt = timeCommand('netstat', ['-ant']);
  // In-process, warm (one warm-up call dropped).
  r.listening = timeOurs('listening');
  r.json = timeOurs('json');
  r.readParse = timeOurs('readparse');
  r.stream = timeOurs('stream', 1);
  r.scan = timeOurs('scan', 3);
  r.full = timeOurs('full');
  r.netstatAntp = timeCommand('netstat', ['-antp']);

  const lines = [
    ['node -e "" (fresh process)', r.bareNode],
    ['ours (a) listening+owners (fresh process)', r.freshListening],
    ['psutil (a) listening+owners (fresh process)', r.psutilListening],
    ['ours (f) all tcp+owners JSON (fresh process)', r.freshJson],
    ['psutil (f) all tcp+owners JSON (fresh process)', r.psutilJson],
    ['ours (a) warm in-process call', r.listening],
    [
      'psutil (a) warm in-process call',
      r.psutilListeningWarm === undefined
        ? undefined
        : { ms: r.psutilListeningWarm, cpuMs: Number.NaN },
    ],
    ['ours (f) warm in-process call', r.json],
    ['cat /proc/net/tcp /proc/net/tcp6', r.cat],
    ['netstat -ant', r.netstatAnt],
    ['ours read+parse (warm)', r.readParse, `rows ${r.readParse.rows}`],
    [
      'ours streamSocketsSync tcp+tcp6 (cold)',
      r.stream,
      `peak RSS ${r.stream.maxRssMb.toFixed(0)} MB`,
    ],
    ['ours owner scan (warm)', r.scan],
    ['ours read+parse+owners (warm)', r.full, `peak RSS ${r.full.maxRssMb.toFixed(0)} MB`],
    ['netstat -antp', r.netstatAntp, `${r.netstatAntp.runs} run(s)`],
  ];
  console.log(`${'what'.padEnd(48)}${'wall'.padStart(8)}     ${'cpu'.padStart(8)}`);
  for (const [name, m, note = ''] of lines) {
    if (m === undefined) continue;
    console.log(`${name.padEnd(48)}${fmt(m.ms)} ms  ${fmt(m.cpuMs)} ms  ${note}`);
  }
  const targets = [
    `netstat -antp / ours read+parse+owners = ${ratio(r.netstatAntp.ms, r.full.ms)} wall, ${ratio(r.netstatAntp.cpuMs, r.full.cpuMs)} cpu (target >= 8x)`,
    `streaming peak RSS ${r.stream.maxRssMb.toFixed(0)} MB (target <= 80 MB)`,
  ];
  if (r.psutilListening) {
    targets.push(
      `fresh (a) ours / psutil = ${ratio(r.freshListening.ms, r.psutilListening.ms)} (target <= 1x)`,
      `fresh (f) ours / psutil = ${ratio(r.freshJson.ms, r.psutilJson.ms)} (target <= 1x)`,
      `warm (a) ours / psutil = ${ratio(r.listening.ms, r.psutilListeningWarm)} (target <= 0.5x)`,
    );
  }
  console.log(targets.join('\n'));
  await stopHolders();
  return r;
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
