import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  INET_TABLES,
  type InetSocket,
  type InetTableName,
  parseDev,
  parseInetTable,
  parseIpv6Route,
  parseNetstat,
  parseProcNet,
  parseRoute,
  parseSnmp,
  parseSnmp6,
  parseUnix,
  type TcpSocket,
} from '../../src/index.js';

const fixture = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url)), 'utf8');
const zoo = (table: string): string => fixture(`zoo/proc/net/${table}`);

const inetTables = INET_TABLES;

const all = inetTables.flatMap((t) => parseInetTable(t, zoo(t)));
const find = (table: InetTableName, local: string, remote: string): InetSocket => {
  const hit = all.find(
    (s) =>
      s.table === table &&
      `${s.local.address}:${s.local.port}` === local &&
      `${s.remote.address}:${s.remote.port}` === remote,
  );
  if (!hit) throw new Error(`no ${table} socket ${local} -> ${remote}`);
  return hit;
};

describe('zoo capture: rows checked by hand against ss-tuanwxe.txt and netstat-tuanwxeo.txt', () => {
  it('has every row of every table', () => {
    // Line counts of the files, minus the header line.
    expect(parseInetTable('tcp', zoo('tcp'))).toHaveLength(24);
    expect(parseInetTable('tcp6', zoo('tcp6'))).toHaveLength(5);
    expect(parseInetTable('udp', zoo('udp'))).toHaveLength(3);
    expect(parseInetTable('udp6', zoo('udp6'))).toHaveLength(1);
    expect(parseInetTable('udplite', zoo('udplite'))).toHaveLength(1);
    expect(parseInetTable('udplite6', zoo('udplite6'))).toHaveLength(1);
    expect(parseInetTable('raw', zoo('raw'))).toHaveLength(2);
    expect(parseInetTable('raw6', zoo('raw6'))).toHaveLength(1);
    expect(parseUnix(zoo('unix'))).toHaveLength(11);
  });

  it('LISTEN with one unaccepted connection: Recv-Q 1 (netstat: tcp 1 0 127.0.0.1:8080)', () => {
    expect(find('tcp', '127.0.0.1:8080', '0.0.0.0:0')).toMatchObject({
      state: 'LISTEN',
      stateCode: 0x0a,
      rxQueue: 1,
      txQueue: 0,
      inode: '73924',
      uid: 0,
    });
  });

  it('ESTABLISHED with full queues (ss: Send-Q 3782144 / Recv-Q 128512)', () => {
    expect(find('tcp', '127.0.0.1:54378', '127.0.0.1:8080')).toMatchObject({
      state: 'ESTABLISHED',
      txQueue: 3782144,
      rxQueue: 0,
      timer: 'probe',
      timerCode: 4,
      inode: '73930',
    });
    expect(find('tcp', '127.0.0.1:8080', '127.0.0.1:54378')).toMatchObject({
      rxQueue: 128512,
      inode: '73931',
    });
  });

  it('keepalive timer (netstat: keepalive (7199.22/0/0))', () => {
    const s = find('tcp', '127.0.0.1:54388', '127.0.0.1:8080');
    expect(s.timer).toBe('keepalive');
    expect(s.timerTicks).toBe(0xafc37); // 719927 ticks = 7199.27 s at the /proc read
  });

  it('FIN_WAIT1 behind a full window, Send-Q 3782145 (data + FIN)', () => {
    expect(find('tcp', '127.0.0.1:54398', '127.0.0.1:8080')).toMatchObject({
      state: 'FIN_WAIT1',
      txQueue: 3782145,
      timer: 'probe',
      inode: '73934',
    });
  });

  it('full FIN_WAIT2 and CLOSE_WAIT with Recv-Q 1', () => {
    const fw2 = find('tcp', '127.0.0.1:54414', '127.0.0.1:8080');
    expect(fw2).toMatchObject({ state: 'FIN_WAIT2', inode: '73936', timer: 'off' });
    expect((fw2 as TcpSocket).cwnd).toBe(11);
    expect(find('tcp', '127.0.0.1:8080', '127.0.0.1:54414')).toMatchObject({
      state: 'CLOSE_WAIT',
      rxQueue: 1,
      inode: '73937',
    });
  });

  it('orphaned FIN_WAIT2 is a 12-field timewait mini-socket (item 12)', () => {
    const s = find('tcp', '127.0.0.1:54422', '127.0.0.1:8080');
    expect(s).toMatchObject({
      state: 'FIN_WAIT2',
      stateCode: 5,
      timer: 'timewait',
      inode: '0',
      uid: 0,
      refCount: 3,
    });
    expect((s as TcpSocket).rto).toBeUndefined();
    expect((s as TcpSocket).ssthresh).toBeUndefined();
  });

  it('TIME_WAIT', () => {
    expect(find('tcp', '127.0.0.1:54432', '127.0.0.1:8080')).toMatchObject({
      state: 'TIME_WAIT',
      timer: 'timewait',
      timerTicks: 0x1750,
      inode: '0',
    });
  });

  it('a connection still in the accept queue has inode 0 (item 11)', () => {
    expect(find('tcp', '127.0.0.1:8080', '127.0.0.1:54444')).toMatchObject({
      state: 'ESTABLISHED',
      inode: '0',
    });
  });

  it('SYN_RECV request socket and SYN_SENT with Send-Q 1 (item 8)', () => {
    const recv = find('tcp', '127.0.0.1:8081', '127.0.0.1:54968');
    expect(recv).toMatchObject({ state: 'SYN_RECV', timer: 'on', inode: '0', refCount: 0 });
    expect(recv.pointer).toBe('000000007ef62093');
    expect(find('tcp', '192.0.2.2:37016', '203.0.113.7:443')).toMatchObject({
      state: 'SYN_SENT',
      txQueue: 1,
      timer: 'on',
      timerTicks: 0x1b,
      inode: '73951',
      rto: 100,
    });
  });

  it('IPv6, dual-stack and IPv4-mapped (ss: [::ffff:127.0.0.1]:9000)', () => {
    expect(find('tcp6', '::1:8443', '::1:58626')).toMatchObject({ rxQueue: 16, family: 6 });
    expect(find('tcp6', '::ffff:127.0.0.1:9000', '::ffff:127.0.0.1:48076').inode).toBe('73946');
    expect(find('tcp6', ':::9000', ':::0').state).toBe('LISTEN');
  });

  it('UDP: unread 9-byte datagram is Recv-Q 832; connected is ESTABLISHED (items 9, 14)', () => {
    expect(find('udp', '127.0.0.1:5353', '0.0.0.0:0')).toMatchObject({
      state: 'CLOSE',
      rxQueue: 832,
      slot: 13439,
      drops: 0,
      inode: '82755',
    });
    expect(find('udp', '127.0.0.1:52113', '127.0.0.1:5353').state).toBe('ESTABLISHED');
    expect(find('udp6', '::1:5354', ':::0').inode).toBe('82757');
    expect(find('udplite', '127.0.0.1:5355', '0.0.0.0:0').protocol).toBe('udplite');
    expect(find('udplite6', '::1:5356', ':::0').inode).toBe('82760');
  });

  it('RAW: the port is the protocol number (item 15)', () => {
    expect(find('raw', '0.0.0.0:1', '0.0.0.0:0')).toMatchObject({ stateCode: 7, inode: '82761' });
    expect(find('raw', '0.0.0.0:255', '0.0.0.0:0').inode).toBe('82763');
    expect(find('raw6', ':::58', ':::0').inode).toBe('82762');
  });

  it('UNIX: path with a space, abstract names, listening flag, embryo (items 21-24)', () => {
    const unix = parseUnix(zoo('unix'));
    const byInode = (inode: string) => unix.filter((u) => u.inode === inode);
    const path = '/tmp/netintro-zoo-omp97i03/with space.sock';
    expect(byInode('82764')[0]).toMatchObject({
      type: 'STREAM',
      state: 'UNCONNECTED',
      listening: true,
      flags: 0x10000,
      path,
      abstract: false,
    });
    expect(byInode('82766')[0]).toMatchObject({ state: 'CONNECTED', path }); // accepted side repeats the path
    expect(byInode('82765')[0]?.path).toBeUndefined(); // client side has none
    expect(byInode('0')[0]).toMatchObject({ state: 'CONNECTING', stateCode: 2, path });
    expect(byInode('82769')[0]).toMatchObject({
      type: 'SEQPACKET',
      listening: true,
      path: '@netintro/seqpacket',
      abstract: true,
    });
    expect(byInode('82770')[0]).toMatchObject({ type: 'DGRAM', path: '@with@nul', abstract: true });
    expect(byInode('82768')[0]?.path).toBe('/tmp/netintro-zoo-omp97i03/dgram.sock');
    expect(byInode('82773')[0]).toMatchObject({ type: 'DGRAM', refCount: 2 });
  });
});

/** Minimal reader for the saved `ss -tuanwxe` output (evidence, not code under test). */
function parseSsInet(text: string) {
  const rows: {
    netid: string;
    state: string;
    recvQ: number;
    sendQ: number;
    local: string;
    peer: string;
    ino?: string;
  }[] = [];
  for (const line of text.split('\n')) {
    const m = /^(tcp|udp|raw)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!m) continue;
    const ino = /\bino:(\d+)/.exec(m[7] ?? '')?.[1];
    rows.push({
      netid: m[1] as string,
      state: m[2] as string,
      recvQ: Number(m[3]),
      sendQ: Number(m[4]),
      local: m[5] as string,
      peer: m[6] as string,
      ...(ino === undefined ? {} : { ino }),
    });
  }
  return rows;
}

const SS_STATE: Record<string, string> = {
  ESTABLISHED: 'ESTAB',
  SYN_SENT: 'SYN-SENT',
  SYN_RECV: 'SYN-RECV',
  FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2',
  TIME_WAIT: 'TIME-WAIT',
  CLOSE: 'UNCONN',
  CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** ss's endpoint text back to (address, port): `[::1]:8443`, `*:9000`, `0.0.0.0:*`. */
function ssEndpoint(text: string): string {
  const colon = text.lastIndexOf(':');
  let address = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (address.startsWith('[')) address = address.slice(1, -1);
  if (address === '*') address = '::'; // ss prints a dual-stack (v6only=0) wildcard as *
  return `${address}:${port === '*' ? 0 : port}`;
}

describe('zoo capture vs ss -tuanwxe (saved at capture time)', () => {
  it('every tcp/udp/raw socket ss saw, we read with the same fields', () => {
    const ss = parseSsInet(fixture('zoo/ss-tuanwxe.txt'));
    // ss -u does not list udplite; everything else must match one to one.
    const ours = all.filter((s) => s.protocol !== 'udplite');
    expect(ours).toHaveLength(ss.length);
    const key = (netid: string, local: string, peer: string) => `${netid} ${local} ${peer}`;
    const bySs = new Map(ss.map((r) => [key(r.netid, ssEndpoint(r.local), ssEndpoint(r.peer)), r]));
    for (const s of ours) {
      const k = key(
        s.protocol,
        `${s.local.address}:${s.local.port}`,
        `${s.remote.address}:${s.remote.port}`,
      );
      const r = bySs.get(k);
      expect(r, k).toBeDefined();
      if (!r) continue;
      expect(r.state, k).toBe(SS_STATE[s.state]);
      expect(r.recvQ, k).toBe(s.rxQueue);
      // For listeners ss (netlink) reports the backlog as Send-Q; /proc has 0 (item 7).
      if (s.state !== 'LISTEN') expect(r.sendQ, k).toBe(s.txQueue);
      if (r.ino !== undefined) expect(r.ino, k).toBe(s.inode);
    }
  });

  it('every UNIX socket ss saw, we read with the same type, inode and path', () => {
    const ours = parseUnix(zoo('unix'));
    const ssRows = fixture('zoo/ss-tuanwxe.txt')
      .split('\n')
      .map((line) => /^(u_str|u_dgr|u_seq)\s+(\S+)\s+\d+\s+\d+\s+(.*?) (\d+)\s+\* \d+/.exec(line))
      .filter((m) => m !== null);
    // ss omits the embryo (inode 0) that waits in the listener's queue.
    expect(ours.filter((u) => u.inode !== '0')).toHaveLength(ssRows.length);
    const TYPE: Record<string, string> = { u_str: 'STREAM', u_dgr: 'DGRAM', u_seq: 'SEQPACKET' };
    for (const m of ssRows) {
      const [, netid, state, rawPath, inode] = m as unknown as string[];
      const u = ours.find((x) => x.inode === inode);
      expect(u, inode).toBeDefined();
      expect(u?.type).toBe(TYPE[netid as string]);
      expect(u?.path ?? '*').toBe((rawPath as string).trim());
      expect(u?.listening).toBe(state === 'LISTEN');
    }
  });
});

describe('big-endian rendition of the same capture', () => {
  it.each(inetTables)('%s decodes to the same sockets', (table) => {
    const little = parseInetTable(table, zoo(table), { endianness: 'little' });
    const big = parseProcNet(table, fixture(`big-endian/proc/net/${table}`), {
      endianness: 'big',
    });
    const strip = (s: InetSocket) => ({
      ...s,
      local: { ...s.local, addressHex: '' },
      remote: { ...s.remote, addressHex: '' },
    });
    expect(big.map(strip)).toEqual(little.map(strip));
    expect(big.length).toBe(little.length);
  });

  it('reads 7F000001 as 127.0.0.1 and routes in big-endian', () => {
    const [first] = parseProcNet('tcp', fixture('big-endian/proc/net/tcp'), { endianness: 'big' });
    expect(first?.local.addressHex).toBe('7F000001');
    expect(first?.local.address).toBe('127.0.0.1');
    expect(
      parseRoute(fixture('big-endian/proc/net/route'), { endianness: 'big' })[0],
    ).toMatchObject({ destination: '192.0.2.0', mask: '255.255.255.0' });
  });
});

describe('zoo capture: routes, interfaces, statistics', () => {
  it('route: zoo0 192.0.2.0/24 and 203.0.113.0/24', () => {
    const routes = parseRoute(zoo('route'));
    expect(routes).toEqual([
      {
        iface: 'zoo0',
        destination: '192.0.2.0',
        gateway: '0.0.0.0',
        flags: 1,
        refCount: 0,
        use: 0,
        metric: 0,
        mask: '255.255.255.0',
        mtu: 0,
        window: 0,
        irtt: 0,
        line: 2,
      },
      expect.objectContaining({ destination: '203.0.113.0', mask: '255.255.255.0', line: 3 }),
    ]);
  });

  it('ipv6_route: addresses in network byte order (%pi6)', () => {
    const routes = parseIpv6Route(zoo('ipv6_route'));
    expect(routes).toHaveLength(6);
    expect(routes[0]).toMatchObject({
      destination: 'fe80::',
      destinationPrefix: 64,
      metric: 256,
      iface: 'zoo0',
    });
    expect(routes[2]).toMatchObject({
      destination: '::1',
      destinationPrefix: 128,
      flags: 0x80200001,
      iface: 'lo',
    });
    expect(routes[3]?.destination).toBe('fe80::ec77:9fff:fecc:ff7c');
    expect(routes[4]).toMatchObject({ destination: 'ff00::', destinationPrefix: 8 });
  });

  it('dev: lo and zoo0 counters', () => {
    const dev = parseDev(zoo('dev'));
    expect(dev.map((d) => d.iface)).toEqual(['lo', 'zoo0']);
    expect(dev[0]?.rx).toEqual({
      bytes: 356161,
      packets: 69,
      errs: 0,
      drop: 0,
      fifo: 0,
      frame: 0,
      compressed: 0,
      multicast: 0,
    });
    expect(dev[1]?.rx.drop).toBe(2);
    expect(dev[1]?.tx.packets).toBe(0);
  });

  it('snmp, snmp6, netstat', () => {
    const snmp = parseSnmp(zoo('snmp'));
    expect(snmp.Tcp).toMatchObject({ RtoMin: 200, RtoMax: 120000, MaxConn: -1, CurrEstab: 18 });
    expect(snmp.Udp?.OutDatagrams).toBe(1);
    expect(Object.keys(snmp)).toEqual(
      expect.arrayContaining(['Ip', 'Icmp', 'Tcp', 'Udp', 'UdpLite']),
    );
    const snmp6 = parseSnmp6(zoo('snmp6'));
    expect(snmp6.Icmp6?.Icmp6OutMsgs).toBe(1);
    expect(snmp6.UdpLite6?.UdpLite6InDatagrams).toBe(0);
    const count = Object.values(snmp6).reduce((n, g) => n + Object.keys(g).length, 0);
    expect(count).toBe(87); // one counter per line of the file
    const netstat = parseNetstat(zoo('netstat'));
    expect(Object.keys(netstat)).toEqual(expect.arrayContaining(['TcpExt', 'IpExt']));
    expect(typeof netstat.TcpExt?.TW).toBe('number');
  });
});
