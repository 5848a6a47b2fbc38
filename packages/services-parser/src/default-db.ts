/**
 * An embedded services database for machines and browsers without `/etc/services`: the
 * verbatim Debian netbase 6.4 file (318 entries, about 13 KB), generated at build time from the
 * committed fixture. Kept out of the root entry so that browser bundles which only parse stay
 * small.
 *
 * @packageDocumentation
 */
import { createServicesDb, type ServicesDb, type ServicesMatch } from './db.js';
import {
  DEFAULT_SERVICES_PROVENANCE,
  DEFAULT_SERVICES_TEXT,
} from './generated/default-services.js';
import { parseServices } from './parse.js';
import type { ServiceEntry } from './types.js';

/**
 * The embedded file's text, exactly as shipped by Debian netbase 6.4.
 *
 * @example
 * ```ts
 * import { defaultServicesText } from '@netintro/services-parser/default-db';
 * defaultServicesText.startsWith('# Network services, Internet style'); // true
 * ```
 */
export const defaultServicesText: string = DEFAULT_SERVICES_TEXT;

/**
 * Where the embedded file comes from: distribution package, version, original path and the
 * sha256 of the text.
 *
 * @example
 * ```ts
 * import { defaultServicesProvenance } from '@netintro/services-parser/default-db';
 * `${defaultServicesProvenance.package} ${defaultServicesProvenance.version}`; // 'netbase 6.4'
 * ```
 */
export const defaultServicesProvenance: {
  readonly package: string;
  readonly version: string;
  readonly distribution: string;
  readonly path: string;
  readonly fixture: string;
  readonly sha256: string;
} = DEFAULT_SERVICES_PROVENANCE;

let entries: ServiceEntry[] | undefined;
const dbs: Partial<Record<ServicesMatch, ServicesDb>> = {};

/**
 * The embedded file's entries, parsed on first call and cached. The array is shared between
 * callers: copy it before changing it.
 *
 * @example
 * ```ts
 * import { getDefaultServicesEntries } from '@netintro/services-parser/default-db';
 * getDefaultServicesEntries().find((e) => e.port === 22)?.name; // 'ssh'
 * ```
 */
export function getDefaultServicesEntries(): readonly ServiceEntry[] {
  entries ??= parseServices(DEFAULT_SERVICES_TEXT, { source: 'embedded netbase 6.4 services' });
  return entries;
}

/**
 * A {@link ServicesDb} over the embedded file, built on first call and cached per `match` rule.
 *
 * @param options - `match: 'first'` (glibc, default) or `'last'` (net-tools netstat).
 *
 * @example
 * ```ts
 * import { getDefaultServicesDb } from '@netintro/services-parser/default-db';
 * const db = getDefaultServicesDb();
 * db.byPort(443, 'tcp')?.name; // 'https'
 * db.byName('www')?.port; // 80
 * ```
 */
export function getDefaultServicesDb(options: { match?: ServicesMatch } = {}): ServicesDb {
  const match = options.match ?? 'first';
  let db = dbs[match];
  if (db === undefined) {
    db = createServicesDb(getDefaultServicesEntries(), { match });
    dbs[match] = db;
  }
  return db;
}
