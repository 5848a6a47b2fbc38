/**
 * The multicast group report (`-g`): netstat's "IPv6/IPv4 Group
 * Memberships" table, after the socket tables when `-g` comes with a socket
 * type or family (`-g -4`), as netstat prints it; or `--json`.
 *
 * @module
 */
import type { ParseIssue } from '@netintro/procnet-reader';
import { readGroups } from '@netintro/procnet-reader/node';
import { formatGroups, groupsJson, type Resolvers, resolveFlags } from '@netintro/socket-formatter';
import { type CliArgs, type CliIo, jsonOptions, jsonText, netRoot, type State } from '../io.js';
import { createHostResolver } from '../resolver.js';
import { showSockets } from './sockets.js';

/**
 * Prints one listing of `-g`: the socket tables first when a socket type or
 * family is named (`-g -t`, `-g -4`), then the memberships of
 * `/proc/net/igmp` and `/proc/net/igmp6`, with host names unless `-n`.
 * A line netstat cannot read gets its warning on stderr and no row.
 *
 * @example
 * ```ts
 * await showGroups(args, io, {}); // netintro -g
 * ```
 */
export async function showGroups(args: CliArgs, io: CliIo, state: State): Promise<void> {
  const given = args.flags;
  const sockets =
    given.tcp ||
    given.udp ||
    given.udplite ||
    given.raw ||
    given.unix ||
    given.inet4 ||
    given.inet6;
  if (sockets && !args.json) await showSockets(args, io, state);
  const f = resolveFlags(given);
  const onInvalidLine = (issue: ParseIssue): void => {
    // netstat counts lines from 0 and names the file it was reading.
    const kind = issue.source.endsWith('igmp6') ? 'igmp6' : 'igmp';
    io.stderr(`warning, got bogus ${kind} line ${issue.line - 1}.\n`);
  };
  const all = await readGroups({ root: netRoot(io), onInvalidLine });
  const groups = all.filter((g) => (g.family === 4 ? f.inet4 : f.inet6));
  if (args.json) {
    io.stdout(jsonText(groupsJson(groups, jsonOptions(args)), args));
    return;
  }
  const resolvers: Resolvers = {};
  if (!f.numericHosts && groups.length > 0) {
    state.hosts ??= createHostResolver({ lookup: io.lookup });
    const hosts = state.hosts;
    await hosts.resolveAll(new Set(groups.map((g) => g.address)));
    resolvers.hosts = (address) => hosts.get(address);
  }
  io.stdout(formatGroups(groups, given, resolvers));
}
