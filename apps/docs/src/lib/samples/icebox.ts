/** The playground's "icebox" sample (its own chunk: the page loads it on a click). */
import iceboxHosts from '../../data/icebox/hosts.txt?raw';
import iceboxPasswd from '../../data/icebox/passwd.txt?raw';
import iceboxServices from '../../data/icebox/services.txt?raw';
import iceboxTcp from '../../data/icebox/tcp.txt?raw';
import iceboxTcp6 from '../../data/icebox/tcp6.txt?raw';
import type { Sample } from '../samples';

const sample: Sample = {
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
};
export default sample;
