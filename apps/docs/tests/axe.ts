/**
 * axe-core in Playwright with the project's tags, and the theme switch the
 * accessibility tests share (tests/a11y.spec.ts, tests/explain.spec.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Opens `path` in `theme` (Starlight reads localStorage['starlight-theme'] before painting). */
export async function openInTheme(page: Page, path: string, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((t) => {
    localStorage.setItem('starlight-theme', t);
  }, theme);
  const response = await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  return response;
}

/**
 * axe's findings as one line per rule, with the offending nodes. axe runs
 * in the page itself (legacy mode): the default mode's second pass, which
 * opens a blank page to combine the results of each frame, took 40% of
 * each run (3-7 s a page), and our pages have no frames (checked first).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  expect(page.frames().map((f) => f.url())).toEqual([page.url()]);
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
        .join(' | ')}`,
  );
}
