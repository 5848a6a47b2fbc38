/**
 * `pnpm start` (astro dev) on Linux: the netstat page shows this machine's
 * own sockets, formatted by the packages, and refreshes them.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { DEV_PORT } from '../playwright.config';
import { watchErrors } from './helpers';

test('development mode: the live view shows this machine and refreshes', async ({ page }) => {
  test.skip(process.platform !== 'linux', 'the live view reads /proc/net');
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await page.goto(`http://127.0.0.1:${DEV_PORT}/lesson/netstat/`);
  const output = page.locator('[data-live-output]');
  await expect(output).toContainText('Active Internet connections (servers and established)', {
    timeout: 60_000,
  });
  await expect(output).toContainText('PID/Program name');
  // At 1280 px every column shows, State and PID/Program included.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect
    .poll(() => output.evaluate((el) => el.scrollWidth - el.clientWidth))
    .toBeLessThanOrEqual(0);
  const status = page.locator('[data-live-status]');
  const first = await status.textContent();
  await expect(status).not.toHaveText(first ?? '', { timeout: 10_000 });
  // The JSON endpoint exists only in development.
  const live = await page.request.get(`http://127.0.0.1:${DEV_PORT}/__netintro/live.json`);
  expect(((await live.json()) as { text: string }).text).toContain('Proto Recv-Q Send-Q');
  // Pause stops the updates.
  await page.getByRole('button', { name: 'Pause updates' }).click();
  await expect(page.getByRole('button', { name: 'Resume updates' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(errors, errors.join('\n')).toEqual([]);
});

test('production build: no live endpoint, the page explains how to get it', async ({ page }) => {
  const response = await page.request.get('/__netintro/live.json');
  expect(response.status()).toBe(404);
  await page.goto('/lesson/netstat/');
  await expect(page.locator('.ni-live')).toContainText('pnpm install && pnpm start');
});

test('development mode: step the live view and watch a connection appear, change and vanish', async ({
  page,
}) => {
  test.skip(process.platform !== 'linux', 'the live view reads /proc/net');
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await page.goto(`http://127.0.0.1:${DEV_PORT}/lesson/netstat/`);
  const live = page.locator('.ni-live');
  await expect(live).toHaveAttribute('data-refreshes', /^[1-9]/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause updates' }).click();
  const step = async () => {
    const before = Number((await live.getAttribute('data-refreshes')) ?? '0');
    await page.getByRole('button', { name: 'Refresh once' }).click();
    await expect(live).toHaveAttribute('data-refreshes', String(before + 1));
  };
  // A listener on loopback, in this test process; its rows are found by the
  // port in their raw /proc/net line (local address 127.0.0.1 = 0100007F).
  // allowHalfOpen: the accepted end does not close by itself when the client does (CLOSE_WAIT).
  const server = createServer({ allowHalfOpen: true });
  const accepted: Socket[] = [];
  server.on('connection', (s) => accepted.push(s));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  // ": " ends the sl field, so this matches the local address, not the remote one.
  const localRow = live.locator(`.ni-xt-row[data-raw*=": 0100007F:${hex} "]`);
  const serverRow = live.locator(`.ni-xt-row[data-raw*=": 0100007F:${hex} 00000000:0000"]`);
  try {
    await step();
    await expect(serverRow).toHaveAttribute('data-mark', 'new');
    await expect(serverRow).toHaveAttribute('aria-label', /appeared since the last refresh/);
    await expect(serverRow.locator('.ni-xt-mark')).toHaveText('+ ');
    await expect(live.locator('[data-live-changes]')).toContainText('appeared');
    await expect(live.locator('[data-live-changes]')).toHaveAttribute('aria-live', 'polite');

    // A client connects: its end and the server's accepted end appear.
    const client = createConnection(port, '127.0.0.1');
    await once(client, 'connect');
    await step();
    await expect(serverRow).not.toHaveAttribute('data-mark');
    await expect(localRow.and(live.locator('[data-mark="new"]'))).toHaveCount(1);

    // The client closes first: its end goes to FIN_WAIT2, the server's accepted end to CLOSE_WAIT.
    client.end();
    await expect.poll(() => accepted.length).toBe(1);
    await once(accepted[0] as Socket, 'end');
    await step();
    const changed = live
      .locator('.ni-xt-row[data-mark="changed"]')
      .filter({ hasText: 'CLOSE_WAIT' });
    await expect(changed.and(localRow)).toHaveCount(1);
    await expect(changed.and(localRow)).toHaveAttribute('aria-label', /was ESTABLISHED/);
    await expect(changed.and(localRow).locator('.ni-xt-mark')).toHaveText('~ ');
    await changed.and(localRow).click();
    await expect(live.locator('[data-xt-summary]')).toContainText('CLOSE_WAIT, not a server');
    // The live view knows the program: this test's own process.
    await expect(live.locator('[data-xt-panel]')).toContainText(`Process ${process.pid}`);
    await page.screenshot({
      path: 'test-results/screenshots/explain/live-changed.png',
      fullPage: true,
    });

    // Everything closes: the listener's row vanishes, shown struck through for one refresh.
    for (const s of accepted) s.destroy();
    server.close();
    await once(server, 'close');
    await step();
    const gone = serverRow.and(live.locator('[data-mark="gone"]'));
    await expect(gone).toHaveCount(1);
    expect(
      await gone.locator('.ni-xt-text').evaluate((el) => getComputedStyle(el).textDecorationLine),
    ).toBe('line-through');
    await expect(gone.locator('.ni-xt-mark')).toHaveText('- ');
    await step();
    await expect(serverRow).toHaveCount(0);
  } finally {
    server.close();
    for (const s of accepted) s.destroy();
  }
  expect(errors, errors.join('\n')).toEqual([]);
});
