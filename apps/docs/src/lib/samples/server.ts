/** The playground's "server" sample (its own chunk: the page loads it on a click). */
import serverDev from '../../data/server/dev.txt?raw';
import serverHosts from '../../data/server/hosts.txt?raw';
import serverNetstat from '../../data/server/netstat.txt?raw';
import serverPasswd from '../../data/server/passwd.txt?raw';
import serverRoute from '../../data/server/route.txt?raw';
import serverSnmp from '../../data/server/snmp.txt?raw';
import serverTcp from '../../data/server/tcp.txt?raw';
import serverUdp from '../../data/server/udp.txt?raw';
import type { Sample } from '../samples';

const sample: Sample = {
  id: 'server',
  label: 'web server',
  description:
    'A small web server: sshd and nginx listening, three browsers connected over HTTPS, one connection still opening (SYN_RECV), a DNS resolver on UDP. Services: the embedded netbase list. Its route, dev, snmp and netstat files (for -r, -i and -s) are real ones from a network namespace with the same address.',
  argv: ['-atu'],
  tcp: serverTcp,
  tcp6: '',
  udp: serverUdp,
  services: '',
  hosts: serverHosts,
  passwd: serverPasswd,
  route: serverRoute,
  dev: serverDev,
  snmp: serverSnmp,
  netstat: serverNetstat,
};
export default sample;
