import { describe, expect, it } from 'vitest';
import {
  INET_TABLES,
  PROC_NET_TABLES,
  parseInetLine,
  parseInetTable,
  parseProcNet,
  parseRaw,
  parseTcp,
  parseTcp6,
  parseUdp,
  tcpStateName,
} from '../../src/index.js';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     ';

describe('table lists', () => {
  it("list the Internet tables in netstat's order, and every table parseProcNet knows", () => {
    expect(INET_TABLES.join(' ')).toBe('tcp tcp6 udp udp6 udplite udplite6 raw raw6');
    expect(PROC_NET_TABLES.slice(INET_TABLES.length).join(' ')).toBe(
      'unix route ipv6_route dev snmp snmp6 netstat',
    );
    expect(Object.isFrozen(INET_TABLES) && Object.isFrozen(PROC_NET_TABLES)).toBe(true);
  });
});

describe('tcp lines (NETSTAT-FACTS item 4)', () => {
  it('decodes a full 17-field LISTEN line with trailing padding', () => {
    const [s] = parseTcp(
      `${TCP_HEADER}\n   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 423 1 000000002aabab3b 100 0 0 10 0                       \n`,
    );
    expect(s).toEqual({
      table: 'tcp',
      protocol: 'tcp',
      family: 4,
      slot: 0,
      local: { address: '0.0.0.0', addressHex: '00000000', port: 2024 },
      remote: { address: '0.0.0.0', addressHex: '00000000', port: 0 },
      stateCode: 10,
      state: 'LISTEN',
      txQueue: 0,
      rxQueue: 0,
      timerCode: 0,
      timer: 'off',
      timerTicks: 0,
      retransmits: 0,
      uid: 0,
      timeout: 0,
      inode: '423',
      refCount: 1,
      pointer: '000000002aabab3b',
      rto: 100,
      ato: 0,
      quickAck: 0,
      cwnd: 10,
      ssthresh: 0,
      line: 2,
    });
  });

  it('accepts a 12-field TIME_WAIT mini-socket', () => {
    const s = parseInetLine(
      'tcp',
      '  26: 0100007F:D5F8 0100007F:97A7 06 00000000:00000000 03:00001582 00000000     0        0 0 3 00000000871fc873',
      27,
    );
    expect(s).toMatchObject({
      slot: 26,
      local: { address: '127.0.0.1', port: 0xd5f8 },
      remote: { address: '127.0.0.1', port: 0x97a7 },
      state: 'TIME_WAIT',
      timer: 'timewait',
      timerTicks: 0x1582,
      inode: '0',
      refCount: 3,
      pointer: '00000000871fc873',
      line: 27,
    });
    expect(s?.rto).toBeUndefined();
    expect(s?.extra).toBeUndefined();
  });

  it('accepts a SYN_RECV request socket', () => {
    const s = parseInetLine(
      'tcp',
      '  14: 020200C0:270F 097100CB:9C41 03 00000000:00000000 01:000000D6 00000002     0        0 0 0 000000009d25a645',
      1,
    );
    expect(s).toMatchObject({
      local: { address: '192.0.2.2', port: 9999 },
      remote: { address: '203.0.113.9', port: 0x9c41 },
      state: 'SYN_RECV',
      timer: 'on',
      retransmits: 2,
      refCount: 0,
    });
  });

  it('reads queues as hex: tx first, rx second (item 6)', () => {
    const s = parseInetLine(
      'tcp',
      '   3: 0100007F:C068 0100007F:223D 01 003AF38E:00007FE5 00:00000000 00000000  1000        0 5555 1 0000000000000000 20 4 30 10 -1',
      1,
    );
    expect(s?.txQueue).toBe(3863438);
    expect(s?.rxQueue).toBe(32741);
    expect(s?.ssthresh).toBe(-1);
  });

  it('keeps unknown state codes with the code (item 13)', () => {
    for (const code of ['00', '0C', '0D', 'FF']) {
      const s = parseInetLine(
        'tcp',
        `   0: 0100007F:0016 0200007F:D431 ${code} 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 20 4 30 10 -1`,
        1,
      );
      expect(s?.state).toBe('UNKNOWN');
      expect(s?.stateCode).toBe(Number.parseInt(code, 16));
    }
    expect(tcpStateName(0x0b)).toBe('CLOSING');
  });

  it('keeps extra columns from newer kernels', () => {
    const s = parseInetLine(
      'tcp',
      '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0 42 future',
      1,
    );
    expect(s?.extra).toEqual(['42', 'future']);
  });

  it('keeps inodes past 32 bits as exact decimal strings (item 18)', () => {
    const s = parseInetLine(
      'tcp',
      '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18446744073709551615 1 0000000000000000 100 0 0 10 0',
      1,
    );
    expect(s?.inode).toBe('18446744073709551615');
  });
});

describe('tcp6, udp, raw', () => {
  it('decodes IPv6 and v4-mapped addresses, tcp6 without padding', () => {
    const [a, b] = parseTcp6(
      [
        '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
        '   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 100 1 0000000000000000 100 0 0 10 0',
        '   1: 0000000000000000FFFF00000100007F:01BB 0000000000000000FFFF00000100007F:A0DC 01 00000000:00000000 02:00000ABC 00000000  1000        0 101 1 0000000000000000 20 4 30 10 -1',
      ].join('\n'),
    );
    expect(a?.local).toEqual({
      address: '::1',
      addressHex: '00000000000000000000000001000000',
      port: 8080,
    });
    expect(a?.family).toBe(6);
    expect(b?.local.address).toBe('::ffff:127.0.0.1');
    expect(b?.timer).toBe('keepalive');
  });

  it('reads a udp line with drops and a hash-bucket slot (items 5, 9)', () => {
    const [s] = parseUdp(
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            \n' +
        '14707: 00000000:0035 00000000:0000 07 00000000:00000340 00:00000000 00000000     0        0 777 2 0000000000000000 5\n',
    );
    expect(s).toMatchObject({
      protocol: 'udp',
      slot: 14707,
      state: 'CLOSE',
      rxQueue: 832,
      drops: 5,
      local: { port: 53 },
    });
  });

  it('reads raw sockets, where the port is the protocol number (item 15)', () => {
    const [s] = parseRaw(
      '  255: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4321 2 0000000000000000 0',
    );
    expect(s?.protocol).toBe('raw');
    expect(s?.local.port).toBe(1);
  });

  it('honours big-endian text', () => {
    const [s] = parseProcNet(
      'tcp',
      '   0: 7F000001:0050 C0000202:D431 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 20 4 30 10 -1',
      { endianness: 'big' },
    );
    expect(s?.local.address).toBe('127.0.0.1');
    expect(s?.remote.address).toBe('192.0.2.2');
    expect(s?.local.port).toBe(80);
  });

  it('ignores blank lines and CRLF', () => {
    const rows = parseInetTable(
      'tcp',
      `\n${TCP_HEADER}\r\n\r\n   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\r\n   \n`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.line).toBe(4);
  });
});
