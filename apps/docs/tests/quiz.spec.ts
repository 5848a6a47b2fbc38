/** The quiz: keyboard only, answers announced through status regions. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('HTTPS question: options in order, wrong then right, explanation shown', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/lesson/quiz/');
  const q = page.locator('#quiz-https');
  await expect(q.locator('legend')).toContainText('What port is used for HTTPS?');
  await expect(q.getByRole('radio')).toHaveCount(4);
  const labels = await q.locator('label').allInnerTexts();
  expect(labels.map((l) => l.trim())).toEqual(['6969', '22', '80', '443']);

  // Check without picking: asked to pick first.
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(q.getByRole('status')).toHaveText('Pick an answer first.');

  // Keyboard only: focus the first option, arrow to "80", submit with Enter.
  await q.getByRole('radio', { name: '6969' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(q.getByRole('radio', { name: '80' })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(q.getByRole('status')).toHaveText(
    'Not quite: you picked 80. The answer is 443. Read again: Well-known ports.',
  );
  await expect(q.locator('.ni-quiz-explanation')).toBeVisible();

  await q.getByRole('radio', { name: '80' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(q.getByRole('radio', { name: '443' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(q.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(q.getByRole('status')).toHaveText('Correct: 443.');
  const explanation = q.locator('.ni-quiz-explanation');
  await expect(explanation).toContainText(
    'HTTPS is the secure, encrypted form of HTTP and uses port 443',
  );
  await expect(explanation).toContainText('plain HTTP uses port 80');
  await expect(explanation).toContainText('TLS, the successor of SSL');
  expect(errors, errors.join('\n')).toEqual([]);
});

/** Servers in the web-server sample, counted from its raw lines (TCP: remote port 0; UDP: remote address 0). */
function webServerServers(): number {
  const read = (f: string) =>
    readFileSync(new URL(`../src/data/server/${f}`, import.meta.url), 'utf8')
      .split('\n')
      .slice(1);
  const tcp = read('tcp.txt').filter((l) => /:0000$/.test(l.trim().split(/\s+/)[2] ?? ''));
  const udp = read('udp.txt').filter((l) => /^0+:/.test(l.trim().split(/\s+/)[2] ?? ''));
  return tcp.length + udp.length;
}

test('every question can be answered; the score adds up', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/lesson/quiz/');
  const answers: Record<string, string> = {
    https: '443',
    'icebox-servers': '3',
    'icebox-closed-first': 'The end on ipp, port 631 (FIN_WAIT2)',
    'icebox-recvq': 'The other side\'s FIN (its "I am done"), counted as one unread byte',
    'icebox-cut': 'netstat cut a long host name so the address fits its 23-character column',
    'playground-servers': String(webServerServers()),
    'dns-name': 'domain',
    'listen-state': 'LISTEN',
    'port-class': 'registered (1024-49151)',
  };
  await expect(page.locator('form.ni-quiz-q')).toHaveCount(Object.keys(answers).length);
  // The original question comes first.
  await expect(page.locator('form.ni-quiz-q').first()).toHaveId('quiz-https');
  for (const [id, answer] of Object.entries(answers)) {
    const q = page.locator(`#quiz-${id}`);
    await q.getByRole('radio', { name: answer, exact: true }).check();
    await q.getByRole('button', { name: 'Check' }).click();
    await expect(q.locator('.ni-quiz-feedback')).toHaveText(`Correct: ${answer}.`);
  }
  const n = Object.keys(answers).length;
  await expect(page.locator('.ni-quiz-score')).toHaveText(
    `Score: ${n} of ${n} correct (${n} of ${n} answered).`,
  );
  // No script from a CDN: every script comes from this site.
  const scripts = await page
    .locator('script[src]')
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  for (const src of scripts) expect(new URL(src).host).toBe(new URL(page.url()).host);
  expect(errors, errors.join('\n')).toEqual([]);
});

test('the icebox questions come right after the icebox table', async ({ page }) => {
  await page.goto('/lesson/quiz/');
  const order = await page
    .locator('.ni-quiz > *')
    .evaluateAll((els) =>
      els.map((e) =>
        e.matches('form') ? e.id : e.querySelector('figure.ni-icebox') ? 'table' : '',
      ),
    );
  const table = order.indexOf('table');
  expect(order.slice(table + 1, table + 5)).toEqual([
    'quiz-icebox-servers',
    'quiz-icebox-closed-first',
    'quiz-icebox-recvq',
    'quiz-icebox-cut',
  ]);
  // The table in the quiz is the lesson's, without the row explanations (they would give answers away).
  const figure = page.locator('.ni-quiz figure.ni-icebox');
  await expect(figure.getByTestId('icebox-output')).toContainText('economy.canonical.:http');
  await expect(figure.getByRole('listbox')).toHaveCount(0);
});

test('a wrong answer links to the section that explains it', async ({ page }) => {
  await page.goto('/lesson/quiz/');
  const q = page.locator('#quiz-icebox-closed-first');
  await q.getByRole('radio', { name: 'The end on port 35094 (CLOSE_WAIT)' }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  const feedback = q.getByRole('status');
  await expect(feedback).toContainText('Not quite');
  await feedback.getByRole('link', { name: 'Socket states' }).click();
  await expect(page).toHaveURL(/\/lesson\/netstat\/#socket-states$/);
  await expect(page.locator('h2#socket-states')).toBeInViewport();
});

test("the playground question reads the reader's own playground table", async ({ page }) => {
  const errors = watchErrors(page);
  // Before the playground is used: the web-server sample, labelled as such.
  await page.goto('/lesson/quiz/');
  const figure = page.locator('[data-quiz-playground]');
  await expect(figure).toContainText('web server');
  await page.waitForLoadState('networkidle');
  // The reader pastes two sockets of their own: one listener, one connection.
  await page.goto('/playground/');
  const tcp = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4243 1 0000000000000000 20 4 30 10 -1',
    '',
  ].join('\n');
  await page.locator('#pg-tcp').fill(tcp);
  await page.locator('#pg-tcp6').fill('');
  await expect(page.locator('[data-status]')).toContainText('2 sockets read');
  await page.waitForLoadState('networkidle');
  await page.goto('/lesson/quiz/');
  await expect(figure).toHaveAttribute('data-source', 'saved');
  await expect(figure.getByTestId('quiz-playground-output')).toContainText('localhost:54321');
  await expect(figure).toContainText('Your own playground table');
  const q = page.locator('#quiz-playground-servers');
  const options = await q.locator('label').allInnerTexts();
  expect(options.map((o) => o.trim())).toEqual(['0', '1', '2', '3']);
  await q.getByRole('radio', { name: '2', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(q.getByRole('status')).toContainText('The answer is 1.');
  await q.getByRole('radio', { name: '1', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(q.getByRole('status')).toHaveText('Correct: 1.');
  await expect(q.locator('.ni-quiz-explanation')).toContainText('localhost:8080');
  await page.screenshot({
    path: 'test-results/screenshots/explain/quiz-saved-playground.png',
    fullPage: true,
  });
  expect(errors, errors.join('\n')).toEqual([]);
});

test("every question's review link points to a heading that exists", async ({ page, request }) => {
  await page.goto('/lesson/quiz/');
  const links = await page
    .locator('form.ni-quiz-q')
    .evaluateAll((forms) => forms.map((f) => (f as HTMLElement).dataset.learnHref ?? ''));
  expect(links.length).toBeGreaterThan(0);
  for (const link of new Set(links)) {
    const [path, hash] = link.split('#');
    const response = await request.get(path ?? '');
    expect(response.status(), link).toBe(200);
    if (hash) expect(await response.text(), link).toContain(`id="${hash}"`);
  }
});
