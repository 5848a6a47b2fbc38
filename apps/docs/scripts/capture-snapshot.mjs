// Captures this machine's /proc/net/tcp and tcp6 into src/data/snapshot/,
// the committed fallback the site shows (clearly labelled) when it is built
// on a machine without /proc. Refuses to write a snapshot that contains an
// address other than loopback or a wildcard, so nothing private is committed.
// Usage: node scripts/capture-snapshot.mjs  (little-endian Linux only)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness, hostname } from 'node:os';

if (process.platform !== 'linux' || endianness() !== 'LE') {
  console.error('capture-snapshot: needs little-endian Linux');
  process.exit(1);
}
const out = new URL('../src/data/snapshot/', import.meta.url);
mkdirSync(out, { recursive: true });

const okV4 = (hex) => hex === '00000000' || hex.endsWith('7F');
const okV6 = (hex) =>
  /^0{32}$/.test(hex) ||
  hex === '00000000000000000000000001000000' ||
  (hex.startsWith('0000000000000000FFFF0000') && okV4(hex.slice(24)));

// A busy machine can have thousands of sockets: keep the header and the
// first MAX_ROWS socket lines of each table.
const MAX_ROWS = 12;
const kept = {};
for (const table of ['tcp', 'tcp6']) {
  const all = readFileSync(`/proc/net/${table}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  kept[table] = all.length - 1;
  const text = `${all.slice(0, MAX_ROWS + 1).join('\n')}\n`;
  for (const [i, line] of text.split('\n').entries()) {
    if (i === 0 || !line.trim()) continue;
    const [, local, remote] = line.trim().split(/\s+/);
    for (const endpoint of [local, remote]) {
      const hex = (endpoint ?? '').split(':')[0] ?? '';
      if (!(table === 'tcp' ? okV4(hex) : okV6(hex))) {
        console.error(
          `capture-snapshot: ${table} line ${i + 1} has a non-loopback address; not writing`,
        );
        process.exit(1);
      }
    }
  }
  writeFileSync(new URL(`${table}.txt`, out), text);
}
const meta = {
  host: hostname(),
  capturedAt: new Date().toISOString(),
  kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
  socketsOnMachine: kept,
  rowsKept: MAX_ROWS,
  note: 'Loopback and wildcard addresses only (checked by scripts/capture-snapshot.mjs).',
};
writeFileSync(new URL('meta.json', out), `${JSON.stringify(meta, null, 2)}\n`);
console.log(`capture-snapshot: wrote tcp, tcp6 and meta.json for ${meta.host}`);
