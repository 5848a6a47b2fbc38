/**
 * Typed, exact parsers for the `/proc/net` tables netstat reads. Pure
 * functions from text to records: no file system, no Node built-ins, safe
 * in the browser. File reading lives in `@netintro/procnet-reader/node`.
 *
 * @packageDocumentation
 */

export {
  decodeAddress,
  encodeAddress,
  formatIpv6,
  parseIpv4Bytes,
  parseIpv6Bytes,
} from './address.js';
export { decodeBytes, encodeBytes } from './bytes.js';
export { type ParseIssueCode, ProcNetParseError } from './errors.js';
export { escapeControlCharacters } from './escape.js';
export {
  type EtcParseOptions,
  type HostsEntry,
  type NetworkEntry,
  type ProtocolEntry,
  parseHosts,
  parseNetworks,
  parseProtocols,
} from './etc.js';
export { type InterfaceAddress6, parseIfInet6 } from './ifinet6.js';
export { type GroupMembership, parseIgmp, parseIgmp6 } from './igmp.js';
export {
  parseInetLine,
  parseInetTable,
  parseRaw,
  parseRaw6,
  parseTcp,
  parseTcp6,
  parseUdp,
  parseUdp6,
  parseUdplite,
  parseUdplite6,
} from './inet/parse.js';
export { INET_TABLES, socketTableOfHeader } from './inet/tables.js';
export { PROC_NET_TABLES, type ProcNetRecords, parseProcNet } from './parse.js';
export { type ParsePasswdOptions, parsePasswd } from './passwd.js';
export {
  type ParseSocketTablesOptions,
  type PastedSockets,
  parseSocketTables,
  type SocketTableSection,
} from './pasted.js';
export { parseDev, parseIpv6Route, parseRoute } from './route.js';
export {
  datagramStateName,
  TCP_STATES,
  TIMER_KINDS,
  tcpStateName,
  timerKindName,
  UNIX_FLAG_ACCEPTCON,
  UNIX_SOCKET_STATES,
  UNIX_SOCKET_TYPES,
  unixSocketStateName,
  unixSocketTypeName,
} from './states.js';
export { parseNetstat, parseSnmp, parseSnmp6, snmp6Group } from './stats.js';
export type * from './types.js';
export { parseUnix, parseUnixLine } from './unix.js';
