// (a) Listening TCP ports with the owning program, with node-netstat.
import netstat from 'node-netstat';

netstat.parsers.linux = netstat.parserFactories.linux({ parseName: true });
netstat({ sync: true, filter: { state: 'LISTEN' } }, (item) => {
  if (item.protocol.startsWith('tcp')) {
    console.log(`${item.local.address}:${item.local.port}`, item.pid, item.processName);
  }
});
