/**
 * netstat 2.10's "Active UNIX domain sockets" table. Type and state names
 * come from `@netintro/procnet-reader`; netstat's own spellings (the ACC, W
 * and N flags, LISTENING) are here.
 *
 * @module
 */

import {
  UNIX_FLAG_ACCEPTCON,
  type UnixSocket,
  unixSocketStateName,
  unixSocketTypeName,
} from '@netintro/procnet-reader';
import { type NetstatFlags, resolveFlags } from './flags.js';
import { activeHeading, programText } from './inet.js';
import type { Resolvers } from './resolvers.js';
import { escapeText, padRight } from './text.js';

/** Flag bits netstat shows as `W` and `N` (`ACC` is `UNIX_FLAG_ACCEPTCON`). */
const SO_WAITDATA = 0x20000;
const SO_NOSPACE = 0x40000;

/**
 * The column header of the UNIX table (`-p` adds `PID/Program name`).
 *
 * @example
 * ```ts
 * unixColumnHeader({}); // 'Proto RefCnt Flags       Type       State         I-Node   Path'
 * ```
 */
export function unixColumnHeader(flags: NetstatFlags = {}): string {
  return flags.program
    ? 'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path'
    : 'Proto RefCnt Flags       Type       State         I-Node   Path';
}

/**
 * netstat's Flags column: `[ ]`, `[ ACC ]`, `[ W ]`, `[ ACC W N ]`.
 *
 * @example
 * ```ts
 * unixFlagsText(0x10000); // '[ ACC ]'
 * ```
 */
export function unixFlagsText(flags: number): string {
  let s = '[ ';
  if (flags & UNIX_FLAG_ACCEPTCON) s += 'ACC ';
  if (flags & SO_WAITDATA) s += 'W ';
  if (flags & SO_NOSPACE) s += 'N ';
  return `${s}]`;
}

/**
 * netstat's State column for a UNIX socket: `LISTENING` when unconnected and
 * accepting, blank when merely unconnected, else `FREE`, `CONNECTING`,
 * `CONNECTED`, `DISCONNECTING` or `UNKNOWN`.
 *
 * @example
 * ```ts
 * unixStateText({ stateCode: 1, flags: 0x10000 }); // 'LISTENING'
 * unixStateText({ stateCode: 1, flags: 0 }); // ''
 * ```
 */
export function unixStateText(s: Pick<UnixSocket, 'stateCode' | 'flags'>): string {
  // netstat names an unconnected socket by its ACC flag instead of UNCONNECTED.
  if (s.stateCode === 1) return s.flags & UNIX_FLAG_ACCEPTCON ? 'LISTENING' : '';
  return unixSocketStateName(s.stateCode);
}

/**
 * Whether netstat counts a UNIX socket as a server: unconnected and flagged
 * `ACC` (listening).
 *
 * @example
 * ```ts
 * isUnixServer({ stateCode: 1, flags: 0x10000 }); // true
 * ```
 */
export function isUnixServer(s: Pick<UnixSocket, 'stateCode' | 'flags'>): boolean {
  return s.stateCode === 1 && (s.flags & UNIX_FLAG_ACCEPTCON) !== 0;
}

/**
 * One row of the UNIX table. Unlike netstat 2.10, which cuts paths at the
 * first space (`sscanf %s`), the whole path is printed, escaped with
 * `escapeText`: control characters as `\xHH` and a backslash as `\\`, so
 * a path holding ESC (`@a\x1B`) and one holding the four characters `\x1B`
 * (`@a\\x1B`) print differently.
 *
 * @example
 * ```ts
 * formatUnixRow(listeningSocket);
 * // 'unix  2      [ ACC ]     STREAM     LISTENING     147416   /tmp/demo/with space.sock'
 * ```
 */
export function formatUnixRow(
  s: UnixSocket,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
): string {
  let row =
    `unix  ${padRight(String(s.refCount), 6)} ${padRight(unixFlagsText(s.flags), 11)} ` +
    `${padRight(unixSocketTypeName(s.typeCode), 10)} ${padRight(unixStateText(s), 13)} ` +
    padRight(s.inode, 8);
  if (flags.program) {
    const p = s.inode === '0' ? undefined : resolvers.processes?.(s.inode);
    row += ` ${padRight(programText(p), 20)}`;
  }
  return `${row} ${escapeText(s.path ?? '')}`;
}

/**
 * The whole "Active UNIX domain sockets" section with netstat's servers rule
 * (`-a` all, `-l` only listening, default all but listening).
 *
 * @example
 * ```ts
 * import { parseUnix } from '@netintro/procnet-reader';
 * process.stdout.write(formatUnixTable(parseUnix(unixText), { all: true }));
 * ```
 */
export function formatUnixTable(
  sockets: readonly UnixSocket[],
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
): string {
  const f = resolveFlags(flags);
  let out = `${activeHeading('UNIX domain sockets', f)}\n${unixColumnHeader(f)}\n`;
  for (const s of sockets) {
    if (!f.all && isUnixServer(s) !== f.listening) continue;
    out += `${formatUnixRow(s, f, resolvers)}\n`;
  }
  return out;
}
