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

/** axe's findings as one line per rule, with the offending nodes. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
        .join(' | ')}`,
  );
}
