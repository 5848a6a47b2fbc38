// First program (f), as a user writes it: every TCP socket with its owner, as JSON.
import { readSockets } from '../dist/node.js';

const { inet } = await readSockets({ kinds: 'tcp', processes: true });
process.stdout.write(JSON.stringify(inet));
