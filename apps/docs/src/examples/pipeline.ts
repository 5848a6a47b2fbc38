import { parseHosts, parseTcp } from '@netintro/procnet-reader';
import { createServicesDb, parseServices } from '@netintro/services-parser';
import {
  formatNetstat,
  hostsResolverFromEntries,
  servicesResolverFromDb,
} from '@netintro/socket-formatter';

// Text as it is in /proc/net/tcp, /etc/services and /etc/hosts.
const tcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12710 1 0000000000000000 100 0 0 10 0
   1: 0A01A8C0:ADB4 321C1C7C:0050 06 00000000:00000000 03:00001582 00000000     0        0 0 3 0000000000000000
`;
const services = 'http 80/tcp www\nipp 631/tcp\n';
const hosts = '127.0.0.1 localhost\n192.168.1.10 icebox.lan\n';

// 1. parse, 2. look names up (netstat's rule: the last matching line wins), 3. format.
const sockets = parseTcp(tcp);
const db = createServicesDb(parseServices(services), { match: 'last' });
export const output = formatNetstat(
  { inet: sockets },
  { all: true, tcp: true }, // netstat -at
  { services: servicesResolverFromDb(db), hosts: hostsResolverFromEntries(parseHosts(hosts)) },
);
console.log(output);
