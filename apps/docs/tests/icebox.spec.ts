/**
 * The lesson's icebox figure, reproduced through the packages. The expected
 * text is typed from the lesson (LESSON.md) with one deliberate change:
 * net-tools before commit c0d4640 (2013) printed the IPv4 wildcard as `*`, so the figure shows
 * `*:*`; net-tools 2.10 (and our formatter) print `0.0.0.0:*`. The two IPv4
 * listener rows are the only ones that differ. netstat also pads every row
 * with trailing spaces; the figure does not show them, so they are trimmed
 * before comparing.
 */
import { expect, test } from '@playwright/test';
import { golden, pickSample, trimLines, watchErrors } from './helpers';

const LESSON_FIGURE_2013 = `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State
tcp        0      0 icebox:domain           *:*                     LISTEN
tcp        0      0 localhost:ipp           *:*                     LISTEN
tcp        0      0 icebox.lan:44468        124.28.28.50:http       TIME_WAIT
tcp        0      0 icebox.lan:34751        124.28.29.50:http       TIME_WAIT
tcp        0      0 icebox.lan:34604        economy.canonical.:http TIME_WAIT
tcp6       0      0 ip6-localhost:ipp       [::]:*                  LISTEN
tcp6       1      0 ip6-localhost:35094     ip6-localhost:ipp       CLOSE_WAIT
tcp6       0      0 ip6-localhost:ipp       ip6-localhost:35094     FIN_WAIT2`;

/**
 * The figure as today's netstat prints it: `*:*` -> `0.0.0.0:*`. The column
 * is 23 characters wide, so the six extra characters eat six of the padding
 * spaces that follow.
 */
const EXPECTED_TODAY = LESSON_FIGURE_2013.replace(/\*:\* {6}/g, '0.0.0.0:*');

test('the adaptation touches only the two IPv4 listener rows', () => {
  const before = LESSON_FIGURE_2013.split('\n');
  const after = EXPECTED_TODAY.split('\n');
  const changed = after.flatMap((line, i) => (line === before[i] ? [] : [i]));
  expect(changed).toEqual([2, 3]);
  expect(after[2]).toBe(
    'tcp        0      0 icebox:domain           0.0.0.0:*               LISTEN',
  );
});

test('the lesson page has the icebox table in its static HTML', async ({ request }) => {
  const html = await (await request.get('/lesson/netstat/')).text();
  // The output element holds the heading, the header and one element per row (for the row
  // picker); its text, tags removed, is netstat's output.
  const match = html.match(/data-testid="icebox-output"[^>]*>([\s\S]*?)<\/pre>/);
  expect(match, 'icebox-output not found in the static HTML').not.toBeNull();
  const text = (match?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  expect(trimLines(text)).toBe(EXPECTED_TODAY);
  // Byte for byte (trailing spaces included) what the real netstat prints for this snapshot.
  expect(`${text}\n`).toBe(await golden('icebox-at.txt'));
});

test('the playground reproduces the icebox table from the sample', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/playground/');
  await pickSample(page, 'web server');
  await pickSample(page, 'icebox (the lesson)');
  const output = page.locator('[data-output]');
  await expect(output).toContainText('economy.canonical.:http');
  // Columns only line up in a monospaced font.
  expect(await output.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
  expect(trimLines((await output.textContent()) ?? '')).toBe(EXPECTED_TODAY);
  expect(errors, errors.join('\n')).toEqual([]);
});

for (const flags of ['-atn', '-lt', '-t', '-atW']) {
  test(`the experiments' netstat ${flags} equals the real netstat on the same snapshot`, async ({
    page,
  }) => {
    await page.goto('/lesson/experiments/');
    const figure = page.locator(
      `figure.ni-icebox[data-flags="${flags}"] [data-testid="icebox-output"]`,
    );
    expect(`${await figure.textContent()}\n`).toBe(await golden(`icebox${flags}.txt`));
  });
}
