/**
 * uid -> user name, from passwd(5) text. The parser is pure; the reader
 * takes an injectable path.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { reportIssue } from '../errors.js';
import type { OnInvalidLine } from '../types.js';

/**
 * Options of {@link parsePasswd}.
 *
 * @example
 * ```ts
 * parsePasswd(text, { source: 'chroot passwd', onInvalidLine: 'skip' });
 * ```
 */
export interface ParsePasswdOptions {
  /** Name used in errors and issues. Default `/etc/passwd`. */
  source?: string;
  /** Bad-line policy: `'throw'` (default), `'skip'`, or a callback receiving each issue. */
  onInvalidLine?: OnInvalidLine;
}

/**
 * Parses passwd(5) text (`name:password:uid:gid:gecos:home:shell`) into a map
 * from uid to user name. When several lines share a uid the first one wins,
 * as with glibc's `getpwuid` over the `files` database. Blank lines, lines
 * starting with `#` and NIS compat lines (`+...`, `-...`) are ignored; a line
 * with fewer than 3 fields, an empty name or a uid that is not a decimal
 * number is invalid (`'too-few-fields'`, `'bad-name'`, `'bad-number'`).
 * CRLF line ends are accepted.
 *
 * @example
 * ```ts
 * parsePasswd('root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\n');
 * // Map { 0 => 'root', 65534 => 'nobody' }
 * ```
 */
export function parsePasswd(text: string, options: ParsePasswdOptions = {}): Map<number, string> {
  const source = options.source ?? '/etc/passwd';
  const users = new Map<number, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    const first = raw.trimStart().charAt(0);
    if (first === '' || first === '#' || first === '+' || first === '-') continue;
    const fields = raw.split(':');
    if (fields.length < 3) {
      reportIssue(
        options.onInvalidLine,
        'too-few-fields',
        source,
        i + 1,
        raw,
        'name:password:uid:gid:gecos:home:shell',
      );
      continue;
    }
    const name = fields[0]!;
    const uidText = fields[2]!;
    if (name === '') {
      reportIssue(options.onInvalidLine, 'bad-name', source, i + 1, raw, 'a user name');
      continue;
    }
    if (!/^\d{1,10}$/.test(uidText) || Number(uidText) > 0xffffffff) {
      reportIssue(
        options.onInvalidLine,
        'bad-number',
        source,
        i + 1,
        raw,
        'a decimal uid in the third field',
      );
      continue;
    }
    const uid = Number(uidText);
    if (!users.has(uid)) users.set(uid, name);
  }
  return users;
}

/**
 * Options of {@link readUsers}.
 *
 * @example
 * ```ts
 * await readUsers({ path: '/srv/jail/etc/passwd', onInvalidLine: 'skip' });
 * ```
 */
export interface ReadUsersOptions extends ParsePasswdOptions {
  /** The passwd file. Default `/etc/passwd`. */
  path?: string;
}

/**
 * Reads a passwd(5) file (default `/etc/passwd`) into a uid -> name map.
 * Only the file is read: users that come from LDAP, systemd-homed or other
 * NSS sources are not seen (use `getent passwd` for those).
 *
 * @throws Error naming the path when the file cannot be read (with `cause`).
 * @example
 * ```ts
 * import { readUsers } from '@netintro/procnet-reader/node';
 * const users = await readUsers();
 * users.get(0); // 'root'
 * const other = await readUsers({ path: '/srv/chroot/etc/passwd', onInvalidLine: 'skip' });
 * ```
 */
export async function readUsers(options: ReadUsersOptions = {}): Promise<Map<number, string>> {
  const path = options.path ?? '/etc/passwd';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parsePasswd(text, {
    source: options.source ?? path,
    onInvalidLine: options.onInvalidLine,
  });
}

/**
 * {@link readUsers} with a blocking read: for one-shot scripts and CLIs.
 *
 * @throws Error naming the path when the file cannot be read (with `cause`).
 * @example
 * ```ts
 * import { readUsersSync } from '@netintro/procnet-reader/node';
 * readUsersSync().get(0); // 'root'
 * ```
 */
export function readUsersSync(options: ReadUsersOptions = {}): Map<number, string> {
  const path = options.path ?? '/etc/passwd';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parsePasswd(text, {
    source: options.source ?? path,
    onInvalidLine: options.onInvalidLine,
  });
}
