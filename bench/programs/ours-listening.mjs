// (a) Listening TCP ports with the owning program, with @netintro/procnet-reader.
import { readListening } from '@netintro/procnet-reader/node';

for (const s of await readListening({ kinds: 'tcp', processes: true })) {
  console.log(`${s.local.address}:${s.local.port}`, s.owner?.pid ?? '-', s.owner?.name ?? '-');
}
