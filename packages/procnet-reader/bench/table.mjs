// The synthetic /proc/net/tcp and tcp6 tables the parse benchmarks read.

const hex = (n, width) => n.toString(16).toUpperCase().padStart(width, '0');

/** A realistic table: 60k loopback connections seen from both ends, like the N-connection harness. */
export function makeTable(n, v6) {
  const header = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
    : '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     ';
  const lines = [header];
  const server = v6 ? '00000000000000000000000001000000' : '0100007F';
  for (let i = 0; i < n; i++) {
    const client = v6
      ? `0000000000000000FFFF0000${hex(0x0100007f + ((i >> 16) << 24), 8)}`
      : hex(0x0100007f + ((i & 7) << 24), 8);
    const port = hex(32768 + ((i >> 1) % 28000), 4);
    const [l, r] =
      i & 1 ? [`${server}:1F90`, `${client}:${port}`] : [`${client}:${port}`, `${server}:1F90`];
    const sl = String(i).padStart(4, ' ');
    const mini = i % 10 === 9;
    const line = mini
      ? `${sl}: ${l} ${r} 06 00000000:00000000 03:00001582 00000000     0        0 0 3 00000000871fc873`
      : `${sl}: ${l} ${r} 01 00000000:00000000 00:00000000 00000000  1000        0 ${100000 + i} 1 00000000${hex((i * 2654435761) >>> 0, 8).toLowerCase()} 20 4 30 10 -1`;
    lines.push(v6 ? line : line.padEnd(150, ' '));
  }
  return `${lines.join('\n')}\n`;
}
