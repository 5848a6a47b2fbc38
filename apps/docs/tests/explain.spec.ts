/**
 * "Explain any row": every netstat table's rows can be selected with the
 * mouse, touch and the keyboard, and the panel decodes the raw /proc/net
 * line. Expected values are decoded here by hand from the icebox snapshot's
 * lines (parseInt of the hex fields), not by the packages under test.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolations, openInTheme } from './axe';
import { pickSample, watchErrors } from './helpers';

const DATA = new URL('../src/data/icebox/', import.meta.url);
/** Line `n` (1-based) of an icebox table, as the kernel printed it. */
const rawLine = (table: 'tcp' | 'tcp6', n: number) =>
  readFileSync(new URL(`${table}.txt`, DATA), 'utf8').split('\n')[n] ?? '';
const hexField = (line: string, index: number) => line.trim().split(/\s+/)[index] ?? '';

const icebox = (page: Page) => page.locator('figure.ni-icebox').first();
const rows = (scope: Locator) => scope.getByRole('listbox').getByRole('option');
const panel = (scope: Locator) => scope.locator('[data-xt-panel]');
const field = (scope: Locator, id: string) => panel(scope).locator(`[data-field="${id}"]`);

test('icebox table: a click selects a row and the panel decodes its raw line', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/lesson/netstat/');
  const figure = icebox(page);
  await expect(rows(figure)).toHaveCount(8);
  await expect(panel(figure)).toBeHidden();

  // Row 7: the CLOSE_WAIT end, the second line of /proc/net/tcp6.
  const raw = rawLine('tcp6', 2);
  await rows(figure).nth(6).click();
  await expect(rows(figure).nth(6)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(figure).nth(6)).toBeFocused();
  await expect(figure.locator('[data-xt-summary]')).toHaveText(
    'Row 7 of 8: tcp6, CLOSE_WAIT, not a server.',
  );
  await expect(figure.getByTestId('xt-raw')).toHaveText(raw.trim());
  const [localHex, localPortHex] = hexField(raw, 1).split(':');
  const [, remotePortHex] = hexField(raw, 2).split(':');
  const [, rxHex] = hexField(raw, 4).split(':');
  expect(localHex).toBe('00000000000000000000000001000000');
  await expect(field(figure, 'local-address').locator('dt code')).toHaveText(localHex ?? '');
  await expect(field(figure, 'local-address').locator('dd strong')).toHaveText('::1');
  await expect(field(figure, 'local-port').locator('dd strong')).toHaveText(
    String(Number.parseInt(localPortHex ?? '', 16)),
  );
  await expect(field(figure, 'remote-port').locator('dd strong')).toHaveText(
    String(Number.parseInt(remotePortHex ?? '', 16)),
  );
  await expect(field(figure, 'st').locator('dd strong')).toHaveText(
    `CLOSE_WAIT (code ${Number.parseInt(hexField(raw, 3), 16)})`,
  );
  await expect(field(figure, 'rx-queue').locator('dd strong')).toHaveText(
    `${Number.parseInt(rxHex ?? '', 16)} byte`,
  );
  await expect(field(figure, 'uid').locator('dd strong')).toHaveText(hexField(raw, 7));
  await expect(field(figure, 'inode').locator('dd strong')).toHaveText(hexField(raw, 9));
  await expect(panel(figure)).toContainText("the other side's FIN counts as one unread byte");
  await expect(panel(figure)).toContainText('LAST_ACK');
  await expect(panel(figure)).toContainText('Server: no.');
  // The row's owner: uid 1000 is pete in icebox's /etc/passwd.
  await expect(panel(figure)).toContainText('user pete (uid 1000)');
  // The kernel-only columns are there, folded.
  await expect(panel(figure).locator('details summary')).toHaveText(
    '7 more kernel columns netstat never shows',
  );
  expect(errors, errors.join('\n')).toEqual([]);
});

test('icebox table: keyboard only (Tab into the rows, arrows, Home, End)', async ({ page }) => {
  await page.goto('/lesson/netstat/');
  const figure = icebox(page);
  // The row picker loads after the page (a dynamic import): wait for its tab stop.
  await expect(rows(figure).first()).toHaveAttribute('tabindex', '0');
  // Tab reaches the scrollable block, then the listbox's single tab stop.
  await figure.locator('pre.ni-term').focus();
  await page.keyboard.press('Tab');
  await expect(rows(figure).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(figure.locator('[data-xt-summary]')).toHaveText(
    'Row 1 of 8: tcp, LISTEN, a server.',
  );
  await expect(panel(figure)).toContainText('foreign port is 0');
  // 0101007F:0035 is 127.0.1.1 port 53: netstat's icebox:domain.
  await expect(field(figure, 'local-address').locator('dd strong')).toHaveText('127.0.1.1');
  await expect(field(figure, 'local-port').locator('dd strong')).toHaveText('53');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows(figure).nth(2)).toBeFocused();
  await expect(rows(figure).nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(figure).nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(figure.locator('[data-xt-summary]')).toHaveText(
    'Row 3 of 8: tcp, TIME_WAIT, not a server.',
  );
  // TIME_WAIT: inode 0, no program.
  await expect(panel(figure)).toContainText('No program');
  await page.keyboard.press('End');
  await expect(figure.locator('[data-xt-summary]')).toHaveText(
    'Row 8 of 8: tcp6, FIN_WAIT2, not a server.',
  );
  await page.keyboard.press('Home');
  await expect(rows(figure).first()).toBeFocused();
  // Only one row is in the tab order; Tab leaves the listbox.
  expect(await rows(figure).evaluateAll((els) => els.map((e) => e.tabIndex))).toEqual([
    0, -1, -1, -1, -1, -1, -1, -1,
  ]);
  // The rows have spoken names with their columns.
  await expect(rows(figure).nth(4)).toHaveAttribute(
    'aria-label',
    /^Row 5 of 8: tcp, local icebox\.lan:34604, foreign economy\.canonical\.:http, TIME_WAIT/,
  );
});

test.describe('touch', () => {
  test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });
  test('a tap selects a row of the build machine table', async ({ page }) => {
    await page.goto('/lesson/netstat/');
    const machine = page.locator('figure.ni-machine');
    const first = rows(machine).first();
    await first.scrollIntoViewIfNeeded();
    await first.tap();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(machine.locator('[data-xt-summary]')).toContainText('Row 1 of');
    // Redacted rows keep a consistent raw line: the decoded addresses are
    // loopback, wildcard or documentation addresses only.
    const count = await rows(machine).count();
    for (let i = 0; i < count; i++) {
      await rows(machine).nth(i).tap();
      for (const id of ['local-address', 'remote-address']) {
        const address = await field(machine, id).locator('dd strong').textContent();
        expect(address).toMatch(
          /^(127\.|0\.0\.0\.0$|::$|::1$|::ffff:127\.|192\.0\.2\.|2001:db8:|::ffff:192\.0\.2\.)/,
        );
      }
    }
    await page.screenshot({ path: 'test-results/screenshots/explain/machine-mobile.png' });
  });
});

test('without JavaScript the table still reads and points to the reference', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/lesson/netstat/');
  const figure = icebox(page);
  await expect(figure.getByTestId('icebox-output')).toContainText('economy.canonical.:http');
  await expect(figure.getByRole('listbox')).toHaveCount(0);
  await expect(figure.getByRole('link', { name: '/proc/net/tcp, field by field' })).toBeVisible();
  await context.close();
});

test('playground: rows of the output are explained; -e names the user from /etc/passwd', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/playground/');
  await pickSample(page, 'web server');
  const table = page.locator('[data-playground] [data-xt]');
  await expect(page.locator('[data-status]')).toContainText('embedded netbase list');
  await rows(table).first().click();
  await expect(table.locator('[data-xt-summary]')).toHaveText(
    /^Row 1 of \d+: tcp, LISTEN, a server\.$/,
  );
  // -e: the /etc/passwd box is folded until -e is checked.
  const passwd = page.locator('details[data-extra-for="e"]');
  await expect(passwd).not.toHaveAttribute('open', '');
  await page.locator('input[data-flag="e"]').check();
  await expect(passwd).toHaveAttribute('open', '');
  await expect(page.locator('[data-output]')).toContainText('User       Inode');
  await expect(page.locator('[data-output]')).toContainText('postgres');
  // The selection survives the re-render; its owner has a name now.
  await expect(table.locator('[data-xt-summary]')).toHaveText(/^Row 1 of \d+: tcp, LISTEN/);
  await expect(panel(table)).toContainText('user root (uid 0)');
  // Arrow keys work in the playground's table too.
  await rows(table).first().focus();
  await page.keyboard.press('End');
  await expect(table.locator('[data-xt-summary]')).toContainText('udp');
  await page.screenshot({
    path: 'test-results/screenshots/explain/playground-desktop.png',
    fullPage: true,
  });
  expect(errors, errors.join('\n')).toEqual([]);
});

for (const size of [
  { name: 'mobile', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${size.name} ${theme}: open panels, marks and quiz feedback have 0 axe violations`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await openInTheme(page, '/lesson/netstat/', theme);
      await rows(icebox(page)).nth(6).click();
      await panel(icebox(page)).locator('details summary').click();
      await rows(page.locator('figure.ni-machine')).first().click();
      let violations = await axeViolations(page);
      await page.screenshot({
        path: `test-results/screenshots/explain/netstat-${size.name}-${theme}.png`,
        fullPage: true,
      });
      expect(violations, violations.join('\n')).toEqual([]);

      await page.goto('/playground/');
      await pickSample(page, 'web server');
      for (const flag of ['e', 'r']) await page.locator(`input[data-flag="${flag}"]`).check();
      await expect(page.locator('[data-output]')).toContainText('Kernel IP routing table');
      await page.locator('input[data-flag="r"]').uncheck();
      await rows(page.locator('[data-playground] [data-xt]')).nth(1).click();
      violations = await axeViolations(page);
      await page.screenshot({
        path: `test-results/screenshots/explain/playground-${size.name}-${theme}.png`,
        fullPage: true,
      });
      expect(violations, violations.join('\n')).toEqual([]);

      await page.goto('/lesson/quiz/');
      const q = page.locator('#quiz-icebox-servers');
      await q.getByRole('radio', { name: '2', exact: true }).check();
      await q.getByRole('button', { name: 'Check' }).click();
      await expect(q.locator('.ni-quiz-feedback')).toContainText('Not quite');
      violations = await axeViolations(page);
      await page.screenshot({
        path: `test-results/screenshots/explain/quiz-${size.name}-${theme}.png`,
        fullPage: true,
      });
      expect(violations, violations.join('\n')).toEqual([]);
    });
  }
}
