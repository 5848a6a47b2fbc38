/**
 * Reading the socket tables of a network namespace, with optional process
 * and user mapping, and a streaming form for huge tables.
 *
 * @module
 */
import { access } from 'node:fs/promises';
import { endianness as hostEndianness } from 'node:os';
import { INET_TABLES, ProcNetParseError, parseInetTable, parseUnix } from '../index.js';
import type {
  Endianness,
  InetSocket,
  InetTableName,
  OnInvalidLine,
  ParseIssue,
  ParseOptions,
  SocketProcess,
  UnixSocket,
} from '../types.js';
import { readUsers } from './passwd.js';
import { type ProcessScan, type ScanMode, scanSocketProcessesBeside } from './processes.js';
import {
  DEFAULT_CHUNK_BYTES,
  isMissing,
  ProcNetReadError,
  readTextChunks,
  STREAM_CHUNK_BYTES,
  type TextChunk,
} from './read.js';

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

const INET4: InetTableName[] = ['tcp', 'udp', 'udplite', 'raw'];
const INET6: InetTableName[] = ['tcp6', 'udp6', 'udplite6', 'raw6'];
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
  inet4: INET4,
  inet6: INET6,
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
 * Options of {@link readSockets}.
 *
 * @example
 * ```ts
 * const options: ReadSocketsOptions = { kinds: ['tcp', 'udp'], processes: true, onInvalidLine: 'skip' };
 * await readSockets(options);
 * ```
 */
export interface ReadSocketsOptions {
  /** Which sockets (default `'all'`). See {@link SocketKind}. */
  kinds?: SocketKind | readonly SocketKind[];
  /**
   * Directory holding `net/` (default `/proc`). Use `/proc/<pid>` to read the
   * network namespace of process `<pid>`, or a fixture tree in tests.
   */
  root?: string;
  /**
   * Also map socket inodes to processes by scanning `<procRoot>/<pid>/fd`
   * (default `false`). Fills `processes` and `unidentified`.
   */
  processes?: boolean;
  /** procfs mount scanned for processes (default `/proc`, whatever `root` is). */
  procRoot?: string;
  /**
   * File-system strategy of the process scan (default `'auto'`, see {@link ScanMode}).
   * Here `'auto'` and `'threads'` run the whole scan on persistent worker
   * threads (one per CPU, at most 3), so it overlaps the parse of the tables.
   */
  scanMode?: ScanMode;
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
  /** Bytes per chunk of a table file (default 64 KiB). */
  chunkBytes?: number;
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
  /** Records parsed from it. */
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
  /** Sockets of this snapshot with a non-zero inode that some scanned process holds. */
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
export interface SocketSnapshot {
  /** Rows of the IP tables, table by table in netstat's order, file order within a table. */
  inet: InetSocket[];
  /** Rows of `unix`, in file order. */
  unix: UnixSocket[];
  /** One entry per table asked for. */
  tables: TableRead[];
  /** Bad lines met (empty when `onInvalidLine` is `'throw'`, since that rejects instead). */
  issues: ParseIssue[];
  /**
   * Socket inode (decimal string) -> every process holding it, pids in /proc
   * order (netstat shows the first). Covers every socket fd found by the scan,
   * so it may hold inodes of sockets outside this snapshot (netlink, packet,
   * other namespaces). Present when `processes: true`.
   */
  processes?: Map<string, SocketProcess[]>;
  /** Present when `processes: true`. */
  unidentified?: UnidentifiedSummary;
  /** uid -> user name, from passwd. Present when `users: true`. */
  users?: Map<number, string>;
}

/**
 * The snapshot type for given options: `processes`/`unidentified` and
 * `users` become non-optional when the matching option is `true`.
 *
 * @example
 * ```ts
 * const snap = await readSockets({ processes: true }); // SocketSnapshotFor<{ processes: true }>
 * snap.processes.size; // no `?.` needed
 * ```
 */
export type SocketSnapshotFor<O extends ReadSocketsOptions> = SocketSnapshot &
  (O['processes'] extends true
    ? { processes: Map<string, SocketProcess[]>; unidentified: UnidentifiedSummary }
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
  return policy; // invalid value: let the parser raise its TypeError
}

function checkPolicy(policy: unknown): asserts policy is OnInvalidLine | undefined {
  if (policy === undefined || policy === 'throw' || policy === 'skip') return;
  if (typeof policy === 'function') return;
  throw new TypeError(
    `onInvalidLine must be 'throw', 'skip' or a function, got ${JSON.stringify(policy)}`,
  );
}

/**
 * Parses a file chunk by chunk with the whole-table parsers (fast, no
 * per-line calls), shifting line numbers of records and issues by the
 * chunk's position in the file.
 */
function createChunkParser<R extends { line: number }>(
  parseTable: (text: string, options: ParseOptions) => R[],
  options: ParseOptions,
): (chunk: TextChunk) => R[] {
  const policy = options.onInvalidLine;
  checkPolicy(policy);
  let offset = 0;
  const chunkOptions: ParseOptions = {
    ...options,
    onInvalidLine:
      policy === 'skip'
        ? 'skip'
        : (issue) => {
            const { message: _ignored, ...rest } = issue;
            const error = new ProcNetParseError({ ...rest, line: issue.line + offset });
            if (policy === undefined || policy === 'throw') throw error;
            policy(error.toIssue());
          },
  };
  return (chunk) => {
    offset = chunk.firstLine - 1;
    const records = parseTable(chunk.text, chunkOptions);
    if (offset > 0) for (const record of records) record.line += offset;
    return records;
  };
}

async function readTable<R extends { line: number }>(
  path: string,
  encoding: 'utf8' | 'latin1',
  parseTable: (text: string, options: ParseOptions) => R[],
  options: ParseOptions,
  chunkBytes: number,
): Promise<R[]> {
  const parse = createChunkParser(parseTable, options);
  let rows: R[] = [];
  for await (const chunk of readTextChunks(path, chunkBytes, encoding)) {
    const records = parse(chunk);
    if (rows.length === 0) rows = records;
    else for (const record of records) rows.push(record);
  }
  return rows;
}

function inetTableParser(table: InetTableName) {
  return (text: string, options: ParseOptions): InetSocket[] =>
    parseInetTable(table, text, options);
}

async function readOptional<T>(
  table: SocketTableName,
  read: () => Promise<T[]>,
): Promise<T[] | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!REQUIRED_TABLES.has(table) && isMissing(error)) return undefined;
    throw error;
  }
}

function summarize(scan: ProcessScan, inet: InetSocket[], unix: UnixSocket[]): UnidentifiedSummary {
  let mapped = 0;
  let unowned = 0;
  let inodeZero = 0;
  const count = (inode: string): void => {
    if (inode === '0') inodeZero++;
    else if (scan.byInode.has(inode)) mapped++;
    else unowned++;
  };
  for (const socket of inet) count(socket.inode);
  for (const socket of unix) count(socket.inode);
  return {
    denied: scan.denied,
    deniedPids: scan.deniedPids,
    vanished: scan.vanished,
    mapped,
    unowned,
    inodeZero,
  };
}

/**
 * Reads the socket tables of one network namespace (`<root>/net/tcp`, ...),
 * all files concurrently, each parsed chunk by chunk while the next chunk is
 * being read. Optionally maps socket inodes to processes (one linear scan of
 * `/proc/<pid>/fd`, run alongside the reads) and uids to user names.
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
 * const snap = await readSockets({ kinds: 'tcp', processes: true, users: true });
 * for (const s of snap.inet.filter((s) => s.state === 'LISTEN')) {
 *   const owner = snap.processes.get(s.inode)?.[0];
 *   console.log(`${s.local.address}:${s.local.port}`, snap.users.get(s.uid), owner?.pid, owner?.command);
 * }
 * if (snap.unidentified.denied > 0) console.error('(Not all processes could be identified)');
 *
 * // Another network namespace (a container's process):
 * await readSockets({ kinds: 'inet', root: '/proc/4242' });
 * ```
 */
export async function readSockets<const O extends ReadSocketsOptions = ReadSocketsOptions>(
  options?: O,
): Promise<SocketSnapshotFor<O>> {
  const o: ReadSocketsOptions = options ?? {};
  const root = o.root ?? '/proc';
  const tables = tablesForKinds(o.kinds ?? 'all');
  const issues: ParseIssue[] = [];
  const endianness = o.endianness ?? hostByteOrder();
  const chunkBytes = o.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const policy = collectingPolicy(o.onInvalidLine, issues);

  // Table reads first: their I/O runs in the thread pool while the process
  // scan below works on the main thread (and in workers).
  const reads = tables.map((table) => {
    const path = tablePath(root, table);
    const parseOptions: ParseOptions = { source: path, endianness, onInvalidLine: policy };
    return table === 'unix'
      ? readOptional<UnixSocket | InetSocket>(table, () =>
          readTable(path, 'utf8', parseUnix, parseOptions, chunkBytes),
        )
      : readOptional<UnixSocket | InetSocket>(table, () =>
          readTable(path, 'latin1', inetTableParser(table), parseOptions, chunkBytes),
        );
  });
  // The scan starts on the next turn of the event loop, once each table has
  // handed its file to a reader thread; in threads mode it runs wholly on
  // worker threads, leaving this thread to parse.
  const scanPromise = o.processes
    ? new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        scanSocketProcessesBeside({ procRoot: o.procRoot ?? '/proc', mode: o.scanMode }),
      )
    : undefined;
  const usersPromise = o.users ? readUsers({ path: o.passwdPath ?? '/etc/passwd' }) : undefined;
  // Avoid unhandled rejections while the tables are read.
  scanPromise?.catch(() => undefined);
  usersPromise?.catch(() => undefined);

  const results = await Promise.all(reads);

  const snapshot: SocketSnapshot = { inet: [], unix: [], tables: [], issues };
  let missing = 0;
  for (let i = 0; i < tables.length; i++) {
    const table = tables[i]!;
    const rows = results[i];
    if (rows === undefined) missing++;
    snapshot.tables.push({
      table,
      path: tablePath(root, table),
      present: rows !== undefined,
      rows: rows?.length ?? 0,
    });
    if (rows === undefined) continue;
    if (table === 'unix') snapshot.unix = rows as UnixSocket[];
    else if (snapshot.inet.length === 0) snapshot.inet = rows as InetSocket[];
    else for (const row of rows as InetSocket[]) snapshot.inet.push(row);
  }
  if (missing > 0) {
    // Optional tables may be missing, but not the whole namespace.
    const netDir = `${root.endsWith('/') ? root.slice(0, -1) : root}/net`;
    try {
      await access(netDir);
    } catch (error) {
      throw new ProcNetReadError(netDir, error);
    }
  }
  if (scanPromise !== undefined) {
    const scan = await scanPromise;
    snapshot.processes = scan.byInode;
    snapshot.unidentified = summarize(scan, snapshot.inet, snapshot.unix);
  }
  if (usersPromise !== undefined) snapshot.users = await usersPromise;
  return snapshot as SocketSnapshotFor<O>;
}

/**
 * Options of {@link streamSockets}.
 *
 * @example
 * ```ts
 * streamSockets('tcp6', { root: '/proc/4242', chunkBytes: 64 * 1024 });
 * ```
 */
export interface StreamSocketsOptions {
  /** Directory holding `net/` (default `/proc`; `/proc/<pid>` for another namespace). */
  root?: string;
  /** Byte order of the addresses (default: this machine's). */
  endianness?: Endianness;
  /** Bad-line policy (default `'throw'`: the iteration rejects with a `ProcNetParseError`). */
  onInvalidLine?: OnInvalidLine;
  /** Bytes per chunk (default 32 KiB). */
  chunkBytes?: number;
  /**
   * Read the next chunks on the reader thread while the consumer works on
   * this one (default `false`). Faster for a consumer that does real work
   * per record, at the cost of the thread's memory (about 15 MB); without
   * it memory is one chunk and its records, on the calling thread only.
   */
  readAhead?: boolean;
}

/**
 * Iterates over the records of one socket table as the file is read, so
 * memory stays flat however big the table is (one read buffer and one chunk
 * of records at a time; `readAhead: true` reads the next chunks on a helper
 * thread meanwhile). Breaking out of the loop closes the file.
 *
 * A missing or unreadable file rejects with a {@link ProcNetReadError}
 * naming the path (for every table: the caller asked for this one).
 *
 * @example
 * ```ts
 * import { streamSockets } from '@netintro/procnet-reader/node';
 *
 * let established = 0;
 * for await (const socket of streamSockets('tcp6')) {
 *   if (socket.state === 'ESTABLISHED') established++;
 * }
 * for await (const socket of streamSockets('unix', { root: '/proc/4242' })) {
 *   if (socket.listening) console.log(socket.path);
 * }
 * ```
 */
export function streamSockets(
  table: 'unix',
  options?: StreamSocketsOptions,
): AsyncGenerator<UnixSocket, void, undefined>;
export function streamSockets(
  table: InetTableName,
  options?: StreamSocketsOptions,
): AsyncGenerator<InetSocket, void, undefined>;
export function streamSockets(
  table: SocketTableName,
  options?: StreamSocketsOptions,
): AsyncGenerator<InetSocket | UnixSocket, void, undefined>;
export async function* streamSockets(
  table: SocketTableName,
  options: StreamSocketsOptions = {},
): AsyncGenerator<InetSocket | UnixSocket, void, undefined> {
  if (table !== 'unix' && !ALL_INET.includes(table)) {
    throw new TypeError(
      `unknown socket table ${JSON.stringify(table)}; expected one of ${KIND_TABLES.all.join(', ')}`,
    );
  }
  const path = tablePath(options.root ?? '/proc', table);
  const parseOptions: ParseOptions = {
    source: path,
    endianness: options.endianness ?? hostByteOrder(),
    onInvalidLine: options.onInvalidLine,
  };
  const parse =
    table === 'unix'
      ? createChunkParser<UnixSocket | InetSocket>(parseUnix, parseOptions)
      : createChunkParser<UnixSocket | InetSocket>(inetTableParser(table), parseOptions);
  const chunkBytes = options.chunkBytes ?? STREAM_CHUNK_BYTES;
  const encoding = table === 'unix' ? 'utf8' : 'latin1';
  const readAhead = options.readAhead ?? false;
  for await (const chunk of readTextChunks(path, chunkBytes, encoding, readAhead)) {
    yield* parse(chunk);
  }
}
