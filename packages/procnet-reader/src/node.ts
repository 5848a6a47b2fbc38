/**
 * `@netintro/procnet-reader/node`: reads `/proc/net` (or another namespace's
 * `/proc/<pid>/net`, or a fixture tree), maps sockets to processes and uids
 * to user names. Re-exports the whole pure API of the root entry, so one
 * import serves both.
 *
 * @example
 * ```ts
 * import { readSockets, parseTcp } from '@netintro/procnet-reader/node';
 * const { inet } = await readSockets({ kinds: 'tcp' });
 * ```
 *
 * @packageDocumentation
 */
export * from './index.js';
export { commandFromCmdline, escapeControlCharacters } from './node/command.js';
export {
  type ParsePasswdOptions,
  parsePasswd,
  type ReadUsersOptions,
  readUsers,
} from './node/passwd.js';
export {
  type ProcessScan,
  type ScanMode,
  type ScanProcessesOptions,
  type SocketOwners,
  scanSocketOwnersSync,
  scanSocketProcesses,
  scanSocketProcessesSync,
} from './node/processes.js';
export { ProcNetReadError } from './node/read.js';
export {
  hostByteOrder,
  type ReadSocketsOptions,
  readSockets,
  type SocketKind,
  type SocketSnapshot,
  type SocketSnapshotFor,
  type SocketTableName,
  type StreamSocketsOptions,
  streamSockets,
  type TableRead,
  tablesForKinds,
  type UnidentifiedSummary,
} from './node/sockets.js';
export {
  type ReadNetFileOptions,
  type Routes,
  readInterfaces,
  readRoutes,
  readStatistics,
  type Statistics,
} from './node/system.js';
