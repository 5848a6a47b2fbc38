/** The annotated row, the experiments and the state diagram's text alternative. */
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('annotated row: every field is focusable and explains itself', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/reference/proc-net-tcp/');
  const fields = page.locator('a.ni-field');
  expect(await fields.count()).toBeGreaterThanOrEqual(25);
  const address = page.locator('a.ni-field[data-field="local-address"]');
  await expect(address).toHaveText('0100007F');
  await address.focus();
  const explain = page.locator('[data-explain]');
  await expect(explain).toContainText('Decoded: 127.0.0.1');
  await page.keyboard.press('Tab');
  await expect(page.locator('a.ni-field[data-field="local-port"]')).toBeFocused();
  await expect(explain).toContainText('Decoded: 51234');
  // The netstat line is the packages' output for this row, and its fields link back.
  await expect(page.getByTestId('annotated-netstat')).toContainText(
    'localhost:51234         localhost:http-alt      ESTABLISHED pete       48213      on (0.20/2/0)',
  );
  await page.locator('a.ni-field[data-field="ns-sendq"]').focus();
  await expect(explain).toContainText('26 bytes');
  await expect(page.locator('a.ni-field[data-field="tx-queue"]')).toHaveAttribute(
    'data-related',
    '',
  );
  expect(errors, errors.join('\n')).toEqual([]);
});

test('experiments: predict, reveal, get told whether the prediction was right', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/lesson/experiments/');
  const experiments = page.locator('section.ni-experiment');
  const count = await experiments.count();
  // Five on the icebox table, six on the other flags (-u -e -o -r -i -s).
  expect(count).toBe(11);
  const first = page.locator('section.ni-experiment').first();
  await first.getByRole('radio', { name: 'CLOSE_WAIT' }).check();
  await first.locator('summary').click();
  await expect(first.getByRole('status')).toHaveText(
    'You predicted CLOSE_WAIT; the answer is TIME_WAIT.',
  );
  const second = experiments.nth(1);
  await second.getByRole('radio', { name: '127.0.1.1:53' }).check();
  await second.locator('summary').press('Enter');
  await expect(second.getByRole('status')).toHaveText('You predicted 127.0.1.1:53: correct.');
  const udp = page.locator('section.ni-experiment[aria-labelledby="udp-title"]');
  await udp.getByRole('radio', { name: 'more than 6' }).check();
  await udp.locator('summary').click();
  await expect(udp.getByRole('status')).toHaveText('You predicted more than 6: correct.');
  await expect(udp.getByTestId('capture-output')).toContainText('udp      832');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('TCP state diagram: an SVG with a title, a description and a text table', async ({ page }) => {
  await page.goto('/reference/tcp-states/');
  const svg = page.getByRole('img', { name: 'TCP state diagram' });
  await expect(svg).toBeVisible();
  for (const state of [
    'LISTEN',
    'SYN_SENT',
    'SYN_RECV',
    'ESTABLISHED',
    'FIN_WAIT1',
    'FIN_WAIT2',
    'TIME_WAIT',
    'CLOSE_WAIT',
    'LAST_ACK',
    'CLOSING',
  ]) {
    await expect(
      svg.locator('g.ni-state text', { hasText: new RegExp(`^\\s*${state}\\s*$`) }),
    ).toHaveCount(1);
  }
  const rows = page.locator('table.ni-tcp-transitions tbody tr');
  expect(await rows.count()).toBe(await svg.locator('g.ni-edge').count());
});

test('lesson: the build machine table and /etc/services lines are labelled', async ({ page }) => {
  await page.goto('/lesson/netstat/');
  const machine = page.locator('figure.ni-machine');
  await expect(machine.getByTestId('machine-output')).toContainText(
    'Active Internet connections (servers and established)',
  );
  await expect(machine.locator('figcaption')).toContainText(/captured \d{4}-\d\d-\d\dT/);
  await page.goto('/lesson/well-known-ports/');
  const services = page.getByTestId('lesson-services');
  const lines = ((await services.textContent()) ?? '').split('\n');
  // The lines as the file has them: no line numbers in front that could read as ports.
  expect(lines.map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
    'ftp 21/tcp',
    'ssh 22/tcp',
    'smtp 25/tcp',
    'domain 53/tcp',
    'http 80/tcp',
    'https 443/tcp',
  ]);
  // Their line numbers are in the table, under their own heading.
  const table = page.locator('figure.ni-services table');
  await expect(table.locator('thead th').last()).toHaveText('Line in the file');
  await expect(table.locator('tbody tr').first().locator('td').last()).toHaveText(/^\d+$/);
});
