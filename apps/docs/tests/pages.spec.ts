/**
 * Every page of the site: loads without console errors, passes an axe
 * accessibility check, and leaves a full-page screenshot in
 * test-results/screenshots/ (the test artifact reviewers look at).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

const PAGES = [
  ['home', '/'],
  ['about', '/about/'],
  ['lesson-well-known-ports', '/lesson/well-known-ports/'],
  ['lesson-netstat', '/lesson/netstat/'],
  ['lesson-experiments', '/lesson/experiments/'],
  ['lesson-quiz', '/lesson/quiz/'],
  ['playground', '/playground/'],
  ['reference-proc-net-tcp', '/reference/proc-net-tcp/'],
  ['reference-tcp-states', '/reference/tcp-states/'],
  ['reference-netstat-vs-ss', '/reference/netstat-vs-ss/'],
  ['packages-services-parser', '/packages/services-parser/'],
  ['packages-procnet-reader', '/packages/procnet-reader/'],
  ['packages-socket-formatter', '/packages/socket-formatter/'],
  ['packages-cli', '/packages/cli/'],
] as const;

for (const [name, path] of PAGES) {
  test(`${name}: renders, no console errors, accessible, screenshot`, async ({ page }) => {
    const errors = watchErrors(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('main h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const violations = axe.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(violations, violations.join('\n')).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
    expect(errors, errors.join('\n')).toEqual([]);
  });
}

test('the API reference is generated from TSDoc', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/api/services-parser/');
  await expect(page.locator('main h1')).toHaveText('@netintro/services-parser');
  await expect(
    page.locator('main').getByRole('link', { name: 'parseServices' }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/api-services-parser.png',
    fullPage: true,
  });
  expect(errors, errors.join('\n')).toEqual([]);
});

test('Pagefind search finds the lesson in the production build', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  const input = page.getByRole('searchbox', { name: 'Search the lesson and the reference' });
  await expect(input).toBeFocused();
  await input.fill('TIME_WAIT');
  const results = page.locator('.ni-search-results a');
  await expect(results.first()).toBeVisible({ timeout: 10_000 });
  await expect(results.filter({ hasText: /netstat/i }).first()).toBeVisible();
  await expect(page.locator('.ni-search-status')).toContainText('found');
  // Keyboard: Escape closes, Ctrl+K opens again.
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();
  await page.keyboard.press('Control+k');
  await expect(input).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/search.png' });
  expect(errors, errors.join('\n')).toEqual([]);
});
