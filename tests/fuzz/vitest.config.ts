import { defineConfig } from 'vitest/config';

// The workspace packages resolve to their src/ (the netintro-source condition).
const conditions = ['netintro-source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    // `pnpm fuzz` runs 100k cases per target: no per-test limit then.
    testTimeout: process.env.NETINTRO_FUZZ_RUNS ? 0 : 120_000,
  },
});
