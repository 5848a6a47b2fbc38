/**
 * The playground's boxes for the other reports: -r, -i and -s run on the
 * web-server sample's real route, dev, snmp and netstat files and print
 * byte for byte what the real netstat printed for them
 * (scripts/server-extras.sh made both).
 */
import { expect, type Page, test } from '@playwright/test';
import { golden, pickSample, watchErrors } from './helpers';

async function onlyFlags(page: Page, letters: string[]) {
  for (const box of await page.locator('input[data-flag]').all()) {
    const letter = (await box.getAttribute('data-flag')) ?? '';
    if (letters.includes(letter)) await box.check();
    else await box.uncheck();
  }
}

for (const [letters, file] of [
  [['r', 'n'], 'server-rn.txt'],
  [['i'], 'server-i.txt'],
  [['s'], 'server-s.txt'],
] as const) {
  test(`playground netstat -${letters.join('')} equals the real netstat (${file})`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto('/playground/');
    await pickSample(page, 'web server');
    const extra = page.locator(`details[data-extra-for="${letters[0]}"]`).first();
    await expect(extra).not.toHaveAttribute('open', '');
    await onlyFlags(page, [...letters]);
    await expect(extra).toHaveAttribute('open', '');
    const output = page.locator('[data-output]');
    const expected = await golden(file);
    await expect.poll(async () => `${await output.textContent()}\n`).toBe(expected);
    // A report, not a socket table: no rows to select.
    await expect(page.locator('[data-playground] [role="option"]')).toHaveCount(0);
    expect(errors, errors.join('\n')).toEqual([]);
  });
}

test('an edited route box changes the -r output; a bad line is pointed at', async ({ page }) => {
  await page.goto('/playground/');
  await pickSample(page, 'web server');
  await onlyFlags(page, ['r', 'n']);
  const box = page.locator('#pg-route');
  const text = await box.inputValue();
  // A host route to 10.0.0.9 through the gateway (flags UGH), then a broken line.
  await box.fill(
    `${text.trimEnd()}\neth0\t0900000A\t0100000A\t0007\t0\t0\t0\tFFFFFFFF\t0\t0\t0\nnot a route\n`,
  );
  const output = page.locator('[data-output]');
  await expect(output).toContainText(/10\.0\.0\.9 +10\.0\.0\.1 +255\.255\.255\.255 UGH/);
  await expect(page.locator('[data-issue-list]')).toContainText('/proc/net/route, line');
});
