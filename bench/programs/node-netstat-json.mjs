// (f) Every TCP socket with its owner, as JSON, with node-netstat.
import netstat from 'node-netstat';

netstat.parsers.linux = netstat.parserFactories.linux({ parseName: true });
const sockets = [];
netstat({ sync: true }, (item) => {
  if (item.protocol.startsWith('tcp')) sockets.push(item);
});
console.log(JSON.stringify(sockets));
