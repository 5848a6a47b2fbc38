import { parseProcNet } from '@netintro/procnet-reader';
import { describe, expect, it } from 'vitest';
import { createInetRowFormatter } from './inet.js';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const tcp = (body: string) => parseProcNet('tcp', `${TCP_HEADER}\n${body}\n`);

describe('createInetRowFormatter', () => {
  const rows = tcp(
    [
      '   0: 0100007F:0016 0200007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 7 1 0 20 4 30 10 -1',
      '   1: 0100007F:0016 0300007F:D432 01 00000000:00000000 00:00000000 00000000     0        0 8 1 0 20 4 30 10 -1',
    ].join('\n'),
  );

  it('asks the host resolver on every row, so answers that arrive later show', () => {
    const names = new Map<string, string>();
    const row = createInetRowFormatter({ numericPorts: true }, { hosts: (a) => names.get(a) });
    expect(row(rows[0]!)).toBe(
      'tcp        0      0 127.0.0.1:22            127.0.0.2:54321         ESTABLISHED',
    );
    names.set('127.0.0.1', 'localhost');
    expect(row(rows[1]!)).toBe(
      'tcp        0      0 localhost:22            127.0.0.3:54322         ESTABLISHED',
    );
  });

  it('pads by bytes when a name is not ASCII, as printf does', () => {
    const row = createInetRowFormatter({ numericPorts: true }, { hosts: () => 'hôte' });
    // 'hôte:22' is 7 characters but 8 bytes: 15 spaces, not 16.
    expect(row(rows[0]!)).toBe(
      `tcp        0      0 hôte:22${' '.repeat(15)} hôte:54321${' '.repeat(12)} ESTABLISHED`,
    );
  });

  it('caches a program column per pid only while the command is the same', () => {
    const procs = new Map([
      ['7', { pid: 9, fd: 3, command: 'first' }],
      ['8', { pid: 9, fd: 4, command: 'second' }],
    ]);
    const row = createInetRowFormatter(
      { numeric: true, program: true },
      { processes: (inode) => procs.get(inode) },
    );
    expect(row(rows[0]!).endsWith(' 9/first             ')).toBe(true);
    expect(row(rows[1]!).endsWith(' 9/second            ')).toBe(true);
  });
});
