/**
 * The whole socket report netstat prints for a set of flags.
 *
 * @packageDocumentation
 */

import type { InetSocket, UnixSocket } from '@netintro/procnet-reader';
import { type NetstatFlags, resolveFlags } from './flags.js';
import { type FormatOptions, formatInetTable } from './inet.js';
import type { Resolvers } from './resolvers.js';
import { formatUnixTable } from './unix.js';

/** The records a socket report is made from. */
export interface SocketInput {
  /** Rows of tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6 in any order. */
  inet?: readonly InetSocket[];
  /** Rows of `/proc/net/unix`. */
  unix?: readonly UnixSocket[];
}

/**
 * Renders netstat's socket report: the Internet table when any of tcp, udp,
 * udplite or raw is selected, then the UNIX table when it is (see
 * `resolveFlags` for netstat's defaults). Pure and synchronous: names come
 * from `resolvers`, resolved beforehand.
 *
 * @example
 * ```ts
 * import { parseProcNet } from '@netintro/procnet-reader';
 * const text = formatNetstat(
 *   { inet: parseProcNet('tcp', tcpText), unix: parseProcNet('unix', unixText) },
 *   { all: true, numeric: true },
 * );
 * ```
 */
export function formatNetstat(
  input: SocketInput,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: FormatOptions = {},
): string {
  const f = resolveFlags(flags);
  let out = '';
  if (f.tcp || f.udp || f.udplite || f.raw) {
    out += formatInetTable(input.inet ?? [], f, resolvers, options);
  }
  if (f.unix) out += formatUnixTable(input.unix ?? [], f, resolvers);
  return out;
}
