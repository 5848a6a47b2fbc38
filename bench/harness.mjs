// What the benchmarks share: loopback connections held by child processes
// (procnet-reader's bench/holder.mjs, the one holder script), a private
// network namespace to measure in, and whole-process timing with GNU time.
//
// Every holder is stopped by its PID (SIGTERM: it resets its connections, so
// no TIME_WAIT rows remain), also when a benchmark fails or is interrupted;
// a holder also exits by itself when its stdin closes, so it never outlives
// the benchmark that started it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const HOLDER_SCRIPT = join(here, '../packages/procnet-reader/bench/holder.mjs');
/** Connections per holder: 2 fds each, under the 20000 open-files limit. */
const PER_HOLDER = 9000;
/** Longest wait for one holder to open its connections. */
const HOLDER_READY_MS = 180_000;

export const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Whether a command is on PATH. */
export function have(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** `--name value` from a command line, or the fallback. */
export function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The machine's load averages, as `uptime` prints them. */
export function loadAverage() {
  return readFileSync('/proc/loadavg', 'latin1').split(' ').slice(0, 3).join(' ');
}

/**
 * Re-runs the calling script in a private network namespace when it can
 * (root, unshare, ip), so the tables hold only the benchmark's connections.
 * Returns false when the caller should measure where it is (already inside,
 * `--host-netns`, or not possible); otherwise it exits with the child's status.
 */
export function enterPrivateNetns(scriptUrl, args) {
  if (args.includes('--in-netns')) {
    console.log('measuring in a private network namespace (only our connections in the tables)');
    return false;
  }
  if (
    args.includes('--host-netns') ||
    process.getuid?.() !== 0 ||
    !have('unshare') ||
    !have('ip')
  ) {
    console.log('measuring in the current network namespace');
    return false;
  }
  const r = spawnSync(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      fileURLToPath(scriptUrl),
      ...args,
      '--in-netns',
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

/** Running holder children, by PID. */
const holders = new Map();

/** Stops every running holder by its PID (SIGTERM, SIGKILL after 10 s). */
export function stopHolders() {
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

for (const [signal, status] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    for (const pid of holders.keys()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {}
    }
    process.exit(status);
  });
}

function startHolder(count, address) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOLDER_SCRIPT, String(count), address], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    holders.set(child.pid, child);
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`holder ${child.pid} not ready in ${HOLDER_READY_MS / 1000} s`)),
      HOLDER_READY_MS,
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

/** Splits N connections over holders: at least two, about a third of them on ::1. */
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

/** Rows of /proc/net/tcp + tcp6 now. */
export function countTcpRows() {
  const lines = (f) => {
    try {
      return readFileSync(f, 'latin1').split('\n').length - 2;
    } catch {
      return 0;
    }
  };
  return lines('/proc/net/tcp') + lines('/proc/net/tcp6');
}

/**
 * Opens N loopback connections (2N TCP sockets) in holder processes and
 * resolves once all are established: `{ holders: [{ pid, port, address }], seconds }`.
 * Stop them with {@link stopHolders}.
 */
export async function holdConnections(n) {
  if (!existsSync(HOLDER_SCRIPT)) throw new Error(`bench: ${HOLDER_SCRIPT} is missing`);
  const t0 = performance.now();
  const started = await Promise.all(plan(n).map((p) => startHolder(p.count, p.address)));
  return { holders: started, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Runs a command to completion with output to /dev/null and returns its wall
 * time, CPU time (user+sys, from GNU time) and max RSS. Throws on failure.
 */
export function timeOnce(argv, { timeoutMs = 300_000, env } = {}) {
  const full = gnuTime ? [gnuTime, '-f', '%M %U %S', ...argv] : argv;
  const t0 = performance.now();
  const result = spawnSync(full[0], full.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutMs,
    env,
  });
  const ms = performance.now() - t0;
  if (result.status !== 0) {
    throw new Error(
      `${argv.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr.slice(-2000)}`,
    );
  }
  let cpuMs = Number.NaN;
  let rssMb = Number.NaN;
  if (gnuTime) {
    const [rss, user, sys] = (result.stderr.trim().split('\n').pop() ?? '').split(' ');
    rssMb = Number(rss) / 1024;
    cpuMs = (Number(user) + Number(sys)) * 1000;
  }
  return { ms, cpuMs, rssMb };
}

/**
 * Median wall and CPU time and peak RSS of a command over `runs` runs
 * (stops early once a run takes longer than `slowMs`).
 */
export function measure(argv, { runs = 5, slowMs = 10_000, timeoutMs, env } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const s = timeOnce(argv, { timeoutMs, env });
    samples.push(s);
    if (s.ms > slowMs) break;
  }
  return summarize(samples);
}

/** Median wall and CPU time, peak RSS and run count of timing samples. */
export function summarize(samples) {
  return {
    ms: median(samples.map((s) => s.ms)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
    runs: samples.length,
  };
}

export const fmtMs = (ms) => (Number.isNaN(ms) ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtMb = (mb) => (Number.isNaN(mb) ? 'n/a' : `${mb.toFixed(1)} MB`);
export const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
