import { defineConfig } from 'vitest/config';

const conditions = ['netintro-source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  // Workspace siblings resolve to their src/ (the netintro-source condition)
  // in the node (SSR) environment too, so tests never need their dist/.
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000 },
});
