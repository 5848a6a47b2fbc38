/** The quiz: keyboard only, answers announced through status regions. */
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
  await expect(q.getByRole('status')).toHaveText('Not quite: you picked 80. The answer is 443.');
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

test('every question can be answered; the score adds up', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/lesson/quiz/');
  const answers: Record<string, string> = {
    https: '443',
    'ssh-port': '22',
    'dns-name': 'domain',
    'smtp-service': 'smtp',
    'listen-state': 'LISTEN',
    'port-class': 'registered (1024-49151)',
  };
  await expect(page.locator('form.ni-quiz-q')).toHaveCount(Object.keys(answers).length);
  for (const [id, answer] of Object.entries(answers)) {
    const q = page.locator(`#quiz-${id}`);
    await q.getByRole('radio', { name: answer, exact: true }).check();
    await q.getByRole('button', { name: 'Check' }).click();
    await expect(q.locator('.ni-quiz-feedback')).toHaveText(`Correct: ${answer}.`);
  }
  await expect(page.locator('.ni-quiz-score')).toHaveText(
    'Score: 6 of 6 correct (6 of 6 answered).',
  );
  // No script from a CDN: every script comes from this site.
  const scripts = await page
    .locator('script[src]')
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  for (const src of scripts) expect(new URL(src).host).toBe(new URL(page.url()).host);
  expect(errors, errors.join('\n')).toEqual([]);
});
