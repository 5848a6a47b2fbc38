// (f) Every TCP socket with its owner, as JSON, with @netintro/procnet-reader.
import { readSockets } from '@netintro/procnet-reader/node';

const snap = await readSockets({ kinds: 'tcp', processes: true });
const sockets = snap.inet.map((s) => ({ ...s, owner: snap.processes.get(s.inode)?.[0] }));
console.log(JSON.stringify(sockets));
