import { fc, test } from '@fast-check/vitest';
import { parseProcNet } from '@netintro/procnet-reader';
import { describe, expect } from 'vitest';
import {
  formatInetRow,
  formatInetTable,
  formatRoutes,
  formatStatistics,
  formatUnixTable,
  inetColumnHeader,
  type NetstatFlags,
  unixColumnHeader,
} from '../src/index.js';
import { byteLength } from '../src/text.js';

const hex = (digits: number) =>
  fc
    .bigInt({ min: 0n, max: 16n ** BigInt(digits) - 1n })
    .map((n) => n.toString(16).toUpperCase().padStart(digits, '0'));

const flagsArb: fc.Arbitrary<NetstatFlags> = fc.record({
  all: fc.boolean(),
  listening: fc.boolean(),
  numeric: fc.boolean(),
  extend: fc.integer({ min: 0, max: 3 }),
  timers: fc.boolean(),
  program: fc.boolean(),
  wide: fc.boolean(),
});

const names = fc.string({ minLength: 0, maxLength: 40 });
const resolversArb = fc.record({
  host: fc.option(names),
  service: fc.option(names),
  user: fc.option(names),
  command: fc.option(fc.string({ maxLength: 60 })),
});

const inetLine = (v6: boolean) =>
  fc
    .tuple(
      fc.nat(9999),
      hex(v6 ? 32 : 8),
      hex(4),
      hex(v6 ? 32 : 8),
      hex(4),
      hex(2),
      hex(8),
      hex(8),
      hex(2),
      hex(8),
      hex(8),
      fc.nat(4294967295),
      fc.nat(99),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    )
    .map(
      ([sl, la, lp, ra, rp, st, tx, rx, tr, when, rt, uid, to, ino]) =>
        `${sl}: ${la}:${lp} ${ra}:${rp} ${st} ${tx}:${rx} ${tr}:${when} ${rt} ${uid} ${to} ${ino} 1 0000000000000000 20 4 30 10 -1`,
    );

describe('formatter properties', () => {
  test.prop([
    fc.constantFrom('tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6'),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
    fc.array(fc.tuple(inetLine(false), inetLine(true)), { minLength: 1, maxLength: 5 }),
    flagsArb,
    resolversArb,
  ])('never throws and rows are never narrower than the header', (table, pick, lines, flags, r) => {
    const v6 = table.endsWith('6');
    const text = `header\n${lines.map(([a, b], i) => (v6 ? b : a).replace(/^\d+/, String(i))).join('\n')}\n`;
    const sockets = parseProcNet(table, text, { onInvalidLine: 'skip' });
    expect(sockets.length).toBe(lines.length);
    const resolvers = {
      hosts: () => r.host ?? undefined,
      services: () => r.service ?? undefined,
      protocols: () => r.service ?? undefined,
      users: () => r.user ?? undefined,
      processes: () => (r.command === null ? undefined : { pid: 1, fd: 3, command: r.command }),
    };
    const header = inetColumnHeader(flags);
    sockets.forEach((s, i) => {
      if (!pick[i % pick.length]) return;
      const row = formatInetRow(s, flags, resolvers);
      expect(byteLength(row)).toBeGreaterThanOrEqual(byteLength(header));
      expect(row).not.toMatch(/[\n\r]/);
      // the address columns never start before the header's
      expect(row.indexOf(' ', 20)).toBeGreaterThanOrEqual(20);
    });
    const all = formatInetTable(sockets, { ...flags, all: true }, resolvers);
    expect(all.split('\n')).toHaveLength(sockets.length + 3);
  });

  test.prop([
    fc.array(
      fc
        .tuple(hex(8), hex(8), hex(4), hex(2), fc.nat(2 ** 32), fc.string({ maxLength: 30 }))
        .map(
          ([ref, flags, type, st, ino, path]) =>
            `0000000000000000: ${ref} 00000000 ${flags} ${type} ${st} ${ino}${path.trim() && !/[\n\r]/.test(path) ? ` /${path}` : ''}`,
        ),
      { maxLength: 8 },
    ),
    flagsArb,
  ])('unix rows are never narrower than the header and never throw', (lines, flags) => {
    const sockets = parseProcNet(
      'unix',
      `Num       RefCount Protocol Flags    Type St Inode Path\n${lines.join('\n')}\n`,
      { onInvalidLine: 'skip' },
    );
    const text = formatUnixTable(sockets, { ...flags, all: true });
    const rows = text.split('\n').slice(2, -1);
    expect(rows).toHaveLength(sockets.length);
    const header = unixColumnHeader(flags);
    // the header's last column (Path) starts where the rows' path starts at the earliest
    for (const row of rows) {
      expect(byteLength(row)).toBeGreaterThanOrEqual(header.lastIndexOf(' ') + 1);
    }
  });
});

describe('other reports never throw', () => {
  const counters = fc.dictionary(
    fc.constantFrom('Ip', 'Icmp', 'Tcp', 'Udp', 'TcpExt', 'IpExt', 'Odd'),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('Forwarding', 'InReceives', 'TW', 'TWKilled', 'InDestUnreachs', 'MaxConn'),
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^\w+$/.test(s)),
      ),
      fc.integer({ min: -5, max: 2 ** 40 }),
    ),
  );
  test.prop([counters, counters, flagsArb, fc.boolean()])(
    'formatStatistics',
    (snmp, netstat, flags, v6) => {
      const text = formatStatistics({ snmp, netstat, snmp6: netstat }, { ...flags, inet6: v6 });
      expect(text === '' || text.endsWith('\n')).toBe(true);
    },
  );

  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
  test.prop([
    fc.array(
      fc.record({
        iface: fc.string({ maxLength: 20 }),
        destination: v4,
        gateway: v4,
        flags: fc.nat(2 ** 32 - 1),
        refCount: fc.integer(),
        use: fc.integer(),
        metric: fc.integer(),
        mask: v4,
        mtu: fc.nat(),
        window: fc.nat(),
        irtt: fc.nat(),
        line: fc.nat(),
      }),
      { maxLength: 6 },
    ),
    flagsArb,
  ])('formatRoutes', (route, flags) => {
    const text = formatRoutes({ route }, flags, { hosts: () => 'h', networks: () => 'n' });
    expect(text.startsWith('Kernel IP routing table\n')).toBe(true);
  });
});
