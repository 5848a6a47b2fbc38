// Benchmark: formatting synthetic /proc/net/tcp tables (no live sockets
// needed) with the built package. Reports parse and format time per size.
//
//   pnpm run build && pnpm run bench            # 1k, 10k, 60k rows
//   node bench/run.mjs --sizes 1000 --reps 3
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const sizes = option('--sizes', '1000,10000,60000').split(',').map(Number);
const reps = Number(option('--reps', '5'));

const require = createRequire(join(here, '..', 'package.json'));
const { parseProcNet } = await import(require.resolve('@netintro/procnet-reader'));
const { formatInetTable, formatInetRow, resolveFlags, toJson } = await import(
  join(here, '..', 'dist', 'index.js')
);

const header =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
function table(n) {
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const port = (1024 + (i % 60000)).toString(16).toUpperCase().padStart(4, '0');
    lines.push(
      `${String(i).padStart(4)}: 0A00007F:1F90 0A00007F:${port} 01 00000000:00000000 02:000AE622 00000000  1000        0 ${100000 + i} 1 0000000000000000 20 4 30 10 -1`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const runs = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    out = fn();
    runs.push(performance.now() - t);
  }
  return { ms: median(runs), out };
};

console.log('rows\tparse ms\t-ant table ms\t-antpeo rows ms\tjson ms\tbytes');
for (const n of sizes) {
  const text = table(n);
  const parsed = time(() => parseProcNet('tcp', text));
  const sockets = parsed.out;
  const flags = { all: true, tcp: true, numeric: true };
  const t1 = time(() => formatInetTable(sockets, flags));
  const wide = resolveFlags({ ...flags, program: true, extend: 1, timers: true });
  const t2 = time(() => {
    let bytes = 0;
    for (const s of sockets) bytes += formatInetRow(s, wide).length + 1;
    return bytes;
  });
  const t3 = time(() => toJson({ inet: sockets }, flags));
  console.log(
    `${n}\t${parsed.ms.toFixed(1)}\t${t1.ms.toFixed(1)}\t${t2.ms.toFixed(1)}\t${t3.ms.toFixed(1)}\t${t1.out.length}`,
  );
}
