// ESM consumer: every entry point through `import`, as a user's module would.
import assert from 'node:assert/strict';
import { decodeAddress, parseProcNet } from '@netintro/procnet-reader';
import { readSockets } from '@netintro/procnet-reader/node';
import { createServicesDb, parseServices, ServicesParseError } from '@netintro/services-parser';
import { readServices } from '@netintro/services-parser/node';
import { formatInetTable, servicesResolverFromDb } from '@netintro/socket-formatter';

// services-parser, root entry and ./node
const entries = parseServices('http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP\n', {
  source: 'inline',
});
assert.equal(entries.length, 1);
assert.equal(entries[0].name, 'http');
assert.equal(entries[0].port, 80);
assert.equal(entries[0].protocol, 'tcp');
assert.deepEqual(entries[0].aliases, ['www']);
assert.equal(createServicesDb(entries).byPort(80, 'tcp')?.name, 'http');
assert.throws(() => parseServices('http 80\n'), ServicesParseError);
const fromFile = await readServices('services.txt');
assert.deepEqual(
  fromFile.map((e) => `${e.name} ${e.port}/${e.protocol}`),
  ['ssh 22/tcp', 'http 80/tcp', 'https 443/tcp', 'https 443/udp'],
);

// procnet-reader, root entry and ./node
const tcp = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0',
  '',
].join('\n');
const sockets = parseProcNet('tcp', tcp, { endianness: 'little' });
assert.equal(sockets.length, 1);
assert.equal(sockets[0].local.address, '127.0.0.1');
assert.equal(sockets[0].local.port, 22);
assert.equal(sockets[0].state, 'LISTEN');
assert.equal(decodeAddress('0100007F', 'little'), '127.0.0.1');
const live = await readSockets({ kinds: 'tcp' });
assert.equal(typeof live, 'object');

// socket-formatter, fed by both: netstat -at with names from the services file
const services = servicesResolverFromDb(createServicesDb(fromFile));
const table = formatInetTable(sockets, { all: true, tcp: true, numericHosts: true }, { services });
const lines = table.split('\n').map((l) => l.trimEnd());
assert.equal(lines[0], 'Active Internet connections (servers and established)');
assert.match(lines[1], /^Proto Recv-Q Send-Q Local Address +Foreign Address +State$/);
assert.match(lines[2], /^tcp +0 +0 127\.0\.0\.1:ssh +0\.0\.0\.0:\* +LISTEN$/);

console.log('esm ok');
