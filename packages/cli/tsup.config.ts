import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// One self-contained CommonJS file: the sibling packages are bundled in, so
// `npx @netintro/cli` installs a single package and starts fast. CommonJS,
// not ESM: Node's ESM loader (async module jobs, resolution) costs about
// 10-15 ms more per start, which is most of a small listing's time.
export default defineConfig({
  entry: { netintro: 'src/main.ts' },
  format: ['cjs'],
  dts: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  removeNodeProtocol: false,
  define: { __NETINTRO_VERSION__: JSON.stringify(version) },
  splitting: false,
  noExternal: [/^@netintro\//],
  banner: { js: '#!/usr/bin/env node' },
  minify: false,
  treeshake: true,
  // Bundle the siblings from their TypeScript source (the same condition the
  // tests use), so the bundle never depends on a stale sibling dist/.
  esbuildOptions(options) {
    options.conditions = ['netintro-source', 'module', 'import', 'default'];
  },
});
