/**
 * Reading the socket tables of a network namespace, with owners, filters
 * applied while parsing, and streaming forms for huge tables.
 *
 * One reading path: blocking reads on the calling thread. Why no threads
 * (measured, see the README's Performance section): a `/proc` table is
 * produced by the kernel under the reader's own system calls, so a second
 * thread only adds its start-up (about 20-45 ms and 12 MB for a worker) to
 * work that stays serial; the fd scan is system-call bound in the same way.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { endianness as hostEndianness } from 'node:os';
import { ProcNetParseError } from '../errors.js';
import type { RowFilter } from '../inet/filter.js';
import { parseRows } from '../inet/parse.js';
import { INET_TABLES, INET4_TABLES, INET6_TABLES } from '../inet/tables.js';
import { TCP_STATES } from '../states.js';
import type {
  DatagramStateName,
  Endianness,
  InetSocket,
  InetTableName,
  OnInvalidLine,
  ParseIssue,
  ParseOptions,
  RawSocket,
  TcpSocket,
  TcpStateName,
  UdpSocket,
  UnixSocket,
  UnixSocketState,
} from '../types.js';
import { parseUnix } from '../unix.js';
import { isMissing } from './errno.js';
import { type SocketOwners, scanSocketOwnersSync, startOwnerScan } from './owners.js';
import { readUsersSync } from './passwd.js';
import { ProcNetReadError, readWholeSync, STREAM_CHUNK_BYTES, textChunksSync } from './read.js';

/**
 * Which sockets {@link readSockets} returns, named like psutil's
 * `net_connections(kind=...)`:
 *
 * | kind | tables |
 * |---|---|
 * | `tcp` / `tcp4` / `tcp6` | tcp + tcp6 / tcp / tcp6 |
 * | `udp` / `udp4` / `udp6` | udp + udp6 / udp / udp6 |
 * | `udplite` / `udplite4` / `udplite6` | udplite + udplite6 / udplite / udplite6 |
 * | `raw` / `raw4` / `raw6` | raw + raw6 / raw / raw6 |
 * | `unix` | unix |
 * | `inet` / `inet4` / `inet6` | every IP table / the IPv4 ones / the IPv6 ones |
 * | `all` | every socket table |
 *
 * Unlike psutil, `inet` and `all` include the udplite and raw tables,
 * because netstat shows them.
 *
 * @example
 * ```ts
 * await readSockets({ kinds: ['tcp4', 'udp6'] });
 * ```
 */
export type SocketKind =
  | 'tcp'
  | 'tcp4'
  | 'tcp6'
  | 'udp'
  | 'udp4'
  | 'udp6'
  | 'udplite'
  | 'udplite4'
  | 'udplite6'
  | 'raw'
  | 'raw4'
  | 'raw6'
  | 'unix'
  | 'inet'
  | 'inet4'
  | 'inet6'
  | 'all';

/**
 * A socket table file: the eight IP tables and `unix`.
 *
 * @example
 * ```ts
 * const table: SocketTableName = 'udplite6';
 * ```
 */
export type SocketTableName = InetTableName | 'unix';

const ALL_INET = INET_TABLES;

const KIND_TABLES: Readonly<Record<SocketKind, readonly SocketTableName[]>> = {
  tcp: ['tcp', 'tcp6'],
  tcp4: ['tcp'],
  tcp6: ['tcp6'],
  udp: ['udp', 'udp6'],
  udp4: ['udp'],
  udp6: ['udp6'],
  udplite: ['udplite', 'udplite6'],
  udplite4: ['udplite'],
  udplite6: ['udplite6'],
  raw: ['raw', 'raw6'],
  raw4: ['raw'],
  raw6: ['raw6'],
  unix: ['unix'],
  inet: ALL_INET,
  inet4: INET4_TABLES,
  inet6: INET6_TABLES,
  all: [...ALL_INET, 'unix'],
};

/**
 * Tables whose absence is an error. The others may legitimately be missing:
 * the IPv6 ones when IPv6 is disabled, udplite on kernels without UDP-Lite.
 */
const REQUIRED_TABLES: ReadonlySet<SocketTableName> = new Set(['tcp', 'udp', 'raw', 'unix']);

/**
 * The tables a list of kinds covers, without duplicates, in netstat's order
 * (tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6, unix).
 *
 * @throws TypeError for an unknown kind.
 * @example
 * ```ts
 * tablesForKinds(['tcp4', 'udp']); // ['tcp', 'udp', 'udp6']
 * tablesForKinds('inet6');          // ['tcp6', 'udp6', 'udplite6', 'raw6']
 * ```
 */
export function tablesForKinds(kinds: SocketKind | readonly SocketKind[]): SocketTableName[] {
  const list = typeof kinds === 'string' ? [kinds] : kinds;
  const wanted = new Set<SocketTableName>();
  for (const kind of list) {
    const tables = Object.hasOwn(KIND_TABLES, kind) ? KIND_TABLES[kind] : undefined;
    if (tables === undefined) {
      throw new TypeError(
        `unknown socket kind ${JSON.stringify(kind)}; expected one of ${Object.keys(KIND_TABLES).join(', ')}`,
      );
    }
    for (const table of tables) wanted.add(table);
  }
  return KIND_TABLES.all.filter((table) => wanted.has(table));
}

/**
 * The machine's byte order as the parsers want it (`os.endianness()` lower-cased).
 *
 * @example
 * ```ts
 * hostByteOrder(); // 'little' on x86-64 and arm64
 * ```
 */
export function hostByteOrder(): Endianness {
  return hostEndianness() === 'BE' ? 'big' : 'little';
}

/**
 * Which records to keep, checked while a table is parsed: a row that fails
 * is not built. Every field given must match (AND); a list matches any of
 * its values (OR).
 *
 * Rows of the UNIX table have no ports, uid or family: when `port`,
 * `localPort`, `remotePort`, `uid` or `family` is set, the `unix` table is
 * not read at all.
 *
 * @example
 * ```ts
 * const filter: SocketFilter = { state: 'ESTABLISHED', remotePort: 443, family: 4 };
 * await readSockets({ kinds: 'tcp', ...filter });
 * ```
 */
export interface SocketFilter {
  /**
   * State names, as in `socket.state`: TCP names for tcp rows
   * (`'LISTEN'`, `'ESTABLISHED'`, ...), `'ESTABLISHED'`/`'CLOSE'`/`'UNKNOWN'`
   * for udp/udplite/raw rows, UNIX socket states for unix rows. A row whose
   * state is not listed is skipped.
   */
  state?: SocketStateName | readonly SocketStateName[];
  /** Local or remote port (for raw rows the "port" is the IP protocol number). */
  port?: number;
  /** Local port. */
  localPort?: number;
  /** Remote port. */
  remotePort?: number;
  /**
   * Listening sockets only (`true`) or never (`false`): TCP in state
   * `LISTEN`; UDP, UDP-Lite and raw sockets not connected to a peer (remote
   * address all zero, what `ss -l` lists as UNCONN); UNIX sockets with the
   * accept flag. (netstat's `-l` differs for TCP: it keeps remote port 0.)
   */
  listening?: boolean;
  /**
   * Sockets held by this process only. Implies an owner scan of that one
   * process (`/proc/<pid>/fd`), cheap whatever the machine's size; each
   * socket's `owner` is then that process's holding.
   */
  pid?: number;
  /** Sockets of this uid only. */
  uid?: number;
  /** IPv4 (`4`) or IPv6 (`6`) tables only. */
  family?: 4 | 6;
}

/**
 * Every state name a {@link SocketFilter} accepts.
 *
 * @example
 * ```ts
 * const states: SocketStateName[] = ['LISTEN', 'CONNECTED'];
 * ```
 */
export type SocketStateName = TcpStateName | DatagramStateName | UnixSocketState;

/**
 * Options of {@link readSockets} and {@link readSocketsSync}: which tables,
 * where, what to add (owners, user names), how to treat bad lines, and the
 * {@link SocketFilter} fields.
 *
 * @example
 * ```ts
 * const options: ReadSocketsOptions = { kinds: ['tcp', 'udp'], processes: true, listening: true };
 * await readSockets(options);
 * ```
 */
export interface ReadSocketsOptions extends SocketFilter {
  /** Which sockets (default `'all'`). See {@link SocketKind}. */
  kinds?: SocketKind | readonly SocketKind[];
  /**
   * Directory holding `net/` (default `/proc`). Use `/proc/<pid>` to read the
   * network namespace of process `<pid>`, or a fixture tree in tests.
   */
  root?: string;
  /**
   * Find the process holding each socket (default `false`): every socket
   * then carries `owner` (pid, fd, command, name, cmdline) when a readable
   * process holds it, and the result has `owners` (all holders) and
   * `unidentified`. Costs one scan of `<procRoot>/<pid>/fd`.
   */
  processes?: boolean;
  /** procfs mount scanned for processes (default `/proc`, whatever `root` is). */
  procRoot?: string;
  /** Also map uids to user names from {@link ReadSocketsOptions.passwdPath} (default `false`). */
  users?: boolean;
  /** passwd(5) file for `users` (default `/etc/passwd`). */
  passwdPath?: string;
  /** Byte order of the addresses (default: this machine's, from `os.endianness()`). */
  endianness?: Endianness;
  /**
   * Bad-line policy: `'throw'` (default) rejects with a `ProcNetParseError`;
   * `'skip'` or a callback go on. In the last two cases every issue also
   * lands in the result's `issues`.
   */
  onInvalidLine?: OnInvalidLine;
}

/**
 * Whether and how one table file was read.
 *
 * @example
 * ```ts
 * (await readSockets({ kinds: 'udplite' })).tables;
 * // [{ table: 'udplite', path: '/proc/net/udplite', present: true, rows: 0 }, { table: 'udplite6', ... }]
 * ```
 */
export interface TableRead {
  table: SocketTableName;
  /** Full path of the file. */
  path: string;
  /** False when the file does not exist (an optional table such as `udplite`). */
  present: boolean;
  /** Records kept from it (after the filters). */
  rows: number;
}

/**
 * How well processes could be identified (present when `processes: true`).
 * netstat prints "(Not all processes could be identified, ...)" when
 * `denied > 0` and `mapped > 0`, and "(No info could be read for "-p" ...)"
 * when `mapped === 0` and `denied > 0`.
 *
 * @example
 * ```ts
 * const { unidentified } = await readSockets({ processes: true });
 * if (unidentified.denied > 0 && unidentified.mapped > 0) {
 *   console.error('(Not all processes could be identified, non-owned process info');
 *   console.error(' will not be shown, you would have to be root to see it all.)');
 * }
 * ```
 */
export interface UnidentifiedSummary {
  /** Processes whose fd directory could not be read (EACCES/EPERM). */
  denied: number;
  /** Their pids. */
  deniedPids: number[];
  /** Processes that exited during the scan (normal; no owner lost that still exists). */
  vanished: number;
  /** Sockets of this result with a non-zero inode that some scanned process holds. */
  mapped: number;
  /**
   * Sockets with a non-zero inode that no scanned process holds: owned by a
   * denied process, by a process in another pid namespace, by the kernel, or
   * closed between the table read and the scan.
   */
  unowned: number;
  /**
   * Sockets with inode 0: TIME_WAIT, SYN_RECV requests, orphaned FIN_WAIT2
   * and connections still in an accept queue. No process can hold them.
   */
  inodeZero: number;
}

/**
 * Everything {@link readSockets} returns.
 *
 * @example
 * ```ts
 * const snap: SocketSnapshot = await readSockets({ kinds: 'tcp' });
 * snap.inet.length; // 42
 * snap.issues; // []
 * ```
 */
export interface SocketSnapshot<I extends InetSocket = InetSocket> {
  /** Rows of the IP tables, table by table in netstat's order, file order within a table. */
  inet: I[];
  /** Rows of `unix`, in file order. */
  unix: UnixSocket[];
  /** One entry per table asked for. */
  tables: TableRead[];
  /** Bad lines met (empty when `onInvalidLine` is `'throw'`, since that rejects instead). */
  issues: ParseIssue[];
  /**
   * Every holder of every socket found by the scan (`owners.holders(inode)`;
   * `owners.get(inode)` is the one in `socket.owner`). It may hold inodes of
   * sockets outside this result (netlink, packet, other namespaces).
   * Present when `processes: true` or `pid` is set.
   */
  owners?: SocketOwners;
  /** Present when `processes: true` or `pid` is set. */
  unidentified?: UnidentifiedSummary;
  /** uid -> user name, from passwd. Present when `users: true`. */
  users?: Map<number, string>;
}

type KindSocket<K> = K extends 'tcp' | 'tcp4' | 'tcp6'
  ? TcpSocket
  : K extends 'udp' | 'udp4' | 'udp6' | 'udplite' | 'udplite4' | 'udplite6'
    ? UdpSocket
    : K extends 'raw' | 'raw4' | 'raw6'
      ? RawSocket
      : K extends 'unix'
        ? never
        : InetSocket;

/**
 * The row type of `inet` for given kinds: `TcpSocket` for `'tcp'`, ...
 *
 * @example
 * ```ts
 * type Rows = InetSocketFor<['tcp4', 'udp']>; // TcpSocket | UdpSocket
 * ```
 */
export type InetSocketFor<K> = [K] extends [undefined]
  ? InetSocket
  : K extends readonly (infer E)[]
    ? KindSocket<E>
    : KindSocket<K>;

/**
 * The result type for given options: `inet` rows typed by `kinds`;
 * `owners`/`unidentified` and `users` non-optional when `processes`,
 * `pid` or `users` are set literally (for a `boolean` option they stay
 * optional: check them).
 *
 * @example
 * ```ts
 * const snap = await readSockets({ kinds: 'tcp', processes: true }); // SocketSnapshotFor<...>
 * snap.owners.size; // no `?.` needed
 * snap.inet[0]?.cwnd; // TcpSocket fields without narrowing
 * ```
 */
export type SocketSnapshotFor<O extends ReadSocketsOptions> = SocketSnapshot<
  InetSocketFor<O['kinds']>
> &
  (O['processes'] extends true
    ? { owners: SocketOwners; unidentified: UnidentifiedSummary }
    : O['pid'] extends number
      ? { owners: SocketOwners; unidentified: UnidentifiedSummary }
      : unknown) &
  (O['users'] extends true ? { users: Map<number, string> } : unknown);

function tablePath(root: string, table: SocketTableName): string {
  return `${root.endsWith('/') ? root.slice(0, -1) : root}/net/${table}`;
}

function collectingPolicy(
  policy: OnInvalidLine | undefined,
  issues: ParseIssue[],
): OnInvalidLine | undefined {
  if (policy === undefined || policy === 'throw') return policy;
  if (policy === 'skip') return (issue) => issues.push(issue);
  if (typeof policy === 'function') {
    return (issue) => {
      issues.push(issue);
      policy(issue);
    };
  }
  return policy; // invalid value: the parser raises its TypeError
}

function checkPolicy(policy: unknown): asserts policy is OnInvalidLine | undefined {
  if (policy === undefined || policy === 'throw' || policy === 'skip') return;
  if (typeof policy === 'function') return;
  throw new TypeError(
    `onInvalidLine must be 'throw', 'skip' or a function, got ${JSON.stringify(policy)}`,
  );
}

function checkPort(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new TypeError(`${name} must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
}

/** The compiled filter: per-table row filters plus the unix check. */
interface CompiledFilter {
  /** Tables left out entirely by the filter. */
  skips(table: SocketTableName): boolean;
  inet(table: InetTableName): RowFilter | undefined;
  unix: ((socket: UnixSocket) => boolean) | undefined;
}

function compileFilter(f: SocketFilter, inodes: RowFilter['inodes']): CompiledFilter {
  checkPort('port', f.port);
  checkPort('localPort', f.localPort);
  checkPort('remotePort', f.remotePort);
  if (f.family !== undefined && f.family !== 4 && f.family !== 6) {
    throw new TypeError(`family must be 4 or 6, got ${JSON.stringify(f.family)}`);
  }
  const names =
    f.state === undefined
      ? undefined
      : new Set<string>(typeof f.state === 'string' ? [f.state] : f.state);
  const stateMask = (tcp: boolean): Uint8Array | undefined => {
    if (names === undefined && f.listening === undefined) return undefined;
    const mask = new Uint8Array(256);
    for (let code = 0; code < 256; code++) {
      let ok = true;
      if (names !== undefined) {
        const name = tcp
          ? (TCP_STATES[code] ?? 'UNKNOWN')
          : code === 1
            ? 'ESTABLISHED'
            : code === 7
              ? 'CLOSE'
              : 'UNKNOWN';
        ok = names.has(name);
      }
      if (tcp && f.listening !== undefined && (code === 10) !== f.listening) ok = false;
      mask[code] = ok ? 1 : 0;
    }
    return mask;
  };
  const tcpStates = stateMask(true);
  const datagramStates = stateMask(false);
  const base: RowFilter = {
    port: f.port,
    localPort: f.localPort,
    remotePort: f.remotePort,
    uid: f.uid,
    inodes,
  };
  const tcpFilter: RowFilter = { ...base, states: tcpStates };
  const datagramFilter: RowFilter = {
    ...base,
    states: datagramStates,
    unconnected: f.listening,
  };
  const anyInet =
    tcpStates !== undefined ||
    datagramStates !== undefined ||
    f.port !== undefined ||
    f.localPort !== undefined ||
    f.remotePort !== undefined ||
    f.uid !== undefined ||
    inodes !== undefined;
  const unixExcluded =
    f.port !== undefined ||
    f.localPort !== undefined ||
    f.remotePort !== undefined ||
    f.uid !== undefined ||
    f.family !== undefined;
  const unixCheck =
    names === undefined && f.listening === undefined && inodes === undefined
      ? undefined
      : (u: UnixSocket): boolean =>
          (names === undefined || names.has(u.state)) &&
          (f.listening === undefined || u.listening === f.listening) &&
          (inodes === undefined || inodes.has(u.inode));
  return {
    skips(table) {
      if (table === 'unix') return unixExcluded;
      if (f.family !== undefined && (table.endsWith('6') ? 6 : 4) !== f.family) return true;
      return false;
    },
    inet(table) {
      if (!anyInet) return undefined;
      return table.startsWith('tcp') ? tcpFilter : datagramFilter;
    },
    unix: unixCheck,
  };
}

/** Sets `owner` on every row some scanned process holds. */
function attachOwners(rows: Array<InetSocket | UnixSocket>, owners: SocketOwners): void {
  for (const row of rows) {
    if (row.inode === '0') continue;
    const owner = owners.get(row.inode);
    if (owner !== undefined) row.owner = owner;
  }
}

function summarize(
  owners: SocketOwners,
  inet: readonly InetSocket[],
  unix: readonly UnixSocket[],
): UnidentifiedSummary {
  let mapped = 0;
  let unowned = 0;
  let inodeZero = 0;
  const count = (socket: InetSocket | UnixSocket): void => {
    if (socket.inode === '0') inodeZero++;
    else if (socket.owner !== undefined) mapped++;
    else unowned++;
  };
  for (const socket of inet) count(socket);
  for (const socket of unix) count(socket);
  return {
    denied: owners.denied,
    deniedPids: owners.deniedPids,
    vanished: owners.vanished,
    mapped,
    unowned,
    inodeZero,
  };
}

/**
 * Reads the socket tables of one network namespace (`<root>/net/tcp`, ...)
 * with blocking reads on the calling thread, applying the
 * {@link SocketFilter} fields while parsing. With `processes: true` every
 * socket carries its `owner`; with `users: true` the result maps uids to
 * names. The synchronous twin of {@link readSockets}, for one-shot scripts
 * and CLIs.
 *
 * Optional tables that do not exist (`tcp6`, `udp6`, `raw6` without IPv6;
 * `udplite`, `udplite6` on kernels without UDP-Lite) give no rows and
 * `present: false` in `tables`; a missing required table (`tcp`, `udp`,
 * `raw`, `unix`), a missing `<root>/net`, or any unreadable file throws a
 * {@link ProcNetReadError} naming the path. Processes that cannot be
 * inspected are counted in `unidentified`, never thrown.
 *
 * @example
 * ```ts
 * import { readSocketsSync } from '@netintro/procnet-reader/node';
 * const { inet } = readSocketsSync({ kinds: 'tcp', listening: true, processes: true });
 * for (const s of inet) console.log(s.local.port, s.owner?.name ?? '-');
 * ```
 */
export function readSocketsSync<const O extends ReadSocketsOptions = ReadSocketsOptions>(
  options?: O,
): SocketSnapshotFor<O> {
  const o: ReadSocketsOptions = options ?? {};
  const root = o.root ?? '/proc';
  const procRoot = o.procRoot ?? '/proc';
  const tables = tablesForKinds(o.kinds ?? 'all');
  const issues: ParseIssue[] = [];
  const endianness = o.endianness ?? hostByteOrder();
  checkPolicy(o.onInvalidLine);
  const policy = collectingPolicy(o.onInvalidLine, issues);
  if (o.pid !== undefined && (!Number.isInteger(o.pid) || o.pid < 0)) {
    throw new TypeError(`pid must be a non-negative integer, got ${JSON.stringify(o.pid)}`);
  }

  // The owner scan lists the processes first (the `pid` filter needs its
  // inodes before the tables; otherwise the fd links are read after them, or
  // meanwhile on a worker for a big scan).
  const wantOwners = o.processes === true || o.pid !== undefined;
  // A big scan starts its worker here, to run while the tables are parsed.
  const scan = wantOwners ? startOwnerScan({ procRoot, pid: o.pid }) : undefined;
  let owners = o.pid !== undefined ? scan?.finish() : undefined;
  const filter = compileFilter(o, o.pid !== undefined && owners ? owners : undefined);
  const users = o.users ? readUsersSync({ path: o.passwdPath ?? '/etc/passwd' }) : undefined;

  const snapshot: SocketSnapshot = { inet: [], unix: [], tables: [], issues };
  let missing = 0;
  for (const table of tables) {
    const path = tablePath(root, table);
    if (filter.skips(table)) continue;
    let text: string;
    try {
      text = readWholeSync(path, table === 'unix' ? 'utf8' : 'latin1');
    } catch (error) {
      if (!REQUIRED_TABLES.has(table) && isMissing(error)) {
        missing++;
        snapshot.tables.push({ table, path, present: false, rows: 0 });
        continue;
      }
      throw error;
    }
    const parseOptions: ParseOptions = { source: path, endianness, onInvalidLine: policy };
    let count: number;
    if (table === 'unix') {
      let rows = parseUnix(text, parseOptions);
      if (filter.unix !== undefined) rows = rows.filter(filter.unix);
      snapshot.unix = rows;
      count = rows.length;
    } else {
      const rows = parseRows(table, text, parseOptions, filter.inet(table));
      if (snapshot.inet.length === 0) snapshot.inet = rows;
      else for (const row of rows) snapshot.inet.push(row);
      count = rows.length;
    }
    snapshot.tables.push({ table, path, present: true, rows: count });
  }
  if (missing > 0) {
    // Optional tables may be missing, but not the whole namespace.
    const netDir = `${root.endsWith('/') ? root.slice(0, -1) : root}/net`;
    try {
      statSync(netDir);
    } catch (error) {
      throw new ProcNetReadError(netDir, error);
    }
  }
  owners ??= scan?.finish();
  if (owners !== undefined) {
    attachOwners(snapshot.inet, owners);
    attachOwners(snapshot.unix, owners);
    snapshot.owners = owners;
    snapshot.unidentified = summarize(owners, snapshot.inet, snapshot.unix);
  }
  if (users !== undefined) snapshot.users = users;
  return snapshot as SocketSnapshotFor<O>;
}

/**
 * Reads the socket tables of one network namespace (`<root>/net/tcp`, ...),
 * applying the {@link SocketFilter} fields while parsing (rows that do not
 * match are never built). With `processes: true` every socket carries its
 * `owner` (pid, fd, netstat's `command`, `name` from comm, full `cmdline`);
 * with `users: true` the result maps uids to user names.
 *
 * The work is done with blocking reads on the calling thread (the fastest
 * way for `/proc` files, measured at every size: see the README), in one
 * turn of the event loop; {@link readSocketsSync} is the same without the
 * promise, {@link streamSockets} the form whose memory stays flat.
 *
 * Optional tables that do not exist (`tcp6`, `udp6`, `raw6` without IPv6;
 * `udplite`, `udplite6` on kernels without UDP-Lite) give no rows and
 * `present: false` in `tables`; a missing required table (`tcp`, `udp`,
 * `raw`, `unix`), a missing `<root>/net`, or any unreadable file rejects with
 * a {@link ProcNetReadError} naming the path. Processes that cannot be
 * inspected are counted in `unidentified`, never thrown.
 *
 * @example
 * ```ts
 * import { readSockets } from '@netintro/procnet-reader/node';
 *
 * const { inet } = await readSockets({ kinds: 'tcp', listening: true, processes: true });
 * for (const s of inet) console.log(`${s.local.address}:${s.local.port}`, s.owner?.pid, s.owner?.name);
 *
 * // Another network namespace (a container's process):
 * await readSockets({ kinds: 'inet', root: '/proc/4242' });
 * ```
 */
export async function readSockets<const O extends ReadSocketsOptions = ReadSocketsOptions>(
  options?: O,
): Promise<SocketSnapshotFor<O>> {
  return readSocketsSync(options);
}

/**
 * Kinds of Internet sockets (every {@link SocketKind} but `unix` and `all`).
 *
 * @example
 * ```ts
 * const kinds: InetKind[] = ['tcp', 'udp6'];
 * ```
 */
export type InetKind = Exclude<SocketKind, 'unix' | 'all'>;

/**
 * Options of the helpers {@link readListening}, {@link readSocketsOfPid}
 * and {@link whoHoldsPort}: those of {@link readSockets}, with Internet
 * kinds only (default `'inet'`).
 *
 * @example
 * ```ts
 * await readListening({ kinds: 'tcp', processes: true, family: 4 });
 * ```
 */
export interface InetReadOptions extends Omit<ReadSocketsOptions, 'kinds'> {
  /** Which Internet sockets (default `'inet'`: every IP table). */
  kinds?: InetKind | readonly InetKind[];
}

/**
 * The listening sockets: TCP in `LISTEN`, UDP/UDP-Lite/raw not connected
 * to a peer (see {@link SocketFilter.listening}), in netstat's table order.
 * Add `processes: true` to get each one's `owner`.
 *
 * @example
 * ```ts
 * import { readListening } from '@netintro/procnet-reader/node';
 * for (const s of await readListening({ kinds: 'tcp', processes: true })) {
 *   console.log(`${s.local.address}:${s.local.port}`, s.owner?.name ?? '-');
 * }
 * ```
 */
export async function readListening<const O extends InetReadOptions = InetReadOptions>(
  options?: O,
): Promise<InetSocketFor<O['kinds']>[]> {
  const { inet } = readSocketsSync({
    ...options,
    kinds: options?.kinds ?? 'inet',
    listening: true,
  });
  return inet as InetSocketFor<O['kinds']>[];
}

/**
 * The Internet sockets a process holds, each with `owner` set to that
 * process's holding (pid, fd, command, name, cmdline). Only `/proc/<pid>/fd`
 * is scanned, so the cost does not grow with the machine's other processes.
 * Empty when the process does not exist or cannot be inspected (not root:
 * see `unidentified.denied` of `readSockets({ pid })`). For its UNIX
 * sockets use `readSockets({ kinds: 'unix', pid })`.
 *
 * @example
 * ```ts
 * import { readSocketsOfPid } from '@netintro/procnet-reader/node';
 * const mine = await readSocketsOfPid(process.pid, { kinds: 'tcp' });
 * mine.map((s) => `${s.local.port} ${s.state}`);
 * ```
 */
export async function readSocketsOfPid<const O extends InetReadOptions = InetReadOptions>(
  pid: number,
  options?: O,
): Promise<InetSocketFor<O['kinds']>[]> {
  const { inet } = readSocketsSync({ ...options, kinds: options?.kinds ?? 'inet', pid });
  return inet as InetSocketFor<O['kinds']>[];
}

/**
 * Who holds a local port: the Internet sockets bound to it (listening or
 * connected, every IP table unless `kinds` says otherwise), each with its
 * `owner` when a readable process holds it (`owner` is absent for inode-0
 * rows such as TIME_WAIT, and for other users' processes without root).
 *
 * @example
 * ```ts
 * import { whoHoldsPort } from '@netintro/procnet-reader/node';
 * for (const s of await whoHoldsPort(22, { listening: true })) {
 *   console.log(s.protocol, s.owner ? `${s.owner.pid}/${s.owner.command}` : '-');
 * }
 * ```
 */
export async function whoHoldsPort<const O extends InetReadOptions = InetReadOptions>(
  port: number,
  options?: O,
): Promise<InetSocketFor<O['kinds']>[]> {
  const { inet } = readSocketsSync({
    ...options,
    kinds: options?.kinds ?? 'inet',
    localPort: port,
    processes: true,
  });
  return inet as InetSocketFor<O['kinds']>[];
}

/**
 * Options of {@link streamSockets} and {@link streamSocketsSync}: the
 * {@link SocketFilter} fields, where to read, and owners.
 *
 * @example
 * ```ts
 * streamSockets('tcp6', { root: '/proc/4242', state: 'ESTABLISHED' });
 * ```
 */
export interface StreamSocketsOptions extends Omit<SocketFilter, 'family'> {
  /** Directory holding `net/` (default `/proc`; `/proc/<pid>` for another namespace). */
  root?: string;
  /** Byte order of the addresses (default: this machine's). */
  endianness?: Endianness;
  /** Bad-line policy (default `'throw'`: the iteration throws a `ProcNetParseError`). */
  onInvalidLine?: OnInvalidLine;
  /**
   * Set `owner` on each socket (default `false`): scans `<procRoot>/<pid>/fd`
   * once before the first record. To stream several tables with one scan,
   * pass its result as `owners` instead.
   */
  processes?: boolean;
  /** A scan from {@link scanSocketOwnersSync} to take owners from (wins over `processes`). */
  owners?: SocketOwners;
  /** procfs mount scanned for processes (default `/proc`). */
  procRoot?: string;
}

function checkTable(table: SocketTableName): void {
  if (table !== 'unix' && !ALL_INET.includes(table)) {
    throw new TypeError(
      `unknown socket table ${JSON.stringify(table)}; expected one of ${KIND_TABLES.all.join(', ')}`,
    );
  }
}

/**
 * {@link streamSockets} as a plain generator: the same records, read with
 * blocking calls (no promise per record). Breaking out of the loop closes
 * the file. A missing or unreadable file throws a {@link ProcNetReadError}
 * naming the path on the first `next()`.
 *
 * @example
 * ```ts
 * import { scanSocketOwnersSync, streamSocketsSync } from '@netintro/procnet-reader/node';
 * const owners = scanSocketOwnersSync();
 * for (const table of ['tcp', 'tcp6'] as const) {
 *   for (const s of streamSocketsSync(table, { owners, listening: true })) {
 *     console.log(s.local.port, s.owner?.command ?? '-');
 *   }
 * }
 * ```
 */
export function streamSocketsSync(
  table: 'unix',
  options?: StreamSocketsOptions,
): Generator<UnixSocket, void, undefined>;
export function streamSocketsSync(
  table: 'tcp' | 'tcp6',
  options?: StreamSocketsOptions,
): Generator<TcpSocket, void, undefined>;
export function streamSocketsSync(
  table: 'udp' | 'udp6' | 'udplite' | 'udplite6',
  options?: StreamSocketsOptions,
): Generator<UdpSocket, void, undefined>;
export function streamSocketsSync(
  table: 'raw' | 'raw6',
  options?: StreamSocketsOptions,
): Generator<RawSocket, void, undefined>;
export function streamSocketsSync(
  table: SocketTableName,
  options?: StreamSocketsOptions,
): Generator<InetSocket | UnixSocket, void, undefined>;
export function* streamSocketsSync(
  table: SocketTableName,
  options: StreamSocketsOptions = {},
): Generator<InetSocket | UnixSocket, void, undefined> {
  checkTable(table);
  const path = tablePath(options.root ?? '/proc', table);
  const policy = options.onInvalidLine;
  checkPolicy(policy);
  const owners =
    options.owners ??
    (options.processes === true || options.pid !== undefined
      ? scanSocketOwnersSync({ procRoot: options.procRoot ?? '/proc', pid: options.pid })
      : undefined);
  const filter = compileFilter(options, options.pid !== undefined ? owners : undefined);
  let offset = 0;
  const parseOptions: ParseOptions = {
    source: path,
    endianness: options.endianness ?? hostByteOrder(),
    onInvalidLine:
      policy === 'skip'
        ? 'skip'
        : (issue) => {
            // Line numbers of the chunk -> of the file.
            const { message: _ignored, ...rest } = issue;
            const error = new ProcNetParseError({ ...rest, line: issue.line + offset });
            if (policy === undefined || policy === 'throw') throw error;
            policy(error.toIssue());
          },
  };
  const rowFilter = table === 'unix' ? undefined : filter.inet(table);
  for (const chunk of textChunksSync(
    path,
    STREAM_CHUNK_BYTES,
    table === 'unix' ? 'utf8' : 'latin1',
  )) {
    offset = chunk.firstLine - 1;
    let rows: Array<InetSocket | UnixSocket>;
    if (table === 'unix') {
      const parsed = parseUnix(chunk.text, parseOptions);
      rows = filter.unix === undefined ? parsed : parsed.filter(filter.unix);
    } else {
      rows = parseRows(table, chunk.text, parseOptions, rowFilter);
    }
    for (const row of rows) {
      if (offset > 0) row.line += offset;
      if (owners !== undefined && row.inode !== '0') {
        const owner = owners.get(row.inode);
        if (owner !== undefined) row.owner = owner;
      }
      yield row;
    }
  }
}

/**
 * Iterates over the records of one socket table as the file is read, so
 * memory stays flat however big the table is (one 32 KiB read buffer and
 * one chunk of records at a time), with the {@link SocketFilter} fields
 * applied while parsing and, on request, owners. Breaking out of the loop
 * closes the file. Reads are blocking calls made a chunk at a time; the
 * event loop gets a turn between records. {@link streamSocketsSync} is the
 * same as a plain generator.
 *
 * A missing or unreadable file rejects with a {@link ProcNetReadError}
 * naming the path (for every table: the caller asked for this one).
 *
 * @example
 * ```ts
 * import { streamSockets } from '@netintro/procnet-reader/node';
 *
 * let established = 0;
 * for await (const socket of streamSockets('tcp6', { state: 'ESTABLISHED' })) established++;
 * for await (const socket of streamSockets('unix', { root: '/proc/4242', listening: true })) {
 *   console.log(socket.path);
 * }
 * ```
 */
export function streamSockets(
  table: 'unix',
  options?: StreamSocketsOptions,
): AsyncGenerator<UnixSocket, void, undefined>;
export function streamSockets(
  table: 'tcp' | 'tcp6',
  options?: StreamSocketsOptions,
): AsyncGenerator<TcpSocket, void, undefined>;
export function streamSockets(
  table: 'udp' | 'udp6' | 'udplite' | 'udplite6',
  options?: StreamSocketsOptions,
): AsyncGenerator<UdpSocket, void, undefined>;
export function streamSockets(
  table: 'raw' | 'raw6',
  options?: StreamSocketsOptions,
): AsyncGenerator<RawSocket, void, undefined>;
export function streamSockets(
  table: SocketTableName,
  options?: StreamSocketsOptions,
): AsyncGenerator<InetSocket | UnixSocket, void, undefined>;
export async function* streamSockets(
  table: SocketTableName,
  options: StreamSocketsOptions = {},
): AsyncGenerator<InetSocket | UnixSocket, void, undefined> {
  yield* streamSocketsSync(table, options);
}
