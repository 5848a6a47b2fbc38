/**
 * Name tables from `/etc`: service names (`services`), protocol names
 * (`protocols`, for raw sockets) and network names (`networks`, which
 * netstat uses for `0.x.y.z` addresses and routes).
 *
 * @module
 */
import { parseNetworks, parseProtocols, readSystemText } from '@netintro/procnet-reader/node';
import {
  networksResolverFromEntries,
  protocolsResolverFromEntries,
  type Resolvers,
} from '@netintro/socket-formatter';
import { type CliIo, etcPath } from './io.js';

/**
 * A name table of `/etc` as latin1 (bytes as the C library sees them), or
 * undefined when it is missing or unreadable: netstat then prints numbers.
 *
 * @example
 * ```ts
 * etcText(io, 'networks'); // 'loopback 127\n' or undefined
 * ```
 */
export function etcText(io: CliIo, name: string): string | undefined {
  try {
    return readSystemText(etcPath(io, name), 'latin1');
  } catch {
    return undefined; // unreadable (EACCES, a directory): numbers, as netstat shows them
  }
}

/**
 * Port -> service name from `/etc/services`, with netstat's rule for
 * duplicate lines (the last one wins). No file: numbers, as netstat shows them.
 *
 * @example
 * ```ts
 * const services = await loadServices(io);
 * services?.(22, 'tcp'); // 'ssh'
 * ```
 */
export async function loadServices(io: CliIo): Promise<Resolvers['services']> {
  const [{ readServices }, { createServicesDb }] = await Promise.all([
    import('@netintro/services-parser/node'),
    import('@netintro/services-parser'),
  ]);
  try {
    const entries = await readServices(etcPath(io, 'services'), { onInvalidLine: 'skip' });
    const db = createServicesDb(entries, { match: 'last' });
    return (port, protocol) => db.byPort(port, protocol)?.name;
  } catch {
    return () => undefined; // no services file: numbers, as netstat shows them
  }
}

/**
 * Network names from `/etc/networks`, or undefined when there is none.
 *
 * @example
 * ```ts
 * const networks = await loadNetworks(io);
 * ```
 */
export async function loadNetworks(io: CliIo): Promise<Resolvers['networks']> {
  const text = etcText(io, 'networks');
  return text === undefined ? undefined : networksResolverFromEntries(parseNetworks(text));
}

/**
 * Protocol number -> name from `/etc/protocols` (the raw sockets' "port").
 *
 * @example
 * ```ts
 * const protocols = await loadProtocols(io);
 * protocols?.(1); // 'icmp'
 * ```
 */
export async function loadProtocols(io: CliIo): Promise<Resolvers['protocols']> {
  const text = etcText(io, 'protocols');
  return text === undefined ? () => undefined : protocolsResolverFromEntries(parseProtocols(text));
}
