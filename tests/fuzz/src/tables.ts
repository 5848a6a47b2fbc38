/**
 * Random but well-formed /proc/net tables (the kernel's own layout), for
 * rendering through the real netstat and through our formatter.
 */
import type { Rng } from './rng.js';

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

const V4 = ['0100007F', '00000000', '020200C0', '7B6433C6', 'FFFFFFFF', '0101A8C0'];
const V6 = [
  '00000000000000000000000001000000',
  '00000000000000000000000000000000',
  'B80D0120D308A3852E8A191348737003',
  '000080FE0000000000000000CDAB0000',
  '0000000000000000FFFF00000100007F',
  '000000FD000000000000000002000000',
];

function inetLine(r: Rng, n: number, six: boolean, protocol: 'tcp' | 'udp' | 'raw'): string {
  const addr = () => r.pick(six ? V6 : V4);
  const port = () =>
    hex(r.one(4) ? 0 : r.pick([22, 80, 443, 8080, 53, 1, 58, 255, r.int(65536)]), 4);
  const state =
    protocol === 'tcp'
      ? 1 + r.int(11)
      : protocol === 'udp'
        ? r.pick([1, 7, 7, 2])
        : r.pick([7, 1, 10]);
  const queues = `${hex(r.one(3) ? r.int(100000) : 0, 8)}:${hex(r.one(3) ? r.int(5000) : 0, 8)}`;
  const timer = `${hex(r.int(5), 2)}:${hex(r.int(1_000_000), 8)}`;
  const tail =
    protocol === 'tcp' ? ` 1 0000000000000000 20 4 30 10 -1` : ` 2 0000000000000000 ${r.int(9)}`;
  return `${String(n).padStart(protocol === 'tcp' ? 4 : 5)}: ${addr()}:${port()} ${addr()}:${port()} ${hex(state, 2)} ${queues} ${timer} ${hex(r.int(4), 8)} ${String(r.pick([0, 1000, 65534, 4294967294])).padStart(5)} ${String(r.int(100)).padStart(8)} ${1 + r.int(99999999)}${tail}`;
}

/** The kernel's headers (Linux 6.x), IPv6 tables with their wider address columns. */
const V6_COLUMNS =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const HEADERS = {
  tcp: '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  udp: '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  raw: '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  tcp6: V6_COLUMNS,
  udp6: `${V6_COLUMNS} ref pointer drops`,
  raw6: `${V6_COLUMNS} ref pointer drops`,
};

export function inetTable(r: Rng, table: 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'raw' | 'raw6'): string {
  const protocol = table.startsWith('tcp') ? 'tcp' : table.startsWith('udp') ? 'udp' : 'raw';
  const rows = Array.from({ length: r.int(6) }, (_, i) =>
    inetLine(r, i, table.endsWith('6'), protocol),
  );
  return [HEADERS[table], ...rows, ''].join('\n');
}

export function unixTable(r: Rng): string {
  const rows = Array.from({ length: r.int(6) }, () => {
    const flags = r.one(2) ? 0x10000 : 0;
    const type = r.pick([1, 2, 5]);
    const state = 1 + r.int(4);
    const path = r.pick([
      '',
      ' /run/a.sock',
      ' @abstract',
      ' @with@nul',
      ' /tmp/x/y/zz.sock',
      ' rel',
    ]);
    const inode = String(r.one(5) ? r.int(100) : r.int(10_000_000)).padStart(5);
    return `0000000000000000: ${hex(1 + r.int(3), 8)} 00000000 ${hex(flags, 8)} ${hex(type, 4)} ${hex(state, 2)} ${inode}${path}`;
  });
  return ['Num       RefCount Protocol Flags    Type St Inode Path', ...rows, ''].join('\n');
}
