/**
 * The one passwd(5) parser: uid -> user name, pure (the file readers are
 * `readUsers` and `readUsersSync` in the `./node` entry).
 *
 * @module
 */
import { reportIssue } from './errors.js';
import type { OnInvalidLine } from './types.js';

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
