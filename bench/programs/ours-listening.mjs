// (a) Listening TCP ports with the owning program, with @netintro/procnet-reader.
import { readSockets } from '@netintro/procnet-reader/node';

const snap = await readSockets({ kinds: 'tcp', processes: true });
for (const s of snap.inet) {
  if (s.state !== 'LISTEN') continue;
  const owner = snap.processes.get(s.inode)?.[0];
  console.log(`${s.local.address}:${s.local.port}`, owner?.pid, owner?.command);
}
