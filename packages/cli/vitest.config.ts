import { defineConfig } from 'vitest/config';

const conditions = ['netintro-source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  // Sibling packages from their TypeScript source (also for the SSR
  // environment vitest runs tests in), never from a possibly stale dist/.
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000 },
});
