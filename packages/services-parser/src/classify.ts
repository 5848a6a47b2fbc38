/**
 * IANA port ranges: which class (well-known, registered, dynamic) a port
 * number falls in.
 *
 * @module
 */
/**
 * IANA port range names: System ("well-known") 0-1023, User ("registered") 1024-49151,
 * Dynamic/private 49152-65535.
 *
 * @example
 * ```ts
 * import type { PortClass } from '@netintro/services-parser';
 * const c: PortClass = 'well-known';
 * ```
 */
export type PortClass = 'well-known' | 'registered' | 'dynamic';

/**
 * Says which IANA range a port falls in (RFC 6335): `'well-known'` for 0-1023 (binding them on
 * Linux needs root or CAP_NET_BIND_SERVICE), `'registered'` for 1024-49151 and `'dynamic'` for
 * 49152-65535. Note that Linux picks ephemeral ports from 32768-60999 by default
 * (`net.ipv4.ip_local_port_range`), which overlaps both upper ranges.
 *
 * @throws {RangeError} when `port` is not an integer from 0 to 65535.
 *
 * @example
 * ```ts
 * import { classifyPort } from '@netintro/services-parser';
 * classifyPort(22); // 'well-known'
 * classifyPort(8080); // 'registered'
 * classifyPort(50000); // 'dynamic'
 * ```
 */
export function classifyPort(port: number): PortClass {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`classifyPort: expected an integer port from 0 to 65535, got ${port}`);
  }
  if (port <= 1023) return 'well-known';
  if (port <= 49151) return 'registered';
  return 'dynamic';
}
