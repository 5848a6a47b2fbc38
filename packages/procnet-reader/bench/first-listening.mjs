// First program (a), as a user writes it: listening TCP ports with the owner's name.
import { readListening } from '../dist/node.js';

let out = '';
for (const s of await readListening({ kinds: 'tcp', processes: true })) {
  out += `${s.local.address}:${s.local.port}\t${s.owner?.pid ?? '-'}\t${s.owner?.name ?? '-'}\n`;
}
process.stdout.write(out);
