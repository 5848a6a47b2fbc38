/**
 * The `/proc/net/if_inet6` parser: the IPv6 addresses of each interface
 * (what `netstat -ie` shows as `inet6` lines).
 *
 * @module
 */

import { ipv6FromHex } from './address.js';
import { mapFieldLines } from './field-lines.js';
import { hexNumber } from './lines.js';
import type { ParseOptions } from './types.js';

/**
 * One row of `/proc/net/if_inet6`: an IPv6 address configured on an
 * interface, as `netstat -ie` and `ifconfig` list them.
 *
 * @example
 * ```ts
 * const a: InterfaceAddress6 = {
 *   address: '::1', ifindex: 1, prefixLength: 128, scope: 0x10, flags: 0x80, iface: 'lo', line: 1,
 * };
 * ```
 */
export interface InterfaceAddress6 {
  /** RFC 5952 text. */
  address: string;
  /** Interface index (the kernel prints it in hex). */
  ifindex: number;
  /** Prefix length in bits. */
  prefixLength: number;
  /** The kernel's scope bits: 0x00 global, 0x10 host, 0x20 link, 0x40 site, 0x80 IPv4-compatible. */
  scope: number;
  /** `IFA_F_*` flags (0x80 permanent, 0x40 tentative, 0x20 deprecated, ...), low 8 bits. */
  flags: number;
  iface: string;
  /** Any further columns a newer kernel prints, kept verbatim. */
  extra?: string[];
  line: number;
}

const IF_INET6_FIELDS = 'address ifindex prefixlen scope flags name';

/**
 * Parses `/proc/net/if_inet6`: one address per line, the address as 32 hex
 * digits in network byte order (so no endianness option applies), then
 * interface index, prefix length, scope and flags in hex, then the
 * interface name. The file has no header.
 *
 * @example
 * ```ts
 * parseIfInet6('00000000000000000000000000000001 01 80 10 80       lo\n')[0];
 * // { address: '::1', ifindex: 1, prefixLength: 128, scope: 16, flags: 128, iface: 'lo', line: 1 }
 * ```
 */
export function parseIfInet6(text: string, options?: ParseOptions): InterfaceAddress6[] {
  return mapFieldLines(text, options, '/proc/net/if_inet6', ({ fields: f, lineNumber, bad }) => {
    if (f.length < 6) return bad('too-few-fields', `6 fields: ${IF_INET6_FIELDS}`);
    const address = /^[0-9A-Fa-f]{32}$/.test(f[0] as string)
      ? ipv6FromHex(f[0] as string, 0, 'big')
      : undefined;
    if (address === undefined) return bad('bad-address', 'the address as 32 hex digits');
    const nums = [f[1], f[2], f[3], f[4]].map(hexNumber);
    if (nums.some((n) => Number.isNaN(n))) {
      return bad('bad-number', 'interface index, prefix length, scope and flags in hex');
    }
    const [ifindex, prefixLength, scope, flags] = nums as [number, number, number, number];
    const row: InterfaceAddress6 = {
      address,
      ifindex,
      prefixLength,
      scope,
      flags,
      iface: f[5] as string,
      line: lineNumber,
    };
    if (f.length > 6) row.extra = f.slice(6);
    return row;
  });
}
