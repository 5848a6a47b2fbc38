/**
 * `--watch [secs]`: one line per socket that opens (`+`), closes (`-`) or
 * changes state or queues (`~`), in netstat's row format, or one NDJSON
 * object per event with `--json`. Runs until SIGINT/SIGTERM (or
 * `io.signal`).
 *
 * @module
 */
import type { InetSocket, SocketOwner, UnixSocket } from '@netintro/procnet-reader';
import { type WatchedSocket, watchSockets } from '@netintro/procnet-reader/node';
import {
  createInetRowFormatter,
  formatUnixRow,
  inetColumnHeader,
  inetSocketJson,
  inetSocketSelected,
  isUnixServer,
  type ResolvedFlags,
  type Resolvers,
  resolveFlags,
  unixColumnHeader,
  unixSocketJson,
} from '@netintro/socket-formatter';
import { type CliArgs, type CliIo, jsonOptions, netRoot, type State } from '../io.js';
import { loadNetworks, loadProtocols, loadServices } from '../names.js';
import { createHostResolver, stopLookups } from '../resolver.js';
import { addressesToResolve, socketKindsOf } from './sockets.js';

/** Longest wait for host names of one batch of events, in ms. */
const DNS_BUDGET_MS = 1000;

function unixSelected(s: UnixSocket, f: ResolvedFlags): boolean {
  if (f.all) return true;
  return f.listening ? isUnixServer(s) : !isUnixServer(s);
}

const isUnix = (s: WatchedSocket): s is UnixSocket => s.table === 'unix';

/**
 * Watches the tables the flags select and prints each event as it comes.
 * Returns the exit status: 0 when stopped by a signal.
 *
 * @example
 * ```ts
 * await watchReport(args, 2, io, {}); // netintro --watch 2 -tn
 * ```
 */
export async function watchReport(
  args: CliArgs,
  seconds: number,
  io: CliIo,
  state: State,
): Promise<number> {
  const f = resolveFlags(args.flags);
  const kinds = socketKindsOf(f);
  const wantInet = kinds.some((k) => k !== 'unix');
  const resolvers: Resolvers = {};
  if (wantInet && !f.numericPorts) {
    state.services ??= loadServices(io);
    resolvers.services = await state.services;
    if (f.raw) {
      state.protocols ??= loadProtocols(io);
      resolvers.protocols = await state.protocols;
    }
  }
  const hosts = wantInet && !f.numericHosts ? createHostResolver({ lookup: io.lookup }) : undefined;
  if (hosts) {
    state.networks ??= loadNetworks(io);
    resolvers.networks = await state.networks;
    resolvers.hosts = (address) => hosts.get(address);
  }
  // Owners come with the events; closed sockets keep the owner they had.
  const owners = new Map<string, SocketOwner>();
  resolvers.processes = (inode) => owners.get(inode);
  const row = createInetRowFormatter(f, resolvers);
  const json = args.json;
  if (!json) {
    if (wantInet) io.stdout(`  ${inetColumnHeader(f)}\n`);
    else io.stdout(`  ${unixColumnHeader(f)}\n`);
  }
  const line = (mark: string, s: WatchedSocket): string =>
    isUnix(s) ? `${mark} ${formatUnixRow(s, f, resolvers)}\n` : `${mark} ${row(s)}\n`;
  const options = jsonOptions(args);
  const doc = (s: WatchedSocket) =>
    isUnix(s) ? unixSocketJson(s, resolvers, options) : inetSocketJson(s, f, resolvers, options);
  const selected = (s: WatchedSocket): boolean =>
    isUnix(s) ? unixSelected(s, f) : inetSocketSelected(s as InetSocket, f);

  const watcher = watchSockets({
    kinds,
    interval: seconds * 1000,
    root: netRoot(io),
    procRoot: io.procRoot ?? '/proc',
    processes: f.program,
    signal: io.signal,
    onInvalidLine: 'skip',
  });
  for await (const event of watcher) {
    const all = [...event.opened, ...event.closed, ...event.changed.map((c) => c.after)];
    for (const s of all) if (s.owner && s.inode !== '0') owners.set(s.inode, s.owner);
    if (hosts) {
      const inet = all.filter((s): s is InetSocket => !isUnix(s) && selected(s));
      await hosts.resolveAll(addressesToResolve(inet), DNS_BUDGET_MS);
      // The DNS helper's UNIX socket pair must not show up as an event of the
      // next poll: it is gone before then (a poll with new addresses starts another).
      if (kinds.includes('unix')) await stopLookups();
    }
    const time = new Date(event.time).toISOString();
    let out = '';
    for (const s of event.closed) {
      if (!selected(s)) continue;
      out += json ? `${JSON.stringify({ event: 'closed', time, socket: doc(s) })}\n` : line('-', s);
    }
    for (const s of event.opened) {
      if (!selected(s)) continue;
      out += json ? `${JSON.stringify({ event: 'opened', time, socket: doc(s) })}\n` : line('+', s);
    }
    for (const { before, after } of event.changed) {
      if (!selected(after)) continue;
      out += json
        ? `${JSON.stringify({
            event: 'changed',
            time,
            before: isUnix(before)
              ? { state: before.state }
              : { state: before.state, txQueue: before.txQueue, rxQueue: before.rxQueue },
            socket: doc(after),
          })}\n`
        : line('~', after);
    }
    if (out !== '') io.stdout(out);
    for (const s of event.closed) owners.delete(s.inode);
  }
  return 0;
}
