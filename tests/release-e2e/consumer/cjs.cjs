// CommonJS consumer: every entry point through `require`, as an older tool would.
const assert = require('node:assert/strict');
const { decodeAddress, parseProcNet } = require('@netintro/procnet-reader');
const { readSockets } = require('@netintro/procnet-reader/node');
const { createServicesDb, parseServices } = require('@netintro/services-parser');
const { readServicesSync } = require('@netintro/services-parser/node');
const { formatInetTable } = require('@netintro/socket-formatter');

async function main() {
  const entries = parseServices('ssh 22/tcp\nhttps 443/tcp\nhttps 443/udp\n');
  assert.equal(entries.length, 3);
  const db = createServicesDb(entries);
  assert.equal(db.byName('https', 'udp')?.port, 443);
  assert.equal(db.byPort(22)?.name, 'ssh');
  assert.equal(readServicesSync('services.txt').length, 4);

  const udp = [
    '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
    '  100: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 777 2 0000000000000000 0',
    '',
  ].join('\n');
  const sockets = parseProcNet('udp', udp, { endianness: 'little' });
  assert.equal(sockets.length, 1);
  assert.equal(sockets[0].local.address, '127.0.0.53');
  assert.equal(sockets[0].local.port, 53);
  assert.equal(decodeAddress('00000000000000000000000001000000', 'little'), '::1');
  assert.equal(typeof (await readSockets({ kinds: 'udp' })), 'object');

  const lines = formatInetTable(sockets, { all: true, udp: true, numeric: true })
    .split('\n')
    .map((l) => l.trimEnd());
  assert.equal(lines[0], 'Active Internet connections (servers and established)');
  assert.match(lines[2], /^udp +0 +0 127\.0\.0\.53:53 +0\.0\.0\.0:\*$/);
  console.log('cjs ok');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
