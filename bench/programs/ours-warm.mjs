// Warm in-process calls: the (a) or (f) program's work repeated in one
// process after a first (cold) call; prints {"ms": median of the warm calls}.
import { readListening, readSockets } from '@netintro/procnet-reader/node';

const which = process.argv[2] === 'json' ? 'json' : 'listening';
const rounds = Number(process.argv[3] ?? 7);

async function listening() {
  const lines = [];
  for (const s of await readListening({ kinds: 'tcp', processes: true })) {
    lines.push(`${s.local.address}:${s.local.port} ${s.owner?.pid} ${s.owner?.name}`);
  }
  return lines.join('\n');
}

async function json() {
  const { inet } = await readSockets({ kinds: 'tcp', processes: true });
  return JSON.stringify(inet);
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
