/**
 * Sample inputs for the playground and the build-time figures. Every
 * sample is raw text, exactly as the files would be on a machine; the
 * tables shown on the site are computed from it by the packages.
 */

import brokenTcp from '../data/broken/tcp.txt?raw';
import iceboxHosts from '../data/icebox/hosts.txt?raw';
import iceboxPasswd from '../data/icebox/passwd.txt?raw';
import iceboxServices from '../data/icebox/services.txt?raw';
import iceboxTcp from '../data/icebox/tcp.txt?raw';
import iceboxTcp6 from '../data/icebox/tcp6.txt?raw';
import serverDev from '../data/server/dev.txt?raw';
import serverHosts from '../data/server/hosts.txt?raw';
import serverNetstat from '../data/server/netstat.txt?raw';
import serverPasswd from '../data/server/passwd.txt?raw';
import serverRoute from '../data/server/route.txt?raw';
import serverSnmp from '../data/server/snmp.txt?raw';
import serverTcp from '../data/server/tcp.txt?raw';
import serverUdp from '../data/server/udp.txt?raw';

export interface Sample {
  id: string;
  label: string;
  description: string;
  argv: string[];
  tcp: string;
  tcp6: string;
  udp: string;
  services: string;
  hosts: string;
  /** /etc/passwd, for -e. */
  passwd: string;
  /** /proc/net/route, dev, snmp and netstat, for -r, -i and -s (empty when the sample has none). */
  route: string;
  dev: string;
  snmp: string;
  netstat: string;
}

const NO_EXTRAS = { route: '', dev: '', snmp: '', netstat: '' };

export const SAMPLES: Sample[] = [
  {
    id: 'icebox',
    label: 'icebox (the lesson)',
    description:
      "A hand-made /proc/net/tcp and tcp6 that reproduce the lesson's netstat -at figure of a laptop called icebox, with that laptop's /etc/hosts and the /etc/services lines it needs. Today's netstat prints 0.0.0.0:* where that figure, made with an older netstat, shows *:*.",
    argv: ['-at'],
    tcp: iceboxTcp,
    tcp6: iceboxTcp6,
    udp: '',
    services: iceboxServices,
    hosts: iceboxHosts,
    passwd: iceboxPasswd,
    ...NO_EXTRAS,
  },
  {
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
  },
  {
    id: 'broken',
    label: 'bad lines',
    description:
      'A /proc/net/tcp with a truncated line, a bad address and a line of garbage between good ones: the good lines are still shown, the bad ones are pointed at.',
    argv: ['-atn'],
    tcp: brokenTcp,
    tcp6: '',
    udp: '',
    services: '',
    hosts: '',
    passwd: '',
    ...NO_EXTRAS,
  },
];

export const ICEBOX = SAMPLES[0] as Sample;
