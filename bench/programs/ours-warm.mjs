// Warm in-process calls: the (a) or (f) program's work repeated in one
// process after a first (cold) call; prints {"ms": median of the warm calls}.
import { readSockets } from '@netintro/procnet-reader/node';

const which = process.argv[2] === 'json' ? 'json' : 'listening';
const rounds = Number(process.argv[3] ?? 7);

async function listening() {
  const snap = await readSockets({ kinds: 'tcp', processes: true });
  const lines = [];
  for (const s of snap.inet) {
    if (s.state !== 'LISTEN') continue;
    const owner = snap.processes.get(s.inode)?.[0];
    lines.push(`${s.local.address}:${s.local.port} ${owner?.pid} ${owner?.command}`);
  }
  return lines.join('\n');
}

async function json() {
  const snap = await readSockets({ kinds: 'tcp', processes: true });
  return JSON.stringify(snap.inet.map((s) => ({ ...s, owner: snap.processes.get(s.inode)?.[0] })));
}

const work = which === 'json' ? json : listening;
await work();
const times = [];
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  await work();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ ms: times[times.length >> 1] }));
