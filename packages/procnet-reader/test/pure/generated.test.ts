import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  datagramStateName,
  decodeAddress,
  type Endianness,
  encodeAddress,
  type InetTableName,
  parseInetTable,
  tcpStateName,
} from '../../src/index.js';

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

interface Row {
  slot: number;
  local: [string, number];
  remote: [string, number];
  st: number;
  tx: number;
  rx: number;
  tr: number;
  when: number;
  retr: number;
  uid: number;
  timeout: number;
  inode: string;
  tail: 'full' | 'mini' | 'none';
}

/** Writes a row the way the kernel's seq_printf formats do (see NETSTAT-FACTS item 4). */
function kernelLine(table: InetTableName, row: Row, order: Endianness): string {
  const family = table.endsWith('6') ? 6 : 4;
  const ep = ([addr, port]: [string, number]) =>
    `${encodeAddress(addr, family, order)}:${hex(port, 4)}`;
  let line = `${String(row.slot).padStart(4)}: ${ep(row.local)} ${ep(row.remote)} ${hex(row.st, 2)} ${hex(row.tx, 8)}:${hex(row.rx, 8)} ${hex(row.tr, 2)}:${hex(row.when, 8)} ${hex(row.retr, 8)} ${String(row.uid).padStart(5)} ${String(row.timeout).padStart(8)} ${row.inode}`;
  if (row.tail === 'none') return line;
  line += ' 2 00000000deadbeef';
  if (row.tail === 'mini') return line;
  return table.startsWith('tcp') ? `${line} 20 4 30 10 -1` : `${line} 7`;
}

const ipv4 = fc.ipV4();
const ipv6 = fc.oneof(
  fc.ipV6(),
  ipv4.map((a) => `::ffff:${a}`),
);
const row = (family: 4 | 6) =>
  fc.record({
    slot: fc.nat({ max: 99999 }),
    local: fc.tuple(family === 4 ? ipv4 : ipv6, fc.nat({ max: 0xffff })),
    remote: fc.tuple(family === 4 ? ipv4 : ipv6, fc.nat({ max: 0xffff })),
    st: fc.nat({ max: 0xff }),
    tx: fc.nat({ max: 0xffffffff }),
    rx: fc.nat({ max: 0xffffffff }),
    tr: fc.nat({ max: 4 }),
    when: fc.nat({ max: 0xffffffff }),
    retr: fc.nat({ max: 0xffff }),
    uid: fc.nat({ max: 0xfffffffe }),
    timeout: fc.integer({ min: -1, max: 1000 }),
    inode: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String),
    tail: fc.constantFrom('full' as const, 'mini' as const, 'none' as const),
  });

describe.each([
  ['tcp', 4],
  ['tcp6', 6],
  ['udp', 4],
  ['raw6', 6],
] as const)('generated %s tables', (table, family) => {
  propTest.prop(
    [fc.array(row(family), { maxLength: 30 }), fc.constantFrom<Endianness>('little', 'big')],
    {
      numRuns: 60,
    },
  )('every field comes back as written', (rows, order) => {
    const text = rows.map((r) => kernelLine(table, r, order)).join('\n');
    const parsed = parseInetTable(table, text, { endianness: order });
    expect(parsed).toHaveLength(rows.length);
    parsed.forEach((s, i) => {
      const r = rows[i] as Row;
      // Compare addresses through the canonical text of the generated address.
      expect(s.local.address).toBe(decodeAddress(encodeAddress(r.local[0], family, order), order));
      expect(s.remote.address).toBe(
        decodeAddress(encodeAddress(r.remote[0], family, order), order),
      );
      expect([s.local.port, s.remote.port]).toEqual([r.local[1], r.remote[1]]);
      expect(s.stateCode).toBe(r.st);
      expect(s.state).toBe(table.startsWith('tcp') ? tcpStateName(r.st) : datagramStateName(r.st));
      expect([s.txQueue, s.rxQueue, s.timerCode, s.timerTicks, s.retransmits]).toEqual([
        r.tx,
        r.rx,
        r.tr,
        r.when,
        r.retr,
      ]);
      expect([s.uid, s.timeout, s.inode, s.slot, s.line]).toEqual([
        r.uid,
        r.timeout,
        r.inode,
        r.slot,
        i + 1,
      ]);
      expect(s.refCount).toBe(r.tail === 'none' ? undefined : 2);
      const tail = s as { rto?: number; ssthresh?: number; drops?: number };
      if (r.tail === 'full' && table.startsWith('tcp')) expect(tail.ssthresh).toBe(-1);
      if (r.tail === 'full' && !table.startsWith('tcp')) expect(tail.drops).toBe(7);
      if (r.tail !== 'full') expect([tail.rto, tail.drops]).toEqual([undefined, undefined]);
    });
  });
});

it('the address cache never confuses two addresses (10k distinct ones in one table)', () => {
  const lines: string[] = [];
  const expected: string[] = [];
  let x = 0x12345678;
  for (let i = 0; i < 10_000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const words = [x, x ^ 0xdeadbeef, (x * 7) >>> 0, i].map((w) => hex(w >>> 0, 8));
    const addr = words.join('');
    expected.push(decodeAddress(addr));
    lines.push(
      `${i}: ${addr}:0050 ${addr}:0051 01 00000000:00000000 00:00000000 00000000 0 0 ${i}`,
    );
  }
  const parsed = parseInetTable('tcp6', lines.join('\n'));
  expect(parsed.map((s) => s.local.address)).toEqual(expected);
  expect(parsed.map((s) => s.remote.addressHex)).toEqual(
    lines.map((l) => l.slice(l.indexOf(' ') + 1, l.indexOf(' ') + 33)),
  );
});
