/**
 * The tsup settings every package build shares, so the packages cannot
 * drift apart: Node 20 syntax, `node:` imports kept (tsup strips the prefix
 * otherwise), tree shaking, no source maps. `libraryConfig` adds what the
 * three libraries share (ESM and CommonJS with types, a clean dist/, one
 * file per entry); each package's tsup.config.ts passes only what differs.
 *
 * @module
 */
import type { Options } from 'tsup';

/** Settings of every build, library or CLI bundle. */
export const NODE_BUILD = {
  target: 'node20',
  platform: 'node',
  removeNodeProtocol: false,
  sourcemap: false,
  treeshake: true,
} as const satisfies Options;

/**
 * A library build: ESM and CommonJS with declarations, over `options`.
 *
 * @example
 * ```ts
 * export default defineConfig(libraryConfig({ entry: ['src/index.ts'] }));
 * ```
 */
export function libraryConfig(options: Options): Options {
  return {
    ...NODE_BUILD,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    splitting: false,
    ...options,
  };
}
