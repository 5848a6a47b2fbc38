// (a) Listening TCP ports with the owning program, with systeminformation.
import si from 'systeminformation';

for (const c of await si.networkConnections()) {
  if (!c.protocol.startsWith('tcp') || c.state !== 'LISTEN') continue;
  console.log(`${c.localAddress}:${c.localPort}`, c.pid, c.process);
}
