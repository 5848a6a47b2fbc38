// One measurement of our reader, in a fresh process so its peak RSS is its own.
// Usage: node measure.mjs <what> <reps>
//   what: readparse | full | stream | scan-sync | scan-threads | scan-async
// Prints one JSON line: { what, times: [ms...], cpu: [ms...], rows, maxRssMb }.
import { readSockets, scanSocketProcesses, streamSockets } from '../dist/node.js';

const what = process.argv[2];
const reps = Number(process.argv[3] ?? 5);

async function once() {
  switch (what) {
    case 'readparse': {
      const s = await readSockets({ kinds: 'tcp' });
      return s.inet.length;
    }
    case 'full': {
      const s = await readSockets({ kinds: 'tcp', processes: true });
      let owned = 0;
      for (const socket of s.inet) if (s.processes.has(socket.inode)) owned++;
      return owned;
    }
    case 'stream': {
      let rows = 0;
      for (const table of ['tcp', 'tcp6']) {
        for await (const socket of streamSockets(table)) if (socket.inode !== '') rows++;
      }
      return rows;
    }
    case 'scan-sync':
    case 'scan-threads':
    case 'scan-async': {
      const scan = await scanSocketProcesses({ mode: what.slice(5) });
      return scan.byInode.size;
    }
    default:
      throw new Error(`unknown measurement ${what}`);
  }
}

const times = [];
const cpu = [];
let rows = 0;
for (let i = 0; i < reps; i++) {
  const c0 = process.cpuUsage(); // whole process: main thread, workers, thread pool
  const t0 = performance.now();
  rows = await once();
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ what, times, cpu, rows, maxRssMb })}\n`);
