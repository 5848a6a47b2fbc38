/**
 * The services(5) scanner: text to entries exactly as glibc 2.36 reads it,
 * without regular expressions (it runs at memory speed on IANA-size files).
 *
 * @module
 */
import { ServicesParseError } from './errors.js';
import type {
  ParseServicesOptions,
  ServiceEntry,
  ServicesIssue,
  ServicesIssueCode,
} from './types.js';

// Character codes. The scanner works on charCodeAt and slices: no regular expressions,
// no per-line split(), so it runs at memory speed on large (IANA-size) files.
const NUL = 0;
const HASH = 35;
const SLASH = 47;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const MAX_U32 = 0xffffffff;

/** glibc's isspace() in the C locale: space, \t, \n, \v, \f, \r. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Ends a field: white space, `#` (comment), NUL (glibc's strings stop there), or end of line. */
function endsField(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === HASH || c === NUL || Number.isNaN(c);
}

function digitValue(c: number, base: number): number {
  let d: number;
  if (c >= 48 && c <= 57) d = c - 48;
  else if (c >= 97 && c <= 102) d = c - 87;
  else if (c >= 65 && c <= 70) d = c - 55;
  else return -1;
  return d < base ? d : -1;
}

const EXPECTED: Record<ServicesIssueCode, string> = {
  'missing-port': 'a port/protocol field after the service name',
  'bad-port': 'a port number (as in 80/tcp) followed by /protocol',
  'port-out-of-range': 'a port from 0 to 65535',
  'missing-protocol': 'a protocol after the port, as in 80/tcp',
};

function quote(raw: string): string {
  return JSON.stringify(raw.length > 200 ? `${raw.slice(0, 200)}...` : raw);
}

/**
 * Parses services(5) text (the format of `/etc/services`) the way glibc 2.36 reads it.
 *
 * Rules, each checked against `getent services` in this package's tests:
 * - one entry per line: `name port/protocol [alias...]`; lines end with `\n` (CRLF works,
 *   because `\r` counts as white space);
 * - fields are separated by any run of white space (space, tab, `\v`, `\f`, `\r`), and
 *   leading white space is ignored;
 * - `#` starts a comment anywhere, even inside a field (`x 8769/tcp#c` is 8769/tcp);
 *   the comment text is kept in `comment`; a NUL character ends the line as it does in C;
 * - names, aliases and protocols are case-sensitive; any protocol token is accepted
 *   (`tcp`, `udp`, `sctp`, `ddp`...); repeated slashes are one (`80//tcp`);
 * - the port is read like C's `strtoul(s, &end, 0)`, as glibc does: decimal, `0x` hex or
 *   `0` octal (`0x50` is 80, `010` is 8, `08` is not a number).
 *
 * Lines that name a service but have no valid `port/protocol` are reported through
 * `onInvalidLine`. glibc silently skips most of them, and it *accepts* two kinds this parser
 * rejects on purpose: ports above 65535 (glibc keeps the low 16 bits: `70000` becomes
 * 4464) and a missing protocol (`foo 80`, read as protocol `""`). Blank and comment-only
 * lines are not entries.
 *
 * Pure: no Node built-ins, safe in browsers.
 *
 * @param text - the whole file's text.
 * @param options - `source` (name used in errors) and `onInvalidLine` (`'throw'`, `'skip'` or
 *   a callback).
 * @returns the entries in file order.
 * @throws {ServicesParseError} on the first invalid line when `onInvalidLine` is `'throw'`.
 * @throws {TypeError} when `onInvalidLine` is none of `'throw'`, `'skip'` or a function.
 *
 * @example
 * ```ts
 * import { parseServices } from '@netintro/services-parser';
 *
 * parseServices('http\t80/tcp\twww\t# WorldWideWeb HTTP\n');
 * // [{ name: 'http', port: 80, protocol: 'tcp', aliases: ['www'],
 * //    comment: 'WorldWideWeb HTTP', line: 1 }]
 *
 * const issues: string[] = [];
 * parseServices('ok 1/tcp\nbad x/tcp\n', { onInvalidLine: (i) => issues.push(i.code) });
 * // issues: ['bad-port']
 * ```
 */
export function parseServices(text: string, options: ParseServicesOptions = {}): ServiceEntry[] {
  const mode = options.onInvalidLine ?? 'throw';
  if (mode !== 'throw' && mode !== 'skip' && typeof mode !== 'function') {
    throw new TypeError(
      `parseServices: onInvalidLine must be 'throw', 'skip' or a function, got ${String(mode)}`,
    );
  }
  const out: ServiceEntry[] = [];
  const len = text.length;
  // Protocols repeat (a file has a handful: tcp, udp, sctp...): every entry of one protocol gets
  // the same string object, which makes protocol comparisons in lookups identity checks.
  const seenProtocols: string[] = [];
  let lineStart = 0;
  let lineNo = 0;

  const report = (code: ServicesIssueCode, start: number, end: number): void => {
    if (mode === 'skip') return;
    let raw = text.slice(start, end);
    if (raw.charCodeAt(raw.length - 1) === 13) raw = raw.slice(0, -1);
    const source = options.source ?? '<input>';
    const expected = EXPECTED[code];
    const issue: ServicesIssue = {
      code,
      source,
      line: lineNo,
      raw,
      expected,
      message: `${source}:${lineNo}: expected ${expected}, got ${quote(raw)}`,
    };
    if (mode === 'throw') throw new ServicesParseError(issue);
    mode(issue);
  };

  while (lineStart < len) {
    lineNo++;
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = len;
    const start = lineStart;
    lineStart = end + 1;

    // Leading white space, then blank / comment / NUL-only lines.
    let i = start;
    let c = text.charCodeAt(i);
    while (i < end && isSpace(c)) c = text.charCodeAt(++i);
    if (i >= end || c === HASH || c === NUL) continue;

    // Service name.
    const nameStart = i;
    while (i < end && !endsField(c)) c = text.charCodeAt(++i);
    const name = text.slice(nameStart, i);
    while (i < end && isSpace(c)) c = text.charCodeAt(++i);
    if (i >= end || c === HASH || c === NUL) {
      report('missing-port', start, end);
      continue;
    }

    // Port, read like strtoul(s, &end, 0) (see the TSDoc above).
    let negative = false;
    if (c === PLUS || c === MINUS) {
      negative = c === MINUS;
      c = text.charCodeAt(++i);
    }
    let base = 10;
    if (c === ZERO) {
      const x = text.charCodeAt(i + 1);
      if ((x === 120 || x === 88) && i + 2 < end && digitValue(text.charCodeAt(i + 2), 16) >= 0) {
        base = 16;
        i += 2;
        c = text.charCodeAt(i);
      } else {
        base = 8;
      }
    }
    let value = 0;
    let digits = 0;
    let d = i < end ? digitValue(c, base) : -1;
    while (d >= 0) {
      if (value <= MAX_U32) value = value * base + d;
      digits++;
      c = text.charCodeAt(++i);
      d = i < end ? digitValue(c, base) : -1;
    }
    if (digits === 0) {
      report('bad-port', start, end);
      continue;
    }
    const slash = i < end && c === SLASH;
    if (!slash && i < end && !endsField(c)) {
      report('bad-port', start, end);
      continue;
    }
    if ((negative && value !== 0) || value > 65535) {
      report('port-out-of-range', start, end);
      continue;
    }
    if (!slash) {
      report('missing-protocol', start, end);
      continue;
    }
    while (i < end && c === SLASH) c = text.charCodeAt(++i);

    // Protocol.
    const protoStart = i;
    while (i < end && !endsField(c)) c = text.charCodeAt(++i);
    if (i === protoStart) {
      report('missing-protocol', start, end);
      continue;
    }
    let protocol = text.slice(protoStart, i);
    let p = 0;
    while (p < seenProtocols.length && seenProtocols[p] !== protocol) p++;
    if (p < seenProtocols.length) protocol = seenProtocols[p]!;
    else if (p < 16) seenProtocols.push(protocol);

    // Aliases.
    const aliases: string[] = [];
    for (;;) {
      while (i < end && isSpace(c)) c = text.charCodeAt(++i);
      if (i >= end || c === HASH || c === NUL) break;
      const aliasStart = i;
      while (i < end && !endsField(c)) c = text.charCodeAt(++i);
      aliases.push(text.slice(aliasStart, i));
    }

    const port = negative ? 0 : value;
    if (i < end && c === HASH) {
      const comment = trimSpace(text, i + 1, end);
      if (comment !== '') {
        out.push({ name, port, protocol, aliases, comment, line: lineNo });
        continue;
      }
    }
    out.push({ name, port, protocol, aliases, line: lineNo });
  }
  return out;
}

function trimSpace(text: string, start: number, end: number): string {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
