/**
 * A connection's life: the captures of scripts/capture-life.mjs are what
 * the steps say they are, our formatter renders them exactly as the real
 * netstat did (goldens from scripts/life-goldens.sh, and netstat's own
 * output taken live beside the flags capture), and the stepper works by
 * keyboard, by mouse and without JavaScript.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, type Locator, type TestInfo, test } from '@playwright/test';
import { importSource, watchErrors } from './helpers';

type Life = typeof import('../src/lib/life');
type Steps = typeof import('../src/lib/life-steps');

const here = fileURLToPath(new URL('.', import.meta.url));
const DATA = join(here, '../src/data/life');
const GOLDEN = join(here, 'golden/life');

/** Saves a screenshot to test-results/screenshots/life/ (kept by CI) and attaches it to the report. */
async function keep(info: TestInfo, name: string, target: Locator) {
  const path = `test-results/screenshots/life/${name}.png`;
  await info.attach(name, { body: await target.screenshot({ path }), contentType: 'image/png' });
}

function loadCaptures(life: Life) {
  const files: Record<string, string> = {};
  for (const scenario of readdirSync(DATA, { withFileTypes: true })) {
    if (!scenario.isDirectory()) continue;
    for (const file of readdirSync(join(DATA, scenario.name))) {
      files[`${scenario.name}/${file}`] = readFileSync(join(DATA, scenario.name, file), 'utf8');
    }
  }
  return life.groupCaptures(files);
}

test.describe('captures', () => {
  test('every step shows the states its words describe, client and server apart', async () => {
    const life = await importSource<Life>('../src/lib/life.ts');
    const { LIFE_STEPS } = await importSource<Steps>('../src/lib/life-steps.ts');
    const captures = loadCaptures(life);
    const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
    let checked = 0;
    for (const [scenario, steps] of Object.entries(LIFE_STEPS)) {
      // Every captured step has words, every step with words has a capture.
      expect(manifest.scenarios[scenario].map((s: { id: string }) => s.id)).toEqual(
        steps.map((s) => s.id),
      );
      for (const step of steps) {
        const capture = captures.get(`${scenario}/${step.id}`);
        expect(capture?.tcp, `${scenario}/${step.id}`).toBeDefined();
        const sockets = life.captureSockets(capture ?? {});
        for (const side of ['client', 'server'] as const) {
          const states = sockets
            .filter((s) => life.sideOf(s) === side)
            .map((s) => (s.protocol === 'tcp' ? s.state : ''));
          expect(states, `${scenario}/${step.id} ${side}`).toEqual(step.expect[side]);
        }
        // Nothing else in the namespace: every socket is the client's or the server's.
        expect(sockets.every((s) => life.sideOf(s) !== undefined)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(17);
  });

  test('the queues the steps talk about are in the captures', async () => {
    const life = await importSource<Life>('../src/lib/life.ts');
    const captures = loadCaptures(life);
    const queues = (id: string, side: 'client' | 'server') =>
      life
        .captureSockets(captures.get(`client-closes/${id}`) ?? {})
        .filter((s) => life.sideOf(s) === side && s.remote.port !== 0)
        .map((s) => [s.rxQueue, s.txQueue]);
    expect(queues('02-syn', 'client')).toEqual([[0, 1]]); // the SYN
    expect(queues('05-data', 'server')).toEqual([[6, 0]]); // hello\n, unread
    const [[, clientSendQ] = []] = queues('06-window-full', 'client');
    const [[serverRecvQ] = []] = queues('06-window-full', 'server');
    expect(clientSendQ).toBeGreaterThan(1024 * 1024);
    expect(serverRecvQ).toBeGreaterThan(16 * 1024);
    expect(queues('08-fin', 'client')).toEqual([[0, 1]]); // the FIN
    expect(queues('08-fin', 'server')).toEqual([[1, 0]]); // the FIN, unread
    expect(queues('10-server-fin', 'server')).toEqual([[0, 1]]);
  });

  const index = readFileSync(join(GOLDEN, 'index.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
  for (const [file = '', scenario = '', step = '', command = ''] of index) {
    test(`netstat ${command} on ${scenario}/${step}: ours equals the real netstat`, async () => {
      const life = await importSource<Life>('../src/lib/life.ts');
      const capture = loadCaptures(life).get(`${scenario}/${step}`) ?? {};
      expect(life.renderCapture(capture, command)).toBe(readFileSync(join(GOLDEN, file), 'utf8'));
    });
  }

  for (const command of ['-i', '-rn', '-st', '-atnp']) {
    test(`netstat ${command} on the flags capture: ours equals netstat run at capture time`, async () => {
      const life = await importSource<Life>('../src/lib/life.ts');
      const capture = loadCaptures(life).get('flags/01-machine') ?? {};
      const live = capture[`netstat${command}.txt`];
      expect(live).toBeDefined();
      expect(life.renderCapture(capture, command)).toBe(live);
    });
  }

  test('changed cells: a state change marks State only, a new row marks every cell', async () => {
    const life = await importSource<Life>('../src/lib/life.ts');
    const captures = loadCaptures(life);
    const side = (id: string, s: 'client' | 'server') =>
      life.renderCapture(
        captures.get(`client-closes/${id}`) ?? {},
        '-tan',
        (x) => life.sideOf(x) === s,
      );
    const change = life.compareSide(side('03-synack', 'server'), side('04-established', 'server'));
    expect(change.rows.map((r) => r.changed)).toEqual([
      [false, false, false, false, false, false],
      [false, false, false, false, false, true],
    ]);
    expect(change.notes).toEqual(['127.0.0.1:1234: State SYN_RECV → ESTABLISHED']);
    const fresh = life.compareSide(side('01-listen', 'client'), side('02-syn', 'client'));
    expect(fresh.rows[0]?.isNew).toBe(true);
    expect(fresh.rows[0]?.changed.every(Boolean)).toBe(true);
    const gone = life.compareSide(side('10-server-fin', 'server'), side('11-time-wait', 'server'));
    expect(gone.gone).toHaveLength(1);
    expect(gone.gone[0]).toContain('LAST_ACK');
  });
});

test.describe('the stepper', () => {
  const part1 = (page: import('@playwright/test').Page) =>
    page.locator('.ni-life[data-scenario="client-closes"]');
  const visibleStep = (page: import('@playwright/test').Page) =>
    part1(page).locator('.ni-life-step:visible');
  const marks = (page: import('@playwright/test').Page, side: 'client' | 'server') =>
    visibleStep(page).locator(`figure[data-side="${side}"] mark.ni-changed`).allTextContents();

  test('by mouse: one step at a time, announced, changed cells marked', async ({ page }, info) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/lesson/connection-life/');
    const root = part1(page);
    const status = root.locator('[data-life-status]');
    const prev = root.getByRole('button', { name: 'Previous step' });
    const next = root.getByRole('button', { name: 'Next step' });
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(status).toHaveText('Step 1 of 12: The server listens');
    await expect(visibleStep(page)).toHaveCount(1);
    await expect(prev).toHaveAttribute('aria-disabled', 'true');
    // Step 1 marks nothing; Previous at the start stays on step 1.
    expect(await marks(page, 'server')).toEqual([]);
    // aria-disabled (not disabled: it keeps the focus), so force the click through.
    await prev.click({ force: true });
    await expect(status).toHaveText('Step 1 of 12: The server listens');

    await next.click();
    await expect(status).toHaveText('Step 2 of 12: SYN: the client asks to connect');
    await expect(visibleStep(page)).toHaveCount(1);
    await expect(visibleStep(page)).toHaveAttribute('data-step', '02-syn');
    // A new row: every cell marked, on both sides.
    expect(await marks(page, 'client')).toEqual([
      'tcp',
      '0',
      '1',
      expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      '127.0.0.1:1234',
      'SYN_SENT',
    ]);
    expect((await marks(page, 'server')).at(-1)).toBe('SYN_RECV');
    await next.click();
    await expect(status).toHaveText('Step 3 of 12: SYN-ACK: the server answers');
    // SYN_SENT -> ESTABLISHED, Send-Q 1 -> 0; the server's rows did not change.
    expect(await marks(page, 'client')).toEqual(['0', 'ESTABLISHED']);
    expect(await marks(page, 'server')).toEqual([]);
    await expect(visibleStep(page).locator('.ni-life-changes')).toContainText(
      'State SYN_SENT → ESTABLISHED',
    );
    // Not by colour alone: bold and boxed.
    const style = await visibleStep(page)
      .locator('mark.ni-changed')
      .first()
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { weight: s.fontWeight, outline: s.outlineStyle, width: s.outlineWidth };
      });
    expect(Number(style.weight)).toBeGreaterThanOrEqual(700);
    expect(style).toMatchObject({ outline: 'solid', width: '1px' });
    await prev.click();
    await expect(status).toHaveText('Step 2 of 12: SYN: the client asks to connect');
    await keep(info, 'stepper-step2-desktop', root);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('by keyboard: Tab to the buttons, Enter and Space step, the end stops', async ({
    page,
  }, info) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/lesson/connection-life/');
    const root = part1(page);
    const next = root.getByRole('button', { name: 'Next step' });
    const status = root.locator('[data-life-status]');
    // Reach Next with the keyboard alone: Tab from the Previous button.
    await root.getByRole('button', { name: 'Previous step' }).focus();
    await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(status).toHaveText(/^Step 2 of 12/);
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(status).toHaveText('Step 4 of 12: ACK: connected');
    expect(await marks(page, 'server')).toEqual(['ESTABLISHED']);
    await expect(next).toBeFocused();
    for (let i = 0; i < 12; i++) await page.keyboard.press('Enter');
    await expect(status).toHaveText('Step 12 of 12: A minute later');
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    await expect(next).toBeFocused();
    // Step 12: the client's TIME_WAIT row is gone, and the list says so.
    await expect(visibleStep(page).locator('.ni-life-changes')).toContainText('row gone');
    await keep(info, 'stepper-step12-mobile', root);
    // Part 2 is a stepper of its own.
    const part2 = page.locator('.ni-life[data-scenario="server-closes"]');
    await expect(part2.locator('[data-life-status]')).toHaveText('Step 1 of 5: Connected');
  });

  test('without JavaScript every step is listed in order, no buttons', async ({
    browser,
  }, info) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/lesson/connection-life/');
    for (const [scenario, count] of [
      ['client-closes', 12],
      ['server-closes', 5],
    ] as const) {
      const root = page.locator(`.ni-life[data-scenario="${scenario}"]`);
      await expect(root.locator('.ni-life-step:visible')).toHaveCount(count);
      await expect(root.getByRole('button')).toHaveCount(0);
      const titles = await root.locator('.ni-life-step h3').allTextContents();
      expect(titles.map((t) => t.trim().match(/^Step (\d+) of/)?.[1])).toEqual(
        Array.from({ length: count }, (_, i) => String(i + 1)),
      );
    }
    await keep(info, 'stepper-no-js', page.locator('.ni-life').first());
    await context.close();
  });
});

test('every captured output on the lesson pages equals the real netstat', async ({ page }) => {
  const index = new Map(
    readFileSync(join(GOLDEN, 'index.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .map(([file, scenario, step, command]) => [`${scenario}/${step} ${command}`, file]),
  );
  let seen = 0;
  for (const path of ['/lesson/try-at-home/', '/lesson/experiments/']) {
    await page.goto(path);
    for (const figure of await page.locator('figure.ni-capture').all()) {
      const capture = (await figure.getAttribute('data-capture')) ?? '';
      const command = (await figure.getAttribute('data-command')) ?? '';
      const file = index.get(`${capture} ${command}`);
      const golden = file
        ? readFileSync(join(GOLDEN, file), 'utf8')
        : readFileSync(join(DATA, `${capture}.netstat${command}.txt`), 'utf8');
      const text = await figure.getByTestId('capture-output').textContent();
      expect(`${text}\n`, `${path} ${capture} netstat ${command}`).toBe(golden);
      seen++;
    }
  }
  expect(seen).toBe(12);
  // The stepper's tables are the real netstat's rows, split between the two ends.
  await page.goto('/lesson/connection-life/');
  const step = page.locator('.ni-life[data-scenario="client-closes"] [data-step="06-window-full"]');
  const rows = (await step.getByTestId('life-output').allTextContents()).flatMap((t) =>
    t.split('\n').slice(2),
  );
  const golden = readFileSync(join(GOLDEN, 'client-closes.06-window-full-tan.txt'), 'utf8');
  expect(rows.sort()).toEqual(golden.replace(/\n$/, '').split('\n').slice(2).sort());
});

for (const path of ['/lesson/connection-life/', '/lesson/experiments/', '/lesson/try-at-home/']) {
  test(`${path}: all its JavaScript, Starlight's included, stays under 40 KB gzipped`, async ({
    page,
  }, info) => {
    const sizes = new Map<string, number>();
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      pending.push(
        response.body().then((body) => {
          sizes.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
        }),
      );
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const inline = await page
      .locator('script:not([src])')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const inlineBytes = inline.reduce(
      (n, t) => n + gzipSync(Buffer.from(t), { level: 9 }).length,
      0,
    );
    const total = [...sizes.values()].reduce((n, b) => n + b, inlineBytes);
    const report = [
      ...[...sizes].map(([p, b]) => `${p}: ${b} B`),
      `inline: ${inlineBytes} B`,
      `total: ${total} B gzipped`,
    ].join('\n');
    info.annotations.push({ type: 'page-js', description: `${path}\n${report}` });
    console.log(`${path} JS, gzipped:\n${report}`);
    expect(total, report).toBeLessThan(40 * 1024);
  });
}

test('the netstat lesson shows the home page hero picture as a figure, with the same words', async ({
  page,
}) => {
  await page.goto('/');
  const heroAlt = await page.locator('.hero img').getAttribute('alt');
  await page.goto('/lesson/netstat/');
  const figure = page.locator('figure.ni-socket-port');
  const img = figure.locator('img');
  await img.scrollIntoViewIfNeeded();
  // The image may be lazy: wait for it to load rather than reading it at once.
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
  // The same picture (one source file) and the same description as the hero.
  expect(await img.getAttribute('src')).toMatch(/socket-vs-port\.[\w-]+\.svg$/);
  expect(await img.getAttribute('alt')).toBe(heroAlt);
  await expect(figure.locator('figcaption')).toContainText('One port, three sockets');
});
