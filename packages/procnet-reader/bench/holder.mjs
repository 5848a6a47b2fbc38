// Holds `count` loopback TCP connections (both ends) until killed or until its
// stdin closes (so it never outlives the benchmark that started it).
// Usage: node holder.mjs <count> <listenAddress>
// Prints one JSON line {"ready":true,"port":N,"address":"..."} once every
// connection is established and accepted.
import net from 'node:net';

const count = Number(process.argv[2]);
const address = process.argv[3] ?? '127.0.0.1';
if (!Number.isInteger(count) || count < 1 || count > 9500) {
  console.error('holder: count must be an integer in 1..9500 (fd limit)');
  process.exit(2);
}

const accepted = [];
const clients = [];
const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  accepted.push(socket);
  socket.on('error', () => {});
  maybeReady();
});
server.maxConnections = count;

let opened = 0;
let established = 0;
let failed = 0;
const inFlightLimit = 256;

function openMore(port) {
  while (opened < count && opened - established - failed < inFlightLimit) {
    opened++;
    const socket = net.connect({ port, host: address });
    socket.on('connect', () => {
      established++;
      openMore(port);
      maybeReady();
    });
    socket.on('error', (error) => {
      failed++;
      console.error(`holder: connect failed: ${error.message}`);
      if (failed > 10) process.exit(1);
      openMore(port);
    });
    clients.push(socket);
  }
}

let announced = false;
function maybeReady() {
  if (announced || established + failed < count || accepted.length < established) return;
  announced = true;
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ ready: true, port, address, established })}\n`);
}

server.listen({ port: 0, host: address, backlog: 4096 }, () => {
  openMore(server.address().port);
});

function shutdown() {
  // RST instead of FIN: leaves no TIME_WAIT rows behind for other tests.
  for (const s of clients) s.resetAndDestroy();
  for (const s of accepted) s.destroy();
  server.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdin.resume();
