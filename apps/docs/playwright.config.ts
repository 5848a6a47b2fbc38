import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';

/**
 * Browser tests against the production build (dist/), served by
 * `astro preview` on loopback. Uses Debian's chromium (installed by
 * scripts/ensure-system.sh); Playwright never downloads a browser.
 */
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const PORT = Number(process.env.NETINTRO_DOCS_PORT ?? 4329);
/** `astro dev`, for the live view of this machine (tests/dev.spec.ts). */
export const DEV_PORT = PORT + 1;

if (!existsSync(new URL('./dist/index.html', import.meta.url))) {
  throw new Error(
    'apps/docs: no production build in dist/. Run `pnpm --filter @netintro/docs build` first.',
  );
}

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results/artifacts',
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
      command: `pnpm exec astro preview --host 127.0.0.1 --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ASTRO_TELEMETRY_DISABLED: '1' },
    },
    {
      // Development mode: the live view reads this machine's /proc/net.
      // API pages are not needed there (NETINTRO_SKIP_API saves ~10 s).
      command: `pnpm exec astro dev --host 127.0.0.1 --port ${DEV_PORT}`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 90_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ASTRO_TELEMETRY_DISABLED: '1', NETINTRO_SKIP_API: '1' },
    },
  ],
});
