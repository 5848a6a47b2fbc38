import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';

/**
 * The site under a non-root base path, as GitHub project pages serve it:
 * the production build in dist-base/ (made by `pnpm build:base` with
 * NETINTRO_DOCS_BASE=/netintro/, links validated during that build) served
 * by `astro preview`, and `astro dev` under the same base for the live view.
 * Runs after the main browser tests (playwright.config.ts), on the same ports.
 */
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
/** The base the tests build and serve under (see the build:base script). */
export const BASE = '/netintro/';
const PORT = Number(process.env.NETINTRO_DOCS_PORT ?? 4329);
export const DEV_PORT = PORT + 1;

if (!existsSync(new URL('./dist-base/index.html', import.meta.url))) {
  throw new Error(
    'apps/docs: no base-path build in dist-base/. Run `pnpm --filter @netintro/docs build:base` first.',
  );
}

const serverEnv = { ASTRO_TELEMETRY_DISABLED: '1', NETINTRO_DOCS_BASE: BASE };

export default defineConfig({
  testDir: 'tests-base',
  outputDir: 'test-results/base-artifacts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `pnpm exec astro preview --outDir dist-base --host 127.0.0.1 --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}${BASE}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: serverEnv,
    },
    {
      command: `pnpm exec astro dev --host 127.0.0.1 --port ${DEV_PORT}`,
      url: `http://127.0.0.1:${DEV_PORT}${BASE}`,
      reuseExistingServer: !process.env.CI,
      // A few seconds on a quiet machine; a busy 2-core one needed over a minute.
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...serverEnv, NETINTRO_SKIP_API: '1' },
    },
  ],
});
