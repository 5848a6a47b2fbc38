/**
 * The playground page's JavaScript budget, measured from the responses the
 * browser actually receives (gzip level 9 of each script body):
 *
 * - budgeted (< 40 KB): every script the page loads to work, Starlight's
 *   own scripts, inline scripts and the playground's lazy chunk (the
 *   embedded services list, fetched only when the /etc/services box is
 *   empty) included;
 * - reported, not budgeted: Starlight's Pagefind search UI, which every
 *   page of the site fetches when the browser is idle, for the search box.
 */
import { gzipSync } from 'node:zlib';
import { expect, type Page, type Response, test } from '@playwright/test';

const BUDGET = 40 * 1024;
const SEARCH_UI = /\/_astro\/ui-core\.[^/]*\.js$/;

async function scriptsLoaded(page: Page, action: () => Promise<unknown>) {
  const sizes = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        sizes.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
      }),
    );
  };
  page.on('response', onResponse);
  await action();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  page.off('response', onResponse);
  return sizes;
}

test('playground JS stays under 40 KB gzipped', async ({ page }, testInfo) => {
  const initial = await scriptsLoaded(page, () => page.goto('/playground/'));
  const inline = await page
    .locator('script:not([src])')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const inlineBytes = inline.reduce((n, s) => n + gzipSync(Buffer.from(s), { level: 9 }).length, 0);
  const lazy = await scriptsLoaded(page, () =>
    Promise.all([
      page.waitForResponse((r) => r.url().includes('/default-db.')),
      page.getByRole('button', { name: 'web server' }).click(),
    ]),
  );
  await expect(page.locator('[data-status]')).toContainText('embedded netbase list');
  expect([...lazy.keys()].some((p) => p.includes('default-db'))).toBe(true);

  const all = [...initial, ...lazy];
  const searchUi = all.filter(([path]) => SEARCH_UI.test(path));
  const budgeted = all.filter(([path]) => !SEARCH_UI.test(path));
  const total = budgeted.reduce((n, [, size]) => n + size, inlineBytes);
  const searchBytes = searchUi.reduce((n, [, size]) => n + size, 0);
  const report = [
    ...[...initial].map(([path, size]) => `${path}: ${size} B`),
    ...[...lazy].map(([path, size]) => `${path} (after loading a sample): ${size} B`),
    `inline scripts: ${inlineBytes} B`,
    `budgeted total: ${total} B gzipped (${(total / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB)`,
    `Pagefind search UI (idle-loaded on every page, not budgeted): ${searchBytes} B; with it: ${((total + searchBytes) / 1024).toFixed(1)} KB`,
  ].join('\n');
  testInfo.annotations.push({ type: 'playground-js', description: report });
  console.log(`playground JS, gzipped:\n${report}`);
  expect(total, report).toBeLessThan(BUDGET);
  // The playground's own code (the packages' pure entries + the UI) alone.
  const own = budgeted.filter(([path]) => /Playground|default-db/.test(path));
  expect(
    own.reduce((n, [, size]) => n + size, 0),
    report,
  ).toBeLessThan(25 * 1024);
});
