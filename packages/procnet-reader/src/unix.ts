/**
 * The `/proc/net/unix` parser: one record per UNIX domain socket, read in
 * the kernel's fixed layout (a line that breaks it can only be the rest of
 * a socket name holding a newline).
 *
 * @module
 */

import { reportIssue } from './errors.js';
import { hexDigit } from './hex.js';
import { LineSpans } from './lines.js';
import { UNIX_FLAG_ACCEPTCON, unixSocketStateName, unixSocketTypeName } from './states.js';
import type { ParseOptions, UnixSocket } from './types.js';

/** The scan state of one line; each parse has its own, so a callback may parse again. */
class UnixCursor {
  /** Index of the next character to read. */
  pos = 0;
  /** Whether every column so far had the kernel's layout: one space, then exactly its width of digits. */
  kernelLayout = true;
  failCode = '';
  failExpected = '';

  fail(code: string, expected: string): null {
    this.failCode = code;
    this.failExpected = expected;
    return null;
  }
}

const FIELDS = 'Num: RefCount Protocol Flags Type St Inode [Path]';

const KERNEL_LAYOUT =
  "the kernel's fixed layout '%pK: %08X %08X %08X %04X %02X %5lu[ path]' from the first " +
  'column, upper-case hex. A line that ' +
  'parses but breaks the layout can only be the rest of a socket name that holds a newline ' +
  '(any user can bind such a name): it is not a socket';

/** Reads a hex column followed by at least one space; -1 when malformed. */
function hexColumn(c: UnixCursor, s: string, end: number, width: number): number {
  const before = c.pos;
  while (c.pos < end && s.charCodeAt(c.pos) === 32) c.pos++;
  const start = c.pos;
  if (start - before !== 1) c.kernelLayout = false;
  let v = 0;
  while (c.pos < end) {
    const ch = s.charCodeAt(c.pos);
    const d = hexDigit(ch);
    if (d < 0) break;
    if (ch >= 97) c.kernelLayout = false; // the kernel writes %08X: upper case
    v = v * 16 + d;
    c.pos++;
  }
  if (c.pos === start || c.pos - start > 16 || (c.pos < end && s.charCodeAt(c.pos) > 32)) return -1;
  if (c.pos - start !== width) c.kernelLayout = false;
  return v;
}

function scanUnixLine(
  c: UnixCursor,
  s: string,
  start: number,
  end: number,
  lineNumber: number,
): UnixSocket | undefined | null {
  c.pos = start;
  while (c.pos < end && s.charCodeAt(c.pos) <= 32) c.pos++;
  if (c.pos >= end) return undefined;
  // Header: "Num       RefCount Protocol Flags    Type St Inode Path"
  if (s.startsWith('Num ', c.pos) || s.startsWith('Num\t', c.pos)) return undefined;
  // The kernel starts every row at the pointer.
  const indented = c.pos !== start;

  const pointerStart = c.pos;
  while (c.pos < end && hexDigit(s.charCodeAt(c.pos)) >= 0) c.pos++;
  if (c.pos === pointerStart || s.charCodeAt(c.pos) !== 58) {
    return c.fail('bad-pointer', `the socket pointer as hex digits and ':' (${FIELDS})`);
  }
  const pointer = s.slice(pointerStart, c.pos);
  c.pos++;
  c.kernelLayout = !indented;

  const refCount = hexColumn(c, s, end, 8);
  if (refCount < 0) return c.fail(columnCode(c, end), `RefCount as hex (${FIELDS})`);
  const protocol = hexColumn(c, s, end, 8);
  if (protocol < 0) return c.fail(columnCode(c, end), `Protocol as hex (${FIELDS})`);
  const flags = hexColumn(c, s, end, 8);
  if (flags < 0) return c.fail(columnCode(c, end), `Flags as hex (${FIELDS})`);
  const typeCode = hexColumn(c, s, end, 4);
  if (typeCode < 0) return c.fail(columnCode(c, end), `Type as hex (${FIELDS})`);
  const stateCode = hexColumn(c, s, end, 2);
  if (stateCode < 0) return c.fail(columnCode(c, end), `St as hex (${FIELDS})`);

  const spacesStart = c.pos;
  while (c.pos < end && s.charCodeAt(c.pos) === 32) c.pos++;
  const inodeStart = c.pos;
  while (c.pos < end) {
    const ch = s.charCodeAt(c.pos);
    if (ch < 48 || ch > 57) break;
    c.pos++;
  }
  if (c.pos === inodeStart) {
    return c.fail(c.pos >= end ? 'too-few-fields' : 'bad-inode', `Inode as decimal (${FIELDS})`);
  }
  if (c.pos < end && s.charCodeAt(c.pos) !== 32) {
    return c.fail('bad-inode', `Inode as decimal (${FIELDS})`);
  }
  // `%5lu`: one separating space, then the number right-aligned to 5 characters.
  const digits = c.pos - inodeStart;
  if (!c.kernelLayout || inodeStart - spacesStart !== 1 + Math.max(0, 5 - digits)) {
    return c.fail('not-kernel-layout', KERNEL_LAYOUT);
  }
  const inode = s.slice(inodeStart, c.pos);
  let path: string | undefined;
  // The kernel writes exactly one space, then the path bytes up to the newline.
  if (c.pos + 1 < end) path = s.slice(c.pos + 1, end);

  const record: UnixSocket = {
    table: 'unix',
    pointer,
    refCount,
    protocol,
    flags,
    listening: (flags & UNIX_FLAG_ACCEPTCON) !== 0,
    typeCode,
    type: unixSocketTypeName(typeCode),
    stateCode,
    state: unixSocketStateName(stateCode),
    inode,
    abstract: path !== undefined && (path.charCodeAt(0) === 64 || path.charCodeAt(0) === 0),
    line: lineNumber,
  };
  if (path !== undefined) record.path = path;
  return record;
}

function columnCode(c: UnixCursor, end: number): string {
  return c.pos >= end ? 'too-few-fields' : 'bad-number';
}

/**
 * Parses one line of `/proc/net/unix`. Returns `undefined` for the header
 * and blank lines (and for bad lines under a lenient `onInvalidLine`).
 * The path is the rest of the line after the inode and one space, spaces
 * included; abstract names start with `@`. A single trailing newline is
 * removed; nothing else is trimmed.
 *
 * @example
 * ```ts
 * const u = parseUnixLine('0000000000000000: 00000002 00000000 00010000 0001 01 147416 /tmp/demo/with space.sock', 2);
 * u?.path; // '/tmp/demo/with space.sock'
 * u?.listening; // true
 * u?.type; // 'STREAM'
 * ```
 */
export function parseUnixLine(
  line: string,
  lineNumber: number,
  options?: ParseOptions,
): UnixSocket | undefined {
  const end = line.endsWith('\n') ? line.length - 1 : line.length;
  const c = new UnixCursor();
  const result = scanUnixLine(c, line, 0, end, lineNumber);
  if (result !== null) return result;
  reportIssue(
    options?.onInvalidLine,
    c.failCode,
    options?.source ?? '/proc/net/unix',
    lineNumber,
    line.slice(0, end),
    c.failExpected,
  );
  return undefined;
}

/**
 * Parses `/proc/net/unix`: one record per UNIX domain socket, with type,
 * state (a socket state, not a TCP state), the listening flag, the inode as a
 * decimal string and the path (spaces kept, abstract names as `@...`).
 *
 * @example
 * ```ts
 * const text = [
 *   'Num       RefCount Protocol Flags    Type St Inode Path',
 *   '0000000000000000: 00000002 00000000 00000000 0002 01 22222 @my/abstract',
 * ].join('\n');
 * parseUnix(text)[0]; // { type: 'DGRAM', state: 'UNCONNECTED', path: '@my/abstract', abstract: true, ... }
 * ```
 */
export function parseUnix(text: string, options?: ParseOptions): UnixSocket[] {
  const policy = options?.onInvalidLine;
  const out: UnixSocket[] = [];
  const c = new UnixCursor();
  const lines = new LineSpans(text);
  while (lines.next()) {
    const record = scanUnixLine(c, text, lines.start, lines.end, lines.number);
    if (record) {
      out.push(record);
    } else if (record === null) {
      reportIssue(
        policy,
        c.failCode,
        options?.source ?? '/proc/net/unix',
        lines.number,
        text.slice(lines.start, lines.end),
        c.failExpected,
      );
    }
  }
  return out;
}
