import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import { NODE_BUILD } from '../../tsup.base.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// procnet-reader's owner scan shares a big scan (>= 20000 open fds) with a
// worker thread whose code it loads from `scan-worker.js` beside the module
// that runs it: here, beside dist/netintro.cjs. Without that file the scan
// stays on the main thread (correct, slower at 60k connections).
const readerDir = dirname(
  createRequire(import.meta.url).resolve('@netintro/procnet-reader/package.json'),
);

// Bundle the siblings from their TypeScript source (the same condition the
// tests use), so the bundle never depends on a stale sibling dist/.
const conditions = ['netintro-source', 'module', 'import', 'default'];

export default defineConfig([
  {
    // One self-contained CommonJS file: the sibling packages are bundled in, so
    // `npx @netintro/cli` installs a single package and starts fast. CommonJS,
    // not ESM: Node's ESM loader (async module jobs, resolution) costs about
    // 10-15 ms more per start, which is most of a small listing's time.
    entry: { netintro: 'src/main.ts' },
    format: ['cjs'],
    dts: false,
    clean: false, // both builds write to dist/, concurrently: the build script empties it first
    ...NODE_BUILD,
    define: { __NETINTRO_VERSION__: JSON.stringify(version) },
    splitting: false,
    noExternal: [/^@netintro\//],
    banner: { js: '#!/usr/bin/env node' },
    minify: false,
    esbuildOptions(options) {
      options.conditions = conditions;
    },
  },
  {
    // The scan worker, an ES module (this package is "type": "module").
    entry: { 'scan-worker': join(readerDir, 'src/node/scan-worker.ts') },
    format: ['esm'],
    dts: false,
    clean: false,
    ...NODE_BUILD,
    splitting: false,
    minify: false,
    esbuildOptions(options) {
      options.conditions = conditions;
    },
  },
]);
