import { defineConfig } from 'tsup';

export default defineConfig({
  // scan-worker: the owner scan's worker thread, found beside node.js/node.cjs at run time.
  entry: { index: 'src/index.ts', node: 'src/node.ts', 'scan-worker': 'src/node/scan-worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  shims: true,
  clean: true,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  removeNodeProtocol: false,
  splitting: false,
  treeshake: true,
});
