// (f) Every TCP socket with its owner, as JSON, with systeminformation.
import si from 'systeminformation';

const connections = await si.networkConnections();
console.log(JSON.stringify(connections.filter((c) => c.protocol.startsWith('tcp'))));
