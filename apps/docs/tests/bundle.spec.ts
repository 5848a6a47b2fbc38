/**
 * The playground page's JavaScript budget, measured from the responses the
 * browser actually receives (gzip level 9 of each script body):
 *
 * every script the page loads, Starlight's own scripts, inline scripts and
 * the playground's lazy chunk (the embedded services list, fetched only when
 * the /etc/services box is empty) included. Search (Pagefind) loads only
 * when the reader opens it (src/components/Search.astro); its size is
 * reported separately.
 */
import { gzipSync } from 'node:zlib';
import { expect, type Page, type Response, test } from '@playwright/test';

const BUDGET = 40 * 1024;
const SEARCH = /\/pagefind\//;

async function scriptsLoaded(page: Page, action: () => Promise<unknown>) {
  const sizes = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    // A revalidated script (304 after a reload) was counted when it first loaded.
    if (response.status() >= 300 && response.status() < 400) return;
    pending.push(
      response.body().then((body) => {
        sizes.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
      }),
    );
  };
  page.on('response', onResponse);
  await action();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  page.off('response', onResponse);
  return sizes;
}

test('playground JS stays under 40 KB gzipped', async ({ page }, testInfo) => {
  const initial = await scriptsLoaded(page, () => page.goto('/playground/'));
  const inline = await page
    .locator('script:not([src])')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const inlineBytes = inline.reduce((n, s) => n + gzipSync(Buffer.from(s), { level: 9 }).length, 0);
  const lazy = await scriptsLoaded(page, () =>
    Promise.all([
      page.waitForResponse((r) => r.url().includes('/default-db.')),
      page.getByRole('button', { name: 'web server' }).click(),
    ]),
  );
  await expect(page.locator('[data-playground][data-sample-loaded="server"]')).toHaveCount(1);
  await expect(page.locator('[data-status]')).toContainText('embedded netbase list');
  expect([...lazy.keys()].some((p) => p.includes('default-db'))).toBe(true);
  // Selecting a row loads the row explanations.
  for (const [p, s] of await scriptsLoaded(page, async () => {
    await page.locator('[data-playground] [role="option"]').first().click();
    await expect(page.locator('[data-xt-summary]')).toContainText('Row 1');
  })) {
    lazy.set(p, s);
  }

  const all = [...initial, ...lazy];
  const total = all.reduce((n, [, size]) => n + size, inlineBytes);
  // Opening the search loads Pagefind's own script (not counted above).
  const search = await scriptsLoaded(page, async () => {
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox').fill('netstat');
    await expect(page.locator('.ni-search-results a').first()).toBeVisible({ timeout: 10_000 });
  });
  const searchBytes = [...search].filter(([p]) => SEARCH.test(p)).reduce((n, [, s]) => n + s, 0);
  const report = [
    ...[...initial].map(([path, size]) => `${path}: ${size} B`),
    ...[...lazy].map(
      ([path, size]) => `${path} (after loading a sample, selecting a row): ${size} B`,
    ),
    `inline scripts: ${inlineBytes} B`,
    `total: ${total} B gzipped (${(total / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB)`,
    `Pagefind, loaded only when the search is opened: ${searchBytes} B`,
  ].join('\n');
  testInfo.annotations.push({ type: 'playground-js', description: report });
  console.log(`playground JS, gzipped:\n${report}`);
  expect(total, report).toBeLessThan(BUDGET);
  expect(
    [...initial.keys()].some((p) => SEARCH.test(p) || p.includes('ui-core')),
    report,
  ).toBe(false);
  // The playground's own code (the packages' pure entries + the UI) alone.
  const own = all.filter(([path]) => /Playground|default-db/.test(path));
  expect(
    own.reduce((n, [, size]) => n + size, 0),
    report,
  ).toBeLessThan(25 * 1024);
});

test('browser code imports only the pure entries (no Node built-ins shipped)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = new URL('../dist/_astro/', import.meta.url);
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const file of scripts) {
    const code = readFileSync(new URL(file, dir), 'utf8');
    expect(code, file).not.toMatch(/["'`]node:[a-z_/]+["'`]/);
    expect(code, file).not.toContain('readSockets');
  }
});

/**
 * Every page with one of the lesson's widgets: the JavaScript it loads,
 * gzipped, beyond what Starlight loads on a page without widgets (/about/).
 * A widget's lazy parts are loaded first (the quiz's services list when a
 * saved playground uses it; the playground's when a sample needs it).
 */
test("JS per page beyond Starlight's own stays under 40 KB gzipped", async ({
  browser,
}, testInfo) => {
  // Six pages, each in a fresh context, on a busy 2-core machine.
  test.setTimeout(300_000);
  // A fresh context per page: nothing comes from the cache.
  let page: Page | undefined;
  const measure = async (path: string, then?: (p: Page) => Promise<unknown>) => {
    await page?.context().close();
    const fresh = await (await browser.newContext()).newPage();
    page = fresh;
    const sizes = await scriptsLoaded(fresh, () => fresh.goto(path));
    if (then) for (const [p, s] of await scriptsLoaded(fresh, () => then(fresh))) sizes.set(p, s);
    const inline = await fresh
      .locator('script:not([src])')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const inlineBytes = inline.reduce(
      (n, s) => n + gzipSync(Buffer.from(s), { level: 9 }).length,
      0,
    );
    return { sizes, total: [...sizes.values()].reduce((n, s) => n + s, inlineBytes) };
  };
  const starlight = await measure('/about/');
  // Selecting a row loads the explanations: count them too.
  const selectRow = async (p: Page) => {
    // A click on the first row (an experiment's answers are folded until revealed, so
    // the event is dispatched rather than clicked) loads the explanations' chunk.
    const row = p.locator('[role="option"]').first();
    await row.waitFor({ state: 'attached' });
    await Promise.all([
      p.waitForResponse((r) => new URL(r.url()).pathname.includes('/explain.')),
      row.dispatchEvent('click'),
    ]);
  };
  const loadSample = async (p: Page) => {
    await Promise.all([
      p.waitForResponse((r) => r.url().includes('/default-db.')),
      p.getByRole('button', { name: 'web server' }).click(),
    ]);
    await expect(p.locator('[data-playground][data-sample-loaded="server"]')).toHaveCount(1);
    await selectRow(p);
  };
  const pages: [string, string, ((p: Page) => Promise<unknown>)?][] = [
    ['netstat lesson (icebox and build-machine tables)', '/lesson/netstat/', selectRow],
    ['experiments (five icebox tables)', '/lesson/experiments/', selectRow],
    ['playground (after loading the web server sample)', '/playground/', loadSample],
    [
      'playground with -s too (its formatters load on first use)',
      '/playground/',
      async (p) => {
        await loadSample(p);
        await Promise.all([
          p.waitForResponse((r) => r.url().includes('/reports.')),
          p.locator('input[data-flag="s"]').check(),
        ]);
      },
    ],
    [
      'quiz (with a saved playground that needs the services list)',
      '/lesson/quiz/',
      async (p) => {
        await p.evaluate(() =>
          localStorage.setItem(
            'netintro-playground',
            JSON.stringify({ tables: { tcp: '' }, services: '', hosts: '', argv: ['-at'] }),
          ),
        );
        await Promise.all([p.waitForResponse((r) => r.url().includes('/default-db.')), p.reload()]);
      },
    ],
    ['/proc/net/tcp reference (annotated row)', '/reference/proc-net-tcp/'],
  ];
  const lines = [`Starlight's own (/about/): ${starlight.total} B`];
  const over: string[] = [];
  for (const [name, path, then] of pages) {
    const { sizes, total } = await measure(path, then);
    const beyond = total - starlight.total;
    const own = [...sizes].filter(([p]) => !starlight.sizes.has(p));
    lines.push(
      `${name} ${path}: ${total} B in all, ${beyond} B (${(beyond / 1024).toFixed(1)} KB) beyond Starlight's; ${own.map(([p, s]) => `${p.split('/').pop()} ${s} B`).join(', ')}`,
    );
    if (beyond >= BUDGET) over.push(name);
  }
  await page?.context().close();
  const report = lines.join('\n');
  testInfo.annotations.push({ type: 'js-per-page', description: report });
  console.log(`JS per page, gzipped:\n${report}`);
  expect(over, report).toEqual([]);
});
