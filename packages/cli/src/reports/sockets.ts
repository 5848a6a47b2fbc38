/**
 * The socket report (netstat's default: `-t`, `-u`, `-w`, `-x`, ... with
 * `-a`, `-l`, `-n`, `-e`, `-p`, `-o`, `-W`), as tables or `--json`.
 *
 * @module
 */
import type { InetSocket, InetTableName, ParseIssue, UnixSocket } from '@netintro/procnet-reader';
import {
  ProcNetReadError,
  readUsers,
  type SocketKind,
  scanSocketOwnersSync,
  streamSocketsSync,
} from '@netintro/procnet-reader/node';
import {
  activeHeading,
  createInetRowFormatter,
  formatUnixTable,
  INET_TABLE_ORDER,
  inetColumnHeader,
  inetSocketSelected,
  type ResolvedFlags,
  type Resolvers,
  resolveFlags,
  socketsJson,
} from '@netintro/socket-formatter';
import {
  type CliArgs,
  type CliIo,
  etcPath,
  jsonOptions,
  jsonText,
  netRoot,
  type State,
} from '../io.js';
import { loadNetworks, loadProtocols, loadServices } from '../names.js';
import { permissionNote } from '../notes.js';
import { createHostResolver, type HostResolver, stopLookups } from '../resolver.js';

/** Rows formatted per batch: bounds memory on huge tables (one batch of records at a time). */
const BATCH = 128;
/** Longest total wait for DNS answers in one listing, in ms. */
const DNS_BUDGET_MS = 3000;
/** Characters of table text gathered per write to stdout. */
const OUT_CHARS = 8 * 1024;

/** The addresses the formatter will ask a host name for (see socket-formatter's hostText). */
export function addressesToResolve(sockets: readonly InetSocket[]): Set<string> {
  const wanted = new Set<string>();
  const consider = (address: string, family: 4 | 6): void => {
    if (family === 6) {
      if (address === '::' || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return;
    } else if (address === '0.0.0.0' || address.startsWith('0.')) {
      return;
    }
    wanted.add(address);
  };
  for (const s of sockets) {
    consider(s.local.address, s.family);
    consider(s.remote.address, s.family);
  }
  return wanted;
}

/**
 * The socket kinds of procnet-reader's readers that the flags select
 * (`tcp4`, `udp6`, ..., `unix`), for the readers that take kinds.
 *
 * @example
 * ```ts
 * socketKindsOf(resolveFlags({ tcp: true, inet4: true })); // ['tcp4']
 * ```
 */
export function socketKindsOf(f: ResolvedFlags): SocketKind[] {
  const kinds: SocketKind[] = [];
  for (const t of ['tcp', 'udp', 'udplite', 'raw'] as const) {
    if (!f[t]) continue;
    if (f.inet4) kinds.push(`${t}4` as SocketKind);
    if (f.inet6) kinds.push(`${t}6` as SocketKind);
  }
  if (f.unix) kinds.push('unix');
  return kinds;
}

/** netstat's word for a table in its "warning, got bogus ... line." message. */
function bogusKind(source: string): string {
  const table = source.replace(/^.*\//, '');
  if (table.startsWith('tcp')) return 'tcp';
  if (table.startsWith('udp')) return 'udp';
  if (table.startsWith('raw')) return 'raw';
  return 'unix';
}

function tableWanted(table: InetTableName, f: ResolvedFlags): boolean {
  const six = table.endsWith('6');
  if (six ? !f.inet6 : !f.inet4) return false;
  const kind = six ? table.slice(0, -1) : table;
  return f[kind as 'tcp' | 'udp' | 'udplite' | 'raw'];
}

/**
 * Whether an error is "this table does not exist" (no IPv6, no UDP-Lite, a
 * fixture tree): netstat shows nothing for such a table.
 */
function isMissingTable(error: unknown): boolean {
  return error instanceof ProcNetReadError && error.code === 'ENOENT';
}

/**
 * Prints one listing of the socket tables the flags ask for: the Internet
 * table (streamed: formatted as read, a batch at a time while host names
 * are looked up) and the UNIX table, or one JSON document of both.
 *
 * @example
 * ```ts
 * await showSockets(args, io, {}); // netintro -ant
 * ```
 */
export async function showSockets(args: CliArgs, io: CliIo, state: State): Promise<void> {
  const f = resolveFlags(args.flags);
  const root = netRoot(io);
  const wantInet = f.tcp || f.udp || f.udplite || f.raw;
  const onInvalidLine = (issue: ParseIssue): void => {
    io.stderr(`warning, got bogus ${bogusKind(issue.source)} line.\n`);
  };

  // Start everything that does not depend on the rows at once.
  // Tables show user names with -e; the JSON form always carries them (unless numeric).
  const users =
    (f.extend >= 1 || args.json) && !f.numericUsers
      ? readUsers({ path: etcPath(io, 'passwd') })
      : undefined;
  const resolvers: Resolvers = {};
  const naming: Promise<unknown>[] = [];
  if (wantInet && !f.numericPorts) {
    state.services ??= loadServices(io);
    naming.push(state.services.then((lookup) => (resolvers.services = lookup)));
    if (f.raw) {
      state.protocols ??= loadProtocols(io);
      naming.push(state.protocols.then((lookup) => (resolvers.protocols = lookup)));
    }
  }
  if (users) {
    naming.push(
      users.then(
        (map) => (resolvers.users = (uid) => map.get(uid)),
        () => undefined, // no passwd: numbers, as netstat prints them
      ),
    );
  }
  await Promise.all(naming);

  if (f.program) {
    // netstat scans /proc before printing anything and writes its note first.
    // Only the first holder of each socket is shown (the one netstat shows).
    // Every process is scanned (also with --netns: inodes are unique across
    // namespaces), so procRoot, not the namespace's net root.
    const owners = scanSocketOwnersSync({ procRoot: io.procRoot ?? '/proc' });
    const note = permissionNote(
      { denied: owners.denied, socketsFound: owners.size },
      io.euid ?? process.geteuid?.() ?? 0,
    );
    if (note) io.stderr(note);
    resolvers.processes = (inode) => owners.get(inode);
  }

  let hosts: HostResolver | undefined;
  const dnsDeadline = performance.now() + DNS_BUDGET_MS;
  if (wantInet && !f.numericHosts) {
    // netstat looks 0.x.y.z addresses up as networks (getnetbyaddr, /etc/networks).
    state.networks ??= loadNetworks(io);
    resolvers.networks = await state.networks;
    state.hosts ??= createHostResolver({ lookup: io.lookup });
    hosts = state.hosts;
    const cache = hosts;
    resolvers.hosts = (address) => cache.get(address);
  }

  const json = args.json;
  const jsonInet: InetSocket[] = [];
  if (wantInet) {
    if (!json) io.stdout(`${activeHeading('Internet connections', f)}\n${inetColumnHeader(f)}\n`);
    const row = createInetRowFormatter(f, resolvers);
    let out = '';
    let batch: InetSocket[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      // One DNS budget for the whole listing, however many batches it has.
      if (hosts) await hosts.resolveAll(addressesToResolve(batch), dnsDeadline - performance.now());
      if (json) {
        for (const s of batch) jsonInet.push(s);
      } else {
        for (const s of batch) out += `${row(s)}\n`;
        if (out.length >= OUT_CHARS) {
          io.stdout(out);
          out = '';
        }
      }
      batch = [];
    };
    for (const table of INET_TABLE_ORDER) {
      if (!tableWanted(table, f)) continue;
      // Blocking reads a chunk at a time; a missing table throws on the first step.
      // (No overload maps the whole InetTableName union to InetSocket rows yet.)
      const rows = streamSocketsSync(table, { root, onInvalidLine }) as Iterable<InetSocket>;
      try {
        if (hosts === undefined && !json) {
          // Nothing to wait for: format as parsed.
          for (const s of rows) {
            if (!inetSocketSelected(s, f)) continue;
            out += `${row(s)}\n`;
            if (out.length >= OUT_CHARS) {
              io.stdout(out);
              out = '';
            }
          }
          continue;
        }
        for (const s of rows) {
          if (!inetSocketSelected(s, f)) continue;
          batch.push(s);
          if (batch.length >= BATCH) await flush();
        }
      } catch (error) {
        if (!isMissingTable(error)) throw error;
      }
      await flush();
    }
    if (out !== '') io.stdout(out);
  }
  let unix: UnixSocket[] = [];
  if (f.unix) {
    // The DNS helper talks to this process over a UNIX socket pair: gone
    // before the UNIX table is read, so the command never lists itself
    // (netstat has no helper). A later listing (-c) starts a new one.
    if (hosts) await stopLookups();
    try {
      unix = [...streamSocketsSync('unix', { root, onInvalidLine })];
    } catch (error) {
      if (!isMissingTable(error)) throw error;
    }
    if (!json) io.stdout(formatUnixTable(unix, f, resolvers));
  }
  if (json) {
    // With -c or --compact, one compact document per round (NDJSON); otherwise indented.
    io.stdout(
      jsonText(socketsJson({ inet: jsonInet, unix }, f, resolvers, jsonOptions(args)), args),
    );
  }
}
