import { reportIssue } from './errors.js';
import { hexDigit } from './hex.js';
import { UNIX_FLAG_ACCEPTCON, unixSocketStateName, unixSocketTypeName } from './states.js';
import type { ParseOptions, UnixSocket } from './types.js';

let pos = 0;
let failCode = '';
let failExpected = '';

function fail(code: string, expected: string): null {
  failCode = code;
  failExpected = expected;
  return null;
}

const FIELDS = 'Num: RefCount Protocol Flags Type St Inode [Path]';

const KERNEL_LAYOUT =
  "the kernel's fixed layout '%pK: %08X %08X %08X %04X %02X %5lu[ path]' from the first " +
  'column, upper-case hex. A line that ' +
  'parses but breaks the layout can only be the rest of a socket name that holds a newline ' +
  '(any user can bind such a name): it is not a socket';

/** Whether every column so far had the kernel's layout: one space, then exactly its width of digits. */
let kernelLayout = true;

/** Reads a hex column followed by at least one space; -1 when malformed. */
function hexColumn(s: string, end: number, width: number): number {
  const before = pos;
  while (pos < end && s.charCodeAt(pos) === 32) pos++;
  const start = pos;
  if (start - before !== 1) kernelLayout = false;
  let v = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    const d = hexDigit(c);
    if (d < 0) break;
    if (c >= 97) kernelLayout = false; // the kernel writes %08X: upper case
    v = v * 16 + d;
    pos++;
  }
  if (pos === start || pos - start > 16 || (pos < end && s.charCodeAt(pos) > 32)) return -1;
  if (pos - start !== width) kernelLayout = false;
  return v;
}

function scanUnixLine(
  s: string,
  start: number,
  end: number,
  lineNumber: number,
): UnixSocket | undefined | null {
  pos = start;
  while (pos < end && s.charCodeAt(pos) <= 32) pos++;
  if (pos >= end) return undefined;
  // Header: "Num       RefCount Protocol Flags    Type St Inode Path"
  if (s.startsWith('Num ', pos) || s.startsWith('Num\t', pos)) return undefined;
  // The kernel starts every row at the pointer.
  const indented = pos !== start;

  const pointerStart = pos;
  while (pos < end && hexDigit(s.charCodeAt(pos)) >= 0) pos++;
  if (pos === pointerStart || s.charCodeAt(pos) !== 58) {
    return fail('bad-pointer', `the socket pointer as hex digits and ':' (${FIELDS})`);
  }
  const pointer = s.slice(pointerStart, pos);
  pos++;
  kernelLayout = !indented;

  const refCount = hexColumn(s, end, 8);
  if (refCount < 0) return fail(columnCode(end), `RefCount as hex (${FIELDS})`);
  const protocol = hexColumn(s, end, 8);
  if (protocol < 0) return fail(columnCode(end), `Protocol as hex (${FIELDS})`);
  const flags = hexColumn(s, end, 8);
  if (flags < 0) return fail(columnCode(end), `Flags as hex (${FIELDS})`);
  const typeCode = hexColumn(s, end, 4);
  if (typeCode < 0) return fail(columnCode(end), `Type as hex (${FIELDS})`);
  const stateCode = hexColumn(s, end, 2);
  if (stateCode < 0) return fail(columnCode(end), `St as hex (${FIELDS})`);

  const spacesStart = pos;
  while (pos < end && s.charCodeAt(pos) === 32) pos++;
  const inodeStart = pos;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    pos++;
  }
  if (pos === inodeStart) {
    return fail(pos >= end ? 'too-few-fields' : 'bad-inode', `Inode as decimal (${FIELDS})`);
  }
  if (pos < end && s.charCodeAt(pos) !== 32) {
    return fail('bad-inode', `Inode as decimal (${FIELDS})`);
  }
  // `%5lu`: one separating space, then the number right-aligned to 5 characters.
  const digits = pos - inodeStart;
  if (!kernelLayout || inodeStart - spacesStart !== 1 + Math.max(0, 5 - digits)) {
    return fail('not-kernel-layout', KERNEL_LAYOUT);
  }
  const inode = s.slice(inodeStart, pos);
  let path: string | undefined;
  // The kernel writes exactly one space, then the path bytes up to the newline.
  if (pos + 1 < end) path = s.slice(pos + 1, end);

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

function columnCode(end: number): string {
  return pos >= end ? 'too-few-fields' : 'bad-number';
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
  const result = scanUnixLine(line, 0, end, lineNumber);
  if (result !== null) return result;
  reportIssue(
    options?.onInvalidLine,
    failCode,
    options?.source ?? '/proc/net/unix',
    lineNumber,
    line.slice(0, end),
    failExpected,
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
  const length = text.length;
  let start = 0;
  let lineNumber = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNumber++;
    const record = scanUnixLine(text, start, end, lineNumber);
    if (record) {
      out.push(record);
    } else if (record === null) {
      reportIssue(
        policy,
        failCode,
        options?.source ?? '/proc/net/unix',
        lineNumber,
        text.slice(start, end),
        failExpected,
      );
    }
    start = end + 1;
  }
  return out;
}
