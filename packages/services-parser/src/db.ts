import type { ServiceEntry } from './types.js';

/**
 * Which line wins when several lines match a lookup.
 *
 * - `'first'`: the first matching line in the file, as glibc's `getservbyport(3)` and
 *   `getservbyname(3)` (and so `getent services`, `ss`) answer.
 * - `'last'`: the last matching line, as net-tools `netstat` shows: it reads the whole file
 *   once with `getservent(3)` and pushes each entry onto the front of a per-protocol list,
 *   then searches that list from the front, so later lines shadow earlier ones.
 *
 * @example
 * ```ts
 * import { createServicesDb, parseServices, type ServicesMatch } from '@netintro/services-parser';
 * const match: ServicesMatch = 'last';
 * createServicesDb(parseServices('a 8765/tcp\nb 8765/tcp\n'), { match }).byPort(8765, 'tcp')?.name; // 'b'
 * ```
 */
export type ServicesMatch = 'first' | 'last';

/**
 * Options of {@link createServicesDb}.
 *
 * @example
 * ```ts
 * import { createServicesDb, type CreateServicesDbOptions } from '@netintro/services-parser';
 * const options: CreateServicesDbOptions = { match: 'last' };
 * createServicesDb([], options).match; // 'last'
 * ```
 */
export interface CreateServicesDbOptions {
  /** Duplicate rule, `'first'` (glibc, default) or `'last'` (net-tools netstat). */
  match?: ServicesMatch;
}

/**
 * Constant-time lookups over parsed services entries. Made by {@link createServicesDb}.
 *
 * @example
 * ```ts
 * import { createServicesDb, parseServices, type ServicesDb } from '@netintro/services-parser';
 * const db: ServicesDb = createServicesDb(parseServices('ssh 22/tcp\n'));
 * db.byPort(22, 'tcp')?.name; // 'ssh'
 * ```
 */
export interface ServicesDb {
  /** The entries the database was built from, in their original order. */
  readonly entries: readonly ServiceEntry[];
  /** The duplicate rule this database applies. */
  readonly match: ServicesMatch;
  /** Every protocol that appears in the entries, in order of first appearance. */
  readonly protocols: readonly string[];
  /**
   * The entry for a port. With `protocol` (case-sensitive) only lines of that protocol match;
   * without it, a line of any protocol matches.
   */
  byPort(port: number, protocol?: string): ServiceEntry | undefined;
  /**
   * The entry whose name or one of whose aliases is `nameOrAlias` (case-sensitive), optionally
   * restricted to one protocol.
   */
  byName(nameOrAlias: string, protocol?: string): ServiceEntry | undefined;
  /** Every entry for a port (optionally of one protocol), in file order. */
  allByPort(port: number, protocol?: string): ServiceEntry[];
}

type Index<K> = Map<K, ServiceEntry>;

function put<K>(index: Index<K>, key: K, entry: ServiceEntry, last: boolean): void {
  if (last || !index.has(key)) index.set(key, entry);
}

function indexFor<K>(byProtocol: Map<string, Index<K>>, protocol: string): Index<K> {
  let index = byProtocol.get(protocol);
  if (index === undefined) {
    index = new Map();
    byProtocol.set(protocol, index);
  }
  return index;
}

/**
 * Builds constant-time lookup tables (hash maps) from parsed entries.
 *
 * Why two duplicate rules exist: services files list some ports more than once (netbase and
 * IANA files, or a local line added at the end). glibc's `getservbyport`/`getservbyname`
 * scan the file and stop at the first match, so `getent services 8765` and `ss` print the
 * first name. net-tools `netstat` instead loads the file into a list with `getservent` and
 * prepends each entry, so it prints the last name. Pick `match: 'last'` to reproduce
 * netstat's output, `'first'` (default) for everything else.
 *
 * @param entries - parsed entries, usually from {@link parseServices}.
 * @param options - `match: 'first' | 'last'`.
 *
 * @example
 * ```ts
 * import { createServicesDb, parseServices } from '@netintro/services-parser';
 *
 * const text = 'http 80/tcp www\nhttp 80/udp\nfirst-name 8765/tcp\nsecond-name 8765/tcp\n';
 * const db = createServicesDb(parseServices(text));
 * db.byPort(80, 'tcp')?.name; // 'http'
 * db.byName('www')?.port; // 80
 * db.byPort(8765)?.name; // 'first-name'  (glibc, ss, getent)
 * createServicesDb(parseServices(text), { match: 'last' }).byPort(8765, 'tcp')?.name;
 * // 'second-name'  (net-tools netstat)
 * ```
 */
export function createServicesDb(
  entries: readonly ServiceEntry[],
  options: CreateServicesDbOptions = {},
): ServicesDb {
  const match = options.match ?? 'first';
  if (match !== 'first' && match !== 'last') {
    throw new TypeError(`createServicesDb: match must be 'first' or 'last', got ${String(match)}`);
  }
  const last = match === 'last';
  const anyPort: Index<number> = new Map();
  const anyName: Index<string> = new Map();
  const portByProtocol = new Map<string, Index<number>>();
  const nameByProtocol = new Map<string, Index<string>>();
  const allPorts = new Map<number, ServiceEntry[]>();

  for (const entry of entries) {
    const { port, protocol } = entry;
    put(anyPort, port, entry, last);
    put(indexFor(portByProtocol, protocol), port, entry, last);
    const names = indexFor(nameByProtocol, protocol);
    put(anyName, entry.name, entry, last);
    put(names, entry.name, entry, last);
    for (const alias of entry.aliases) {
      put(anyName, alias, entry, last);
      put(names, alias, entry, last);
    }
    const list = allPorts.get(port);
    if (list === undefined) allPorts.set(port, [entry]);
    else list.push(entry);
  }
  const protocols = [...portByProtocol.keys()];

  return {
    entries,
    match,
    protocols,
    byPort(port, protocol) {
      const index = protocol === undefined ? anyPort : portByProtocol.get(protocol);
      return index === undefined ? undefined : index.get(port);
    },
    byName(nameOrAlias, protocol) {
      const index = protocol === undefined ? anyName : nameByProtocol.get(protocol);
      return index === undefined ? undefined : index.get(nameOrAlias);
    },
    allByPort(port, protocol) {
      const list = allPorts.get(port);
      if (list === undefined) return [];
      return protocol === undefined ? list.slice() : list.filter((e) => e.protocol === protocol);
    },
  };
}
