/**
 * `@netintro/procnet-reader/node`: reads `/proc/net` (or another namespace's
 * `/proc/<pid>/net`, or a fixture tree), maps sockets to processes and uids
 * to user names. Re-exports the whole pure API of the root entry, so one
 * import serves both.
 *
 * @example
 * ```ts
 * import { readSockets, parseTcp } from '@netintro/procnet-reader/node';
 * const { inet } = await readSockets({ kinds: 'tcp', listening: true, processes: true });
 * inet.map((s) => `${s.local.port} ${s.owner?.name ?? '-'}`);
 * ```
 *
 * @packageDocumentation
 */

export { escapeControlCharacters } from './escape.js';
export * from './index.js';
export { commandFromCmdline } from './node/command.js';
export {
  type InterfaceInfo,
  parseFibTrieLocal,
  type ReadInterfaceDetailsOptions,
  readInterfaceDetails,
  sysfsMatches,
} from './node/interfaces.js';
export {
  type ScanOwnersOptions,
  type SocketOwners,
  scanSocketOwnersSync,
} from './node/owners.js';
export {
  type ReadUsersOptions,
  readUsers,
  readUsersSync,
} from './node/passwd.js';
export { MAX_PID_FILE_BYTES, MAX_TABLE_BYTES, ProcNetReadError } from './node/read.js';
export {
  hostByteOrder,
  type InetKind,
  type InetReadOptions,
  type InetSocketFor,
  type ReadSocketsOptions,
  readListening,
  readSockets,
  readSocketsOfPid,
  readSocketsSync,
  type SocketFilter,
  type SocketKind,
  type SocketSnapshot,
  type SocketSnapshotFor,
  type SocketStateName,
  type SocketTableName,
  type StreamSocketsOptions,
  streamSockets,
  streamSocketsSync,
  type TableRead,
  tablesForKinds,
  type UnidentifiedSummary,
  whoHoldsPort,
} from './node/sockets.js';
export {
  type InterfaceSysfs,
  type ReadNetFileOptions,
  type Routes,
  readGroups,
  readInterfaceSysfs,
  readInterfaces,
  readRoutes,
  readStatistics,
  readSystemText,
  type Statistics,
} from './node/system.js';
export {
  type SocketChange,
  type SocketWatchEvent,
  type WatchedSocket,
  type WatchSocketsOptions,
  watchSockets,
} from './node/watch.js';
