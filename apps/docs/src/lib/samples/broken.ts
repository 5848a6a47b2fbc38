/** The playground's "broken" sample (its own chunk: the page loads it on a click). */
import brokenTcp from '../../data/broken/tcp.txt?raw';
import type { Sample } from '../samples';

const sample: Sample = {
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
};
export default sample;
