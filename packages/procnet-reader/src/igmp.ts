/**
 * Pure parsers for the multicast group tables `netstat -g` shows:
 * `/proc/net/igmp` (IPv4, a device line followed by its group lines) and
 * `/proc/net/igmp6` (IPv6, one line per membership). The node reader is
 * `readGroups` in the `./node` entry.
 *
 * @module
 */

import { ipv4FromWord, ipv6FromHex } from './address.js';
import { mapFieldLines } from './field-lines.js';
import type { ParseOptions } from './types.js';

/**
 * One multicast group membership of an interface (a row of `netstat -g`).
 *
 * @example
 * ```ts
 * const g: GroupMembership = { family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1, line: 3 };
 * ```
 */
export interface GroupMembership {
  /** 4 (`/proc/net/igmp`) or 6 (`/proc/net/igmp6`). */
  family: 4 | 6;
  /** Interface name. */
  iface: string;
  /** Group address text (`224.0.0.1`, `ff02::1`). */
  address: string;
  /** `Users` (IPv4) or the reference count (IPv6): netstat's RefCnt column. */
  refCount: number;
  /** 1-based line number in the source text. */
  line: number;
}

const HEX8 = /^[0-9A-Fa-f]{8}$/;
const HEX32 = /^[0-9A-Fa-f]{32}$/;
const DECIMAL = /^\d{1,10}$/;

/**
 * Parses `/proc/net/igmp`: after the header, a device line
 * (`1\tlo        :     1      V3`) followed by its group lines
 * (`\t\t\t\t010000E0     1 0:00000000\t\t0`: group, users, timer,
 * reporter). Group addresses are printed in host byte order like the
 * socket tables (`options.endianness`, default `'little'`). The device name
 * is the text before the `:` after the index, as netstat reads it.
 *
 * @example
 * ```ts
 * parseIgmp('Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n' +
 *   '1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n');
 * // [{ family: 4, iface: 'lo', address: '224.0.0.1', refCount: 1, line: 3 }]
 * ```
 */
export function parseIgmp(text: string, options?: ParseOptions): GroupMembership[] {
  const endianness = options?.endianness ?? 'little';
  let iface: string | undefined;
  return mapFieldLines(text, options, '/proc/net/igmp', ({ fields: f, line, lineNumber, bad }) => {
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      // A group line of the device above.
      if (iface === undefined) return bad('bad-interface', 'a device line before its groups');
      if (f.length < 2) return bad('too-few-fields', 'Group Users Timer Reporter');
      if (!HEX8.test(f[0]!)) return bad('bad-address', 'the group as 8 hex digits');
      if (!DECIMAL.test(f[1]!)) return bad('bad-number', 'Users as a decimal number');
      const word = Number.parseInt(f[0]!, 16);
      const address = ipv4FromWord(word, endianness);
      return { family: 4, iface, address, refCount: Number(f[1]), line: lineNumber };
    }
    if (lineNumber === 1 && line.startsWith('Idx')) return undefined;
    const device = /^(\d+)[ \t]+([^:]*):/.exec(line);
    const name = device?.[2]?.trimEnd();
    if (!name || /\s/.test(name)) {
      iface = undefined;
      return bad('bad-interface', "a device line: index, device name, ':', count, querier");
    }
    iface = name;
    return undefined;
  });
}

/**
 * Parses `/proc/net/igmp6`: `index device group users flags timer`, one
 * membership per line, no header. The group is 32 hex digits in network
 * byte order (the kernel prints the bytes in order), so no endianness
 * option applies.
 *
 * @example
 * ```ts
 * parseIgmp6('1    lo              ff020000000000000000000000000001     1 0000000C 0\n');
 * // [{ family: 6, iface: 'lo', address: 'ff02::1', refCount: 1, line: 1 }]
 * ```
 */
export function parseIgmp6(text: string, options?: ParseOptions): GroupMembership[] {
  return mapFieldLines(text, options, '/proc/net/igmp6', ({ fields: f, lineNumber, bad }) => {
    if (f.length < 4)
      return bad('too-few-fields', '6 fields: index device group users flags timer');
    if (!DECIMAL.test(f[0]!)) return bad('bad-number', 'the interface index in decimal');
    if (!HEX32.test(f[2]!)) return bad('bad-address', 'the group as 32 hex digits');
    if (!DECIMAL.test(f[3]!)) return bad('bad-number', 'users as a decimal number');
    const address = ipv6FromHex(f[2]!, 0, 'big') as string;
    return { family: 6, iface: f[1]!, address, refCount: Number(f[3]), line: lineNumber };
  });
}
