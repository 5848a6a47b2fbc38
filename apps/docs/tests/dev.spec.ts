/**
 * `pnpm start` (astro dev) on Linux: the netstat page shows this machine's
 * own sockets, formatted by the packages, and refreshes them.
 */
import { expect, test } from '@playwright/test';
import { DEV_PORT } from '../playwright.config';
import { watchErrors } from './helpers';

test('development mode: the live view shows this machine and refreshes', async ({ page }) => {
  test.skip(process.platform !== 'linux', 'the live view reads /proc/net');
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await page.goto(`http://127.0.0.1:${DEV_PORT}/lesson/netstat/`);
  const output = page.locator('[data-live-output]');
  await expect(output).toContainText('Active Internet connections (servers and established)', {
    timeout: 60_000,
  });
  await expect(output).toContainText('PID/Program name');
  // At 1280 px every column shows, State and PID/Program included.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect
    .poll(() => output.evaluate((el) => el.scrollWidth - el.clientWidth))
    .toBeLessThanOrEqual(0);
  const status = page.locator('[data-live-status]');
  const first = await status.textContent();
  await expect(status).not.toHaveText(first ?? '', { timeout: 10_000 });
  // The JSON endpoint exists only in development.
  const live = await page.request.get(`http://127.0.0.1:${DEV_PORT}/__netintro/live.json`);
  expect(((await live.json()) as { text: string }).text).toContain('Proto Recv-Q Send-Q');
  // Pause stops the updates.
  await page.getByRole('button', { name: 'Pause updates' }).click();
  await expect(page.getByRole('button', { name: 'Resume updates' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(errors, errors.join('\n')).toEqual([]);
});

test('production build: no live endpoint, the page explains how to get it', async ({ page }) => {
  const response = await page.request.get('/__netintro/live.json');
  expect(response.status()).toBe(404);
  await page.goto('/lesson/netstat/');
  await expect(page.locator('.ni-live')).toContainText('pnpm install && pnpm start');
});
