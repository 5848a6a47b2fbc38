/**
 * The routing table report (`-r`, `-r6`, `-ree`), as a table or `--json`.
 *
 * @module
 */
import { readRoutes } from '@netintro/procnet-reader/node';
import { formatRoutes, type Resolvers, resolveFlags, routesJson } from '@netintro/socket-formatter';
import { type CliArgs, type CliIo, jsonOptions, jsonText, netRoot, type State } from '../io.js';
import { loadNetworks } from '../names.js';
import { createHostResolver } from '../resolver.js';

/**
 * Prints the IPv4 routing table (IPv6 with `-6`, both with `-4 -6`), with
 * host and network names unless `-n`.
 *
 * @example
 * ```ts
 * await showRoutes(args, io, {}); // netintro -rn
 * ```
 */
export async function showRoutes(args: CliArgs, io: CliIo, state: State): Promise<void> {
  const f = resolveFlags(args.flags);
  const routes = await readRoutes({ root: netRoot(io) });
  // netstat -r: IPv4 unless only IPv6 is asked for; both when both are (formatRoutes decides).
  const six = !!args.flags.inet6;
  const four = !!args.flags.inet4 || !six;
  const resolvers: Resolvers = {};
  if (!f.numericHosts) {
    state.hosts ??= createHostResolver({ lookup: io.lookup });
    const hosts = state.hosts;
    const wanted = new Set<string>();
    if (six) for (const r of routes.ipv6) wanted.add(r.destination).add(r.nextHop);
    if (four) {
      for (const r of routes.ipv4) wanted.add(r.destination).add(r.gateway);
      const networks = await loadNetworks(io); // read each round, as netstat does
      if (networks !== undefined) resolvers.networks = networks;
    }
    wanted.delete('::');
    wanted.delete('0.0.0.0');
    await hosts.resolveAll(wanted);
    resolvers.hosts = (address) => hosts.get(address);
  }
  if (args.json) {
    const tables = {
      ...(four ? { ipv4: routes.ipv4 } : {}),
      ...(six ? { ipv6: routes.ipv6 } : {}),
    };
    io.stdout(jsonText(routesJson(tables, jsonOptions(args)), args));
    return;
  }
  io.stdout(formatRoutes({ route: routes.ipv4, ipv6Route: routes.ipv6 }, args.flags, resolvers));
}
