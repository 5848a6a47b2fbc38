/**
 * The lookup database over parsed services entries: by port and protocol,
 * by name or alias, with glibc's first-match or netstat's last-match rule.
 *
 * @module
 */
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

// One hash lookup per query: each key (a port, or a name or alias) maps to a slot that holds
// the winner over all protocols and the winners of its first two protocols inline (a key rarely
// has more; the rest go to a flat [protocol, winner, ...] array). One map per key kind keeps the
// working set small, and fixed-shape slots keep the lookups monomorphic.
class Slot {
  any: ServiceEntry;
  p0: string;
  e0: ServiceEntry;
  p1: string | undefined = undefined;
  e1: ServiceEntry | undefined = undefined;
  more: (string | ServiceEntry)[] | undefined = undefined;

  constructor(entry: ServiceEntry) {
    this.any = entry;
    this.p0 = entry.protocol;
    this.e0 = entry;
  }

  add(entry: ServiceEntry, last: boolean): void {
    const protocol = entry.protocol;
    if (last) this.any = entry;
    if (this.p0 === protocol) {
      if (last) this.e0 = entry;
    } else if (this.p1 === undefined) {
      this.p1 = protocol;
      this.e1 = entry;
    } else if (this.p1 === protocol) {
      if (last) this.e1 = entry;
    } else {
      this.more ??= [];
      const more = this.more;
      for (let i = 0; i < more.length; i += 2) {
        if (more[i] === protocol) {
          if (last) more[i + 1] = entry;
          return;
        }
      }
      more.push(protocol, entry);
    }
  }

  find(protocol: string): ServiceEntry | undefined {
    if (this.p0 === protocol) return this.e0;
    if (this.p1 === protocol) return this.e1;
    const more = this.more;
    if (more !== undefined) {
      for (let i = 0; i < more.length; i += 2) {
        if (more[i] === protocol) return more[i + 1] as ServiceEntry;
      }
    }
    return undefined;
  }
}

function put<K>(index: Map<K, Slot>, key: K, entry: ServiceEntry, last: boolean): void {
  const slot = index.get(key);
  if (slot === undefined) index.set(key, new Slot(entry));
  else slot.add(entry, last);
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
  const ports = new Map<number, Slot>();
  const names = new Map<string, Slot>();
  const allPorts = new Map<number, ServiceEntry[]>();
  const protocols: string[] = [];

  for (const entry of entries) {
    const { port, protocol } = entry;
    if (!protocols.includes(protocol)) protocols.push(protocol);
    put(ports, port, entry, last);
    put(names, entry.name, entry, last);
    for (const alias of entry.aliases) put(names, alias, entry, last);
    const list = allPorts.get(port);
    if (list === undefined) allPorts.set(port, [entry]);
    else list.push(entry);
  }

  return new MapServicesDb(entries, match, protocols, { ports, names, allPorts });
}

interface Tables {
  ports: Map<number, Slot>;
  names: Map<string, Slot>;
  allPorts: Map<number, ServiceEntry[]>;
}

// A class rather than an object of closures: every database shares the same method functions,
// so call sites that see several databases (first and last, system and embedded) stay
// monomorphic and fast.
class MapServicesDb implements ServicesDb {
  readonly entries: readonly ServiceEntry[];
  readonly match: ServicesMatch;
  readonly protocols: readonly string[];
  readonly #t: Tables;

  constructor(
    entries: readonly ServiceEntry[],
    match: ServicesMatch,
    protocols: string[],
    tables: Tables,
  ) {
    this.entries = entries;
    this.match = match;
    this.protocols = protocols;
    this.#t = tables;
  }

  byPort(port: number, protocol?: string): ServiceEntry | undefined {
    const slot = this.#t.ports.get(port);
    if (slot === undefined) return undefined;
    return protocol === undefined ? slot.any : slot.find(protocol);
  }

  byName(nameOrAlias: string, protocol?: string): ServiceEntry | undefined {
    const slot = this.#t.names.get(nameOrAlias);
    if (slot === undefined) return undefined;
    return protocol === undefined ? slot.any : slot.find(protocol);
  }

  allByPort(port: number, protocol?: string): ServiceEntry[] {
    const list = this.#t.allPorts.get(port);
    if (list === undefined) return [];
    return protocol === undefined ? list.slice() : list.filter((e) => e.protocol === protocol);
  }
}
