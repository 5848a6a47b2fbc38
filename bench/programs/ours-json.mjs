// (f) Every TCP socket with its owner, as JSON, with @netintro/procnet-reader.
import { readSockets } from '@netintro/procnet-reader/node';

const { inet } = await readSockets({ kinds: 'tcp', processes: true });
console.log(JSON.stringify(inet));
