/**
 * Node.js layer: read a services(5) file from disk (default `/etc/services`) and fall back to
 * the embedded database when the machine has none. Re-exports the whole pure API of the root
 * entry, so one import serves both.
 *
 * @example
 * ```ts
 * import { loadServicesDb, parseServices } from '@netintro/services-parser/node';
 * const { db } = await loadServicesDb();
 * db.byPort(22, 'tcp')?.name; // 'ssh'
 * ```
 *
 * @packageDocumentation
 */
export * from './index.js';

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServicesDb, type ServicesDb, type ServicesMatch } from './db.js';
import { getDefaultServicesDb, getDefaultServicesEntries } from './default-db.js';
import { parseServices } from './parse.js';
import type { ParseServicesOptions, ServiceEntry } from './types.js';

/**
 * The system services file, `/etc/services`.
 *
 * @example
 * ```ts
 * import { SYSTEM_SERVICES_PATH } from '@netintro/services-parser/node';
 * SYSTEM_SERVICES_PATH; // '/etc/services'
 * ```
 */
export const SYSTEM_SERVICES_PATH = '/etc/services';

/**
 * Thrown when a services file cannot be read (missing, a directory, no permission...).
 * `path` names the file, `code` is the system error code (`ENOENT`, `EACCES`...) and `cause`
 * the original error.
 *
 * @example
 * ```ts
 * import { readServicesSync, ServicesReadError } from '@netintro/services-parser/node';
 * try {
 *   readServicesSync('/nonexistent/services');
 * } catch (err) {
 *   if (err instanceof ServicesReadError) err.message;
 *   // 'cannot read services file /nonexistent/services: ENOENT (no such file or directory)'
 * }
 * ```
 */
export class ServicesReadError extends Error {
  override readonly name = 'ServicesReadError';
  /** The file that could not be read. */
  readonly path: string;
  /** System error code, e.g. `ENOENT`, `EACCES`, `EISDIR`; `'EUNKNOWN'` if there was none. */
  readonly code: string;

  constructor(path: string, cause: unknown) {
    const code =
      typeof cause === 'object' &&
      cause !== null &&
      'code' in cause &&
      typeof cause.code === 'string'
        ? cause.code
        : 'EUNKNOWN';
    super(`cannot read services file ${path}: ${code}${describe(code)}`, { cause });
    this.path = path;
    this.code = code;
  }
}

function describe(code: string): string {
  switch (code) {
    case 'ENOENT':
      return ' (no such file or directory)';
    case 'EACCES':
    case 'EPERM':
      return ' (permission denied)';
    case 'EISDIR':
      return ' (is a directory)';
    case 'ENOTDIR':
      return ' (a parent is not a directory)';
    default:
      return '';
  }
}

/**
 * Options of the readers: the parse options of {@link parseServices} (`source` defaults to the
 * path).
 *
 * @example
 * ```ts
 * import { readServicesSync, type ReadServicesOptions } from '@netintro/services-parser/node';
 * const options: ReadServicesOptions = { onInvalidLine: 'skip' };
 * readServicesSync('/etc/services', options);
 * ```
 */
export type ReadServicesOptions = ParseServicesOptions;

/**
 * Reads and parses a services file.
 *
 * @param path - file to read, default `/etc/services`.
 * @throws {ServicesReadError} when the file cannot be read (the message names the path).
 * @throws {ServicesParseError} on an invalid line, unless `onInvalidLine` says otherwise.
 *
 * @example
 * ```ts
 * import { readServices } from '@netintro/services-parser/node';
 * const entries = await readServices();
 * entries.find((e) => e.name === 'ssh')?.port; // 22
 * ```
 */
export async function readServices(
  path: string = SYSTEM_SERVICES_PATH,
  options: ReadServicesOptions = {},
): Promise<ServiceEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ServicesReadError(path, err);
  }
  return parseServices(text, { source: path, ...options });
}

/**
 * Synchronous {@link readServices}.
 *
 * @param path - file to read, default `/etc/services`.
 * @throws {ServicesReadError} when the file cannot be read (the message names the path).
 * @throws {ServicesParseError} on an invalid line, unless `onInvalidLine` says otherwise.
 *
 * @example
 * ```ts
 * import { readServicesSync } from '@netintro/services-parser/node';
 * readServicesSync('/etc/services').length; // 318 on Debian 12
 * ```
 */
export function readServicesSync(
  path: string = SYSTEM_SERVICES_PATH,
  options: ReadServicesOptions = {},
): ServiceEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ServicesReadError(path, err);
  }
  return parseServices(text, { source: path, ...options });
}

/**
 * Options of {@link loadServicesDb}.
 *
 * @example
 * ```ts
 * import { loadServicesDb, type LoadServicesDbOptions } from '@netintro/services-parser/node';
 * const options: LoadServicesDbOptions = { path: '/etc/services', match: 'last' };
 * await loadServicesDb(options);
 * ```
 */
export interface LoadServicesDbOptions extends ReadServicesOptions {
  /** File to read, default `/etc/services`. */
  path?: string;
  /** Duplicate rule: `'first'` (glibc, default) or `'last'` (net-tools netstat). */
  match?: ServicesMatch;
}

/**
 * What {@link loadServicesDb} loaded, and from where.
 *
 * @example
 * ```ts
 * import { loadServicesDbSync, type LoadedServicesDb } from '@netintro/services-parser/node';
 * const loaded: LoadedServicesDb = loadServicesDbSync();
 * console.log(`services from ${loaded.source}`); // 'services from /etc/services' or '... embedded'
 * ```
 */
export interface LoadedServicesDb {
  db: ServicesDb;
  entries: readonly ServiceEntry[];
  /** The path that was read, or `'embedded'` when the file was absent. */
  source: string;
  /** True when the embedded database was used because the file was absent. */
  fallback: boolean;
}

function isAbsent(err: ServicesReadError): boolean {
  return err.code === 'ENOENT' || err.code === 'ENOTDIR';
}

function loaded(entries: readonly ServiceEntry[], path: string, match?: ServicesMatch) {
  return { db: createServicesDb(entries, { match: match ?? 'first' }), entries, source: path };
}

function embedded(match?: ServicesMatch): LoadedServicesDb {
  const db = getDefaultServicesDb({ match: match ?? 'first' });
  return { db, entries: getDefaultServicesEntries(), source: 'embedded', fallback: true };
}

/**
 * Reads the services file into a {@link ServicesDb}; when the file does not exist (`ENOENT`,
 * as in minimal containers without netbase) it uses the embedded Debian netbase 6.4 database
 * instead, and says so in `source` and `fallback`. Other read errors (permission denied, a
 * directory) are thrown: a file that exists but cannot be read is a problem to report, not to
 * hide.
 *
 * @throws {ServicesReadError} when the file exists but cannot be read.
 * @throws {ServicesParseError} on an invalid line, unless `onInvalidLine` says otherwise.
 *
 * @example
 * ```ts
 * import { loadServicesDb } from '@netintro/services-parser/node';
 * const { db, source } = await loadServicesDb();
 * db.byPort(22, 'tcp')?.name; // 'ssh'
 * source; // '/etc/services', or 'embedded' when the machine has no such file
 * ```
 */
export async function loadServicesDb(
  options: LoadServicesDbOptions = {},
): Promise<LoadedServicesDb> {
  const { path = SYSTEM_SERVICES_PATH, match, ...parse } = options;
  try {
    return { ...loaded(await readServices(path, parse), path, match), fallback: false };
  } catch (err) {
    if (err instanceof ServicesReadError && isAbsent(err)) return embedded(match);
    throw err;
  }
}

/**
 * Synchronous {@link loadServicesDb}.
 *
 * @example
 * ```ts
 * import { loadServicesDbSync } from '@netintro/services-parser/node';
 * const { db, source } = loadServicesDbSync({ path: '/nonexistent' });
 * source; // 'embedded'
 * db.byName('https', 'tcp')?.port; // 443
 * ```
 */
export function loadServicesDbSync(options: LoadServicesDbOptions = {}): LoadedServicesDb {
  const { path = SYSTEM_SERVICES_PATH, match, ...parse } = options;
  try {
    return { ...loaded(readServicesSync(path, parse), path, match), fallback: false };
  } catch (err) {
    if (err instanceof ServicesReadError && isAbsent(err)) return embedded(match);
    throw err;
  }
}
