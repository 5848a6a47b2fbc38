/**
 * Reads passwd(5) files into uid -> user name maps with the pure
 * `parsePasswd` (in `../passwd.ts`); the path is injectable.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type ParsePasswdOptions, parsePasswd } from '../passwd.js';

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
