/**
 * Writes entries back as services(5) text.
 *
 * @module
 */
import type { ServiceEntry } from './types.js';

/**
 * Options of {@link formatServices}.
 *
 * @example
 * ```ts
 * import { formatServices, type FormatServicesOptions } from '@netintro/services-parser';
 * const options: FormatServicesOptions = { header: 'Local services' };
 * formatServices([], options); // '# Local services\n'
 * ```
 */
export interface FormatServicesOptions {
  /** Text written first as `#` comment lines (one per line of `header`). */
  header?: string;
}

function validToken(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 35 || c === 0) return false;
  }
  return true;
}

function fail(index: number, what: string, value: unknown): never {
  throw new TypeError(`formatServices: entry ${index}: ${what}, got ${JSON.stringify(value)}`);
}

function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  const space = (c: number) => c === 32 || (c >= 9 && c <= 13);
  while (start < end && space(text.charCodeAt(start))) start++;
  while (end > start && space(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * Writes entries back as services(5) text, one line per entry, columns aligned with spaces,
 * each line ending in `\n`. {@link parseServices} reads the result back to the same entries
 * (with `line` renumbered 1, 2, 3... unless a header is written): names, ports, protocols,
 * aliases and comments survive. Blank and comment-only lines of the original file are not
 * entries, so they are not reproduced.
 *
 * @throws {TypeError} when an entry cannot be written so that it reads back the same: an
 *   empty name, alias or protocol, one containing white space, `#` or NUL, a protocol that
 *   starts with `/`, a port that is not an integer from 0 to 65535, or a comment with a line
 *   break.
 *
 * @example
 * ```ts
 * import { formatServices, parseServices } from '@netintro/services-parser';
 *
 * formatServices([
 *   { name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'Web', line: 1 },
 * ]);
 * // 'http            80/tcp          www # Web\n'
 * const text = 'ssh 22/tcp # SSH\n';
 * parseServices(formatServices(parseServices(text))); // same entries as parseServices(text)
 * ```
 */
export function formatServices(
  entries: readonly ServiceEntry[],
  options: FormatServicesOptions = {},
): string {
  let out = '';
  if (options.header !== undefined) {
    for (const line of options.header.split('\n')) out += line === '' ? '#\n' : `# ${line}\n`;
  }
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (typeof e.name !== 'string' || !validToken(e.name)) {
      fail(i, 'name must be a non-empty string without white space, # or NUL', e.name);
    }
    if (!Number.isInteger(e.port) || e.port < 0 || e.port > 65535) {
      fail(i, 'port must be an integer from 0 to 65535', e.port);
    }
    if (typeof e.protocol !== 'string' || !validToken(e.protocol) || e.protocol[0] === '/') {
      fail(i, 'protocol must be a non-empty string without white space, # or NUL', e.protocol);
    }
    for (const alias of e.aliases) {
      if (typeof alias !== 'string' || !validToken(alias)) {
        fail(i, 'aliases must be non-empty strings without white space, # or NUL', alias);
      }
    }
    let comment = '';
    if (e.comment !== undefined) {
      if (e.comment.includes('\n')) fail(i, 'comment must not contain a line break', e.comment);
      comment = trimSpace(e.comment);
    }
    let line = `${e.name.padEnd(15)} ${e.port}/${e.protocol}`;
    if (e.aliases.length > 0 || comment !== '') line = line.padEnd(31);
    if (e.aliases.length > 0) line += ` ${e.aliases.join(' ')}`;
    if (comment !== '') line += ` # ${comment}`;
    out += `${line}\n`;
  }
  return out;
}
