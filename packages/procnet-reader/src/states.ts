/**
 * Names of the codes in the socket tables: TCP, UDP/raw and UNIX socket
 * states, timer kinds, UNIX socket types and flags. The one source of these
 * names for the whole project (the formatter imports them).
 *
 * @module
 */

import type {
  DatagramStateName,
  TcpStateName,
  TimerKind,
  UnixSocketState,
  UnixSocketType,
} from './types.js';

/**
 * TCP state names by kernel code, as netstat spells them. Index 0 and codes
 * past 0x0B (the kernel-internal NEW_SYN_RECV and BOUND_INACTIVE, or garbage)
 * have no entry: {@link tcpStateName} maps them to `'UNKNOWN'`.
 *
 * @example
 * ```ts
 * TCP_STATES[0x0a]; // 'LISTEN'
 * ```
 */
export const TCP_STATES: Readonly<Record<number, Exclude<TcpStateName, 'UNKNOWN'>>> =
  /* @__PURE__ */ Object.freeze({
    1: 'ESTABLISHED',
    2: 'SYN_SENT',
    3: 'SYN_RECV',
    4: 'FIN_WAIT1',
    5: 'FIN_WAIT2',
    6: 'TIME_WAIT',
    7: 'CLOSE',
    8: 'CLOSE_WAIT',
    9: 'LAST_ACK',
    10: 'LISTEN',
    11: 'CLOSING',
  });

/**
 * Name of a TCP state code from the `st` column; `'UNKNOWN'` for any code
 * outside 0x01-0x0B (netstat reads past its table there; we do not).
 *
 * @example
 * ```ts
 * tcpStateName(0x01); // 'ESTABLISHED'
 * tcpStateName(0x0c); // 'UNKNOWN'
 * ```
 */
export function tcpStateName(code: number): TcpStateName {
  tcpStateList ??= Array.from({ length: 12 }, (_, c) => TCP_STATES[c] ?? 'UNKNOWN');
  return code >= 0 && code <= 11 ? (tcpStateList[code] as TcpStateName) : 'UNKNOWN';
}

/** {@link TCP_STATES} as a dense array (index 0 `'UNKNOWN'`), for the parsers' per-row lookup. */
let tcpStateList: TcpStateName[] | undefined;

/**
 * Name of the state code of a UDP, UDP-Lite or raw row: `'ESTABLISHED'`
 * (0x01, connected), `'CLOSE'` (0x07, unconnected), `'UNKNOWN'` otherwise.
 *
 * @example
 * ```ts
 * datagramStateName(0x07); // 'CLOSE'
 * datagramStateName(0x0a); // 'UNKNOWN'
 * ```
 */
export function datagramStateName(code: number): DatagramStateName {
  return code === 1 ? 'ESTABLISHED' : code === 7 ? 'CLOSE' : 'UNKNOWN';
}

/**
 * Timer kinds by `tr` code (0 off, 1 on, 2 keepalive, 3 timewait, 4 probe).
 *
 * @example
 * ```ts
 * TIMER_KINDS[2]; // 'keepalive'
 * ```
 */
export const TIMER_KINDS: readonly Exclude<TimerKind, 'unknown'>[] = /* @__PURE__ */ Object.freeze([
  'off',
  'on',
  'keepalive',
  'timewait',
  'probe',
]);

/**
 * Name of a timer code from the `tr` column; `'unknown'` outside 0-4.
 *
 * @example
 * ```ts
 * timerKindName(3); // 'timewait'
 * timerKindName(9); // 'unknown'
 * ```
 */
export function timerKindName(code: number): TimerKind {
  return (code >= 0 && code <= 4 && TIMER_KINDS[code]) || 'unknown';
}

/**
 * UNIX socket types by `Type` code (1 STREAM, 2 DGRAM, 3 RAW, 4 RDM, 5 SEQPACKET).
 *
 * @example
 * ```ts
 * UNIX_SOCKET_TYPES[5]; // 'SEQPACKET'
 * ```
 */
export const UNIX_SOCKET_TYPES: Readonly<Record<number, Exclude<UnixSocketType, 'UNKNOWN'>>> =
  /* @__PURE__ */ Object.freeze({ 1: 'STREAM', 2: 'DGRAM', 3: 'RAW', 4: 'RDM', 5: 'SEQPACKET' });

/**
 * Name of a UNIX socket type code; `'UNKNOWN'` for other codes.
 *
 * @example
 * ```ts
 * unixSocketTypeName(2); // 'DGRAM'
 * ```
 */
export function unixSocketTypeName(code: number): UnixSocketType {
  return UNIX_SOCKET_TYPES[code] ?? 'UNKNOWN';
}

/**
 * UNIX socket states by `St` code: socket states, not TCP states
 * (0 FREE, 1 UNCONNECTED, 2 CONNECTING, 3 CONNECTED, 4 DISCONNECTING).
 *
 * @example
 * ```ts
 * UNIX_SOCKET_STATES[3]; // 'CONNECTED'
 * ```
 */
export const UNIX_SOCKET_STATES: Readonly<Record<number, Exclude<UnixSocketState, 'UNKNOWN'>>> =
  /* @__PURE__ */ Object.freeze({
    0: 'FREE',
    1: 'UNCONNECTED',
    2: 'CONNECTING',
    3: 'CONNECTED',
    4: 'DISCONNECTING',
  });

/**
 * Name of a UNIX socket state code; `'UNKNOWN'` for other codes.
 *
 * @example
 * ```ts
 * unixSocketStateName(1); // 'UNCONNECTED'
 * ```
 */
export function unixSocketStateName(code: number): UnixSocketState {
  return UNIX_SOCKET_STATES[code] ?? 'UNKNOWN';
}

/**
 * Flag bit `__SO_ACCEPTCON` in the UNIX `Flags` column: a listening socket.
 *
 * @example
 * ```ts
 * (0x00010000 & UNIX_FLAG_ACCEPTCON) !== 0; // true: listening
 * ```
 */
export const UNIX_FLAG_ACCEPTCON = 0x10000;
