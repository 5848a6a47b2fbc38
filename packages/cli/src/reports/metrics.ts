/**
 * `--metrics`: the OpenMetrics exposition of the socket tables and the
 * `netstat -s` counters, for Prometheus (node_exporter's textfile
 * collector, or a scrape through a small HTTP wrapper).
 *
 * @module
 */
import { readSocketsSync, readStatistics } from '@netintro/procnet-reader/node';
import { formatOpenMetrics, type NetstatArgs, resolveFlags } from '@netintro/socket-formatter';
import { type CliIo, netRoot, type State } from '../io.js';
import { loadServices } from '../names.js';
import { permissionNote } from '../notes.js';
import { socketKindsOf } from './sockets.js';

/**
 * Prints the exposition once. The socket types and families follow the
 * flags (`-t`, `-u`, `-x`, `-4`, ...; all tables by default); `-p` adds
 * sockets per program; `maxSeries` caps `netintro_connections`.
 *
 * @example
 * ```ts
 * await metricsReport(args, 20, io, {}); // netintro --metrics --max-series 20
 * ```
 */
export async function metricsReport(
  args: NetstatArgs,
  maxSeries: number | undefined,
  io: CliIo,
  state: State,
): Promise<number> {
  const f = resolveFlags(args.flags);
  const kinds = socketKindsOf(f);
  const root = netRoot(io);
  const snapshot = readSocketsSync({
    kinds,
    root,
    procRoot: io.procRoot ?? '/proc',
    processes: f.program,
    onInvalidLine: 'skip',
  });
  if (f.program && snapshot.owners) {
    const note = permissionNote(
      { denied: snapshot.owners.denied, socketsFound: snapshot.owners.size },
      io.euid ?? process.geteuid?.() ?? 0,
    );
    if (note) io.stderr(note);
  }
  const stats = await readStatistics({ root });
  state.services ??= loadServices(io);
  const services = f.numericPorts ? undefined : await state.services;
  io.stdout(
    formatOpenMetrics(
      { inet: snapshot.inet, unix: snapshot.unix, ...stats },
      {
        resolvers: services ? { services } : {},
        programs: f.program,
        ...(maxSeries !== undefined ? { maxConnectionSeries: maxSeries } : {}),
      },
    ),
  );
  return 0;
}
