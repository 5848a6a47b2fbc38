/**
 * Build-time access to the build machine's /etc/services (Node only: used
 * from .astro front matter, never shipped to the browser). Falls back to
 * the embedded netbase copy of @netintro/services-parser, clearly labelled,
 * when the file is missing (a machine that is not Linux, for example).
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  createServicesDb,
  parseServices,
  type ServiceEntry,
  type ServicesDb,
} from '@netintro/services-parser';
import {
  defaultServicesProvenance,
  defaultServicesText,
} from '@netintro/services-parser/default-db';

export interface BuildServices {
  /** `machine`: read from /etc/services now; `embedded`: the package's bundled copy. */
  origin: 'machine' | 'embedded';
  /** Where the text came from, for the page's label. */
  label: string;
  text: string;
  lines: string[];
  entries: ServiceEntry[];
  /** getservbyport rules: first matching line wins. */
  db: ServicesDb;
}

export const SERVICES_PATH = process.env.NETINTRO_SERVICES_PATH ?? '/etc/services';
/** One capture time for the whole build, so labels agree with each other. */
export const CAPTURED_AT = new Date();
export const BUILD_HOST = hostname();

let cached: BuildServices | undefined;

export function loadBuildServices(): BuildServices {
  if (cached) return cached;
  let text: string | undefined;
  try {
    text = readFileSync(SERVICES_PATH, 'utf8');
  } catch {
    text = undefined;
  }
  const origin = text === undefined ? 'embedded' : 'machine';
  const source = text ?? defaultServicesText;
  const entries = parseServices(source, {
    source: origin === 'machine' ? SERVICES_PATH : 'embedded services',
    onInvalidLine: 'skip',
  });
  const p = defaultServicesProvenance;
  cached = {
    origin,
    label:
      origin === 'machine'
        ? `${SERVICES_PATH} on ${BUILD_HOST}, read at build time (${CAPTURED_AT.toISOString()})`
        : `snapshot: the ${p.distribution} ${p.package} ${p.version} copy embedded in @netintro/services-parser (this build machine has no ${SERVICES_PATH})`,
    text: source,
    lines: source.split(/\r?\n/),
    entries,
    db: createServicesDb(entries, { match: 'first' }),
  };
  return cached;
}

/** The lesson's ports, in the lesson's order. */
export const LESSON_PORTS = [
  { name: 'ftp', port: 21 },
  { name: 'ssh', port: 22 },
  { name: 'smtp', port: 25 },
  { name: 'domain', port: 53 },
  { name: 'http', port: 80 },
  { name: 'https', port: 443 },
] as const;
