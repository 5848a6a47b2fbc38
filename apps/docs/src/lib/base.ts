/**
 * Links and fetches from components and client scripts: `withBase('/x/')`
 * is `/x/` at the root and `/netintro/x/` when the site is built with
 * NETINTRO_DOCS_BASE=/netintro/. Same rule as Markdown links (see
 * ./base-path.mjs).
 */
import { prefixBase } from './base-path.mjs';

/**
 * The root-absolute `path` under the site's base path.
 *
 * @example
 * withBase('/playground/'); // '/netintro/playground/' under base /netintro/
 */
export function withBase(path: string): string {
  return prefixBase(path, import.meta.env.BASE_URL);
}
