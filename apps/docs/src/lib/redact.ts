/**
 * Redaction for the build machine's socket table: every address that is not
 * loopback or a wildcard is replaced by a documentation address (RFC 5737
 * 192.0.2.0/24 for IPv4, RFC 3849 2001:db8::/32 for IPv6), the same real
 * address always getting the same replacement so rows can still be compared.
 * Ports and states are kept. Pure: runs anywhere.
 */
import type { Endpoint, InetSocket } from '@netintro/procnet-reader';

export function isLoopbackOrWildcard(address: string): boolean {
  const a = address.toLowerCase();
  return (
    a === '0.0.0.0' ||
    a === '::' ||
    a === '::1' ||
    a.startsWith('127.') ||
    a.startsWith('::ffff:127.') ||
    a === '::ffff:0.0.0.0'
  );
}

export interface Redactor {
  (sockets: InetSocket[]): InetSocket[];
  /** How many distinct addresses were replaced. */
  readonly count: number;
}

export function createRedactor(): Redactor {
  const map = new Map<string, string>();
  const replace = (address: string): string => {
    if (isLoopbackOrWildcard(address)) return address;
    let out = map.get(address);
    if (out === undefined) {
      const n = map.size + 1;
      out =
        address.includes(':') && !address.startsWith('::ffff:')
          ? `2001:db8::${n.toString(16)}`
          : `192.0.2.${n}`;
      if (address.startsWith('::ffff:')) out = `::ffff:${out}`;
      map.set(address, out);
    }
    return out;
  };
  const endpoint = (e: Endpoint): Endpoint => {
    const address = replace(e.address);
    return address === e.address ? e : { ...e, address, addressHex: 'redacted' };
  };
  const redactor = ((sockets: InetSocket[]) =>
    sockets.map((s) => ({
      ...s,
      local: endpoint(s.local),
      remote: endpoint(s.remote),
    }))) as Redactor;
  Object.defineProperty(redactor, 'count', { get: () => map.size });
  return redactor;
}
