/**
 * Page-level checks. Every page's axe check, size check and screenshots are
 * in a11y.spec.ts (both sizes, both themes).
 */
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('home: a teaching hero picture, cards that link, Next leads into the lesson', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const hero = page.locator('.hero img');
  await expect(hero).toBeVisible();
  await expect(hero).toHaveAttribute('alt', /port 80.*socket/s);
  expect(await hero.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const cards = page.locator('main .card-grid a');
  const lessonCards: [string, string][] = [
    ['Well-known ports', '/lesson/well-known-ports/'],
    ['netstat', '/lesson/netstat/'],
    ["A connection's life", '/lesson/connection-life/'],
    ['Experiments', '/lesson/experiments/'],
    ['Try it at home', '/lesson/try-at-home/'],
    ['Quiz', '/lesson/quiz/'],
  ];
  for (const [title, href] of lessonCards) {
    await expect(cards.filter({ hasText: title }).first()).toHaveAttribute('href', href);
  }
  const next = page.locator('.pagination-links a[rel="next"]');
  await expect(next).toHaveAttribute('href', '/lesson/well-known-ports/');
  await next.click();
  await expect(page.locator('main h1')).toHaveText('Well-known ports');
  expect(errors, errors.join('\n')).toEqual([]);
});

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

test("the sidebar lists each API entry point once, and the symbols of the API page's own", async ({
  page,
}) => {
  const apiLinks = (sel: string) =>
    page
      .locator(`nav[aria-label="Main"] a[href*="/api/"]${sel}`)
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.goto('/lesson/netstat/');
  expect((await apiLinks('')).sort()).toEqual([
    '/api/procnet-reader-node/',
    '/api/procnet-reader/',
    '/api/services-parser-node/',
    '/api/services-parser/',
    '/api/socket-formatter/',
  ]);
  // Each overview page lists its symbols.
  await page.locator('nav[aria-label="Main"] a[href="/api/procnet-reader/"]').click();
  await expect(page.locator('main h1')).toHaveText('@netintro/procnet-reader');
  await expect(
    page.locator('main').getByRole('link', { name: 'parseTcp', exact: true }).first(),
  ).toBeVisible();
  // Its sidebar lists its own symbols; the other entry points stay one link each.
  const here = await apiLinks('');
  expect(here).toContain('/api/procnet-reader/functions/parsetcp/');
  expect(here.filter((h) => h.startsWith('/api/procnet-reader/')).length).toBeGreaterThan(30);
  expect(here.filter((h) => h.startsWith('/api/services-parser/'))).toEqual([
    '/api/services-parser/',
  ]);
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

test('the "On this page" column stands at the right edge before the article is parsed', async ({
  page,
}) => {
  // A slow device may paint the page before the article (which follows the
  // column in the HTML) exists; the column must not move when it arrives.
  await page.setViewportSize({ width: 1350, height: 940 });
  await page.goto('/lesson/try-at-home/');
  const left = () =>
    page.locator('.right-sidebar').evaluate((el) => Math.round(el.getBoundingClientRect().left));
  const withArticle = await left();
  expect(withArticle).toBeGreaterThan(900);
  await page.locator('.main-pane').evaluate((el) => {
    (el as HTMLElement).style.display = 'none';
  });
  expect(await left()).toBe(withArticle);
});
