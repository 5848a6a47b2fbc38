import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base.js';

export default defineConfig(
  libraryConfig({
    // scan-worker: the owner scan's worker thread, found beside node.js/node.cjs at run time.
    entry: { index: 'src/index.ts', node: 'src/node.ts', 'scan-worker': 'src/node/scan-worker.ts' },
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    shims: true,
  }),
);
