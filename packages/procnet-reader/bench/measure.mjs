// One measurement of our reader, in a fresh process so its peak RSS is its own.
// Usage: node measure.mjs <what> <reps>
//   what: readparse | full | stream | scan | listening | json
// Prints one JSON line: { what, times: [ms...], cpu: [ms...], rows, maxRssMb }.
import {
  readListening,
  readSockets,
  scanSocketOwnersSync,
  streamSocketsSync,
} from '../dist/node.js';

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
      for (const socket of s.inet) if (socket.owner !== undefined) owned++;
      return owned;
    }
    case 'stream': {
      let rows = 0;
      for (const table of ['tcp', 'tcp6']) {
        for (const socket of streamSocketsSync(table)) if (socket.inode !== '') rows++;
      }
      return rows;
    }
    case 'scan':
      return scanSocketOwnersSync().size;
    case 'listening': {
      // first program (a): listening TCP ports with owner names
      const lines = [];
      for (const s of await readListening({ kinds: 'tcp', processes: true })) {
        lines.push(`${s.local.address}:${s.local.port} ${s.owner?.name ?? '-'}`);
      }
      return lines.length;
    }
    case 'json': {
      // first program (f): every TCP socket with owners, as JSON
      const { inet } = await readSockets({ kinds: 'tcp', processes: true });
      return JSON.stringify(inet).length > 0 ? inet.length : 0;
    }
    default:
      throw new Error(`unknown measurement ${what}`);
  }
}

const times = [];
const cpu = [];
let rows = 0;
for (let i = 0; i < reps; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  rows = await once();
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ what, times, cpu, rows, maxRssMb })}\n`);
