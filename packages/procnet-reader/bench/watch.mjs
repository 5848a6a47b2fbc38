// Benchmark: CPU time of one watchSockets poll at N TCP sockets, in a private
// network namespace (so other processes' sockets do not count), for
//   - an unchanged table (live loopback connections held by bench/holder.mjs:
//     idle, no timers, so the file is byte-identical between polls), and
//   - a table where one row changes on every poll (a copy of the same live
//     table in a temp folder, two versions written alternately), which takes
//     the line-by-line diff path,
// next to one full read + parse (readSocketsSync) of the same table.
//
//   pnpm run build && node bench/watch.mjs                # N = 1k and 60k sockets
//   node bench/watch.mjs --sizes 1000 --polls 20
//
// Needs root (unshare -n). Holders are stopped by PID, also on failure.
// Note: the kernel builds /proc/net/tcp by walking the machine-wide socket
// hash, so the read costs more when other namespaces hold many sockets.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

if (!args.includes('--inside')) {
  // Re-run inside a fresh network namespace with loopback up.
  const r = spawnSync(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      fileURLToPath(import.meta.url),
      '--inside',
      ...args,
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const { readSocketsSync, watchSockets } = await import(join(here, '../dist/node.js'));
const sizes = option('--sizes', '1000,60000').split(',').map(Number); // sockets (2 per connection)
const polls = Number(option('--polls', '30'));
const PER_HOLDER = 7500;

const holders = new Map();
function stopHolders() {
  return Promise.all(
    [...holders].map(
      ([pid, child]) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            resolve();
          }
        }),
    ),
  ).finally(() => holders.clear());
}
function startHolder(count, address) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'holder.mjs'), String(count), address], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    holders.set(child.pid, child);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`holder ${child.pid} exited (${code ?? signal})`)),
    );
  });
}
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cpuMs = (f) => {
  const c0 = process.cpuUsage();
  const r = f();
  return r instanceof Promise
    ? r.then(() => {
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      })
    : (() => {
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      })();
};

async function measurePolls(options) {
  const it = watchSockets({ kinds: 'tcp4', interval: 0, emitEmpty: true, ...options.watch });
  await it.next(); // baseline and first poll
  const times = [];
  for (let i = 0; i < polls; i++) {
    options.before?.(i);
    times.push(await cpuMs(() => it.next()));
  }
  await it.return();
  return median(times);
}

const rows = [];
try {
  for (const sockets of sizes) {
    const connections = Math.ceil(sockets / 2);
    const parts = Math.ceil(connections / PER_HOLDER);
    await Promise.all(
      Array.from({ length: parts }, (_, i) =>
        startHolder(Math.ceil(connections / parts), `127.0.0.${10 + i}`),
      ),
    );
    const table = readFileSync('/proc/net/tcp', 'latin1');
    const count = table.split('\n').length - 2;
    const unchanged = await measurePolls({});
    // Fixture copy: one row's queue flips between two values on every poll.
    const root = mkdtempSync(join(tmpdir(), 'netintro-watch-bench-'));
    mkdirSync(join(root, 'net'));
    const lines = table.split('\n');
    const alt = [...lines];
    alt[1] = alt[1].replace(/ ([0-9A-F]{8}):([0-9A-F]{8}) /, ' 00000400:$2 ');
    const versions = [lines.join('\n'), alt.join('\n')];
    const write = (i) => {
      writeFileSync(join(root, 'net', '.tcp'), versions[i % 2]);
      renameSync(join(root, 'net', '.tcp'), join(root, 'net', 'tcp'));
    };
    write(0);
    const diffed = await measurePolls({
      watch: { root, kinds: 'tcp4' },
      before: (i) => write(i + 1),
    });
    const readTimes = [];
    for (let i = 0; i < Math.min(polls, 10); i++)
      readTimes.push(cpuMs(() => readFileSync('/proc/net/tcp')));
    const fullTimes = [];
    for (let i = 0; i < Math.min(polls, 10); i++)
      fullTimes.push(cpuMs(() => readSocketsSync({ kinds: 'tcp4' })));
    rmSync(root, { recursive: true, force: true });
    rows.push({
      sockets: count,
      read: median(readTimes),
      unchanged,
      diffed,
      full: median(fullTimes),
    });
    await stopHolders();
  }
} finally {
  await stopHolders();
}
console.log('CPU per poll (user+system, median), /proc/net/tcp in a private namespace:');
console.log(
  'sockets | read /proc/net/tcp only | watch poll, unchanged table | watch poll, 1 row changed (diff, file on tmpfs) | readSocketsSync (read+parse)',
);
for (const r of rows) {
  console.log(
    `${String(r.sockets).padStart(7)} | ${r.read.toFixed(2)} ms | ${r.unchanged.toFixed(2)} ms | ${r.diffed.toFixed(2)} ms | ${r.full.toFixed(2)} ms`,
  );
}
