/**
 * The production site under a non-root base (/netintro/, as GitHub project
 * pages serve it): a reader's walk from the home page through the lesson to
 * the playground, search, the 404 page and the dev-mode live view, with no
 * failed request and no link or asset outside the base.
 */
import { expect, type Page, test } from '@playwright/test';
import { BASE, DEV_PORT } from '../playwright.base.config';

/**
 * Records what went wrong on the network: responses of 400 and more,
 * failed requests, and same-origin requests outside the base path.
 */
function watchNetwork(
  page: Page,
  origin: string,
  { expected404 = [] as string[], checkBase = true } = {},
): string[] {
  const problems: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && !expected404.includes(url.pathname)) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // A speculative prefetch is dropped when the reader's click navigates.
    const prefetch = request.headers()['sec-purpose']?.includes('prefetch');
    if (!(prefetch && error === 'net::ERR_ABORTED')) {
      problems.push(`failed ${request.url()}: ${error}`);
    }
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    // astro dev serves its modules from the server root whatever the base.
    if (checkBase && url.origin === origin && !url.pathname.startsWith(BASE)) {
      problems.push(`outside the base: ${request.url()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const expected = expected404.length > 0 && message.text().includes('status of 404');
    if (message.type() === 'error' && !expected) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** Root-absolute links and assets of the page that miss the base. */
async function outsideBase(page: Page): Promise<string[]> {
  return page.evaluate((base) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('[href], [src], [srcset], [action]')) {
      for (const attr of ['href', 'src', 'action']) {
        const value = el.getAttribute(attr);
        if (value?.startsWith('/') && !value.startsWith('//') && !value.startsWith(base)) {
          out.push(`<${el.tagName.toLowerCase()} ${attr}="${value}">`);
        }
      }
    }
    return out;
  }, BASE);
}

/** Same-origin link targets of the page, without fragments. */
async function internalLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .map((a) => new URL(a.href, location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => u.pathname),
  );
}

test('a reader walks home -> lesson -> connection life -> experiments -> try at home -> quiz -> playground under the base', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const origin = new URL(baseURL ?? '').origin;
  const problems = watchNetwork(page, origin);
  const links = new Set<string>();
  const visit = async (path: string) => {
    await expect(page).toHaveURL(`${origin}${path}`);
    expect(await outsideBase(page), `links or assets outside ${BASE} on ${path}`).toEqual([]);
    for (const link of await internalLinks(page)) links.add(link);
  };

  // Home: the hero's first action starts the lesson.
  const home = await page.goto(BASE);
  expect(home?.status()).toBe(200);
  await visit(BASE);
  await page.locator(`main a[href="${BASE}lesson/well-known-ports/"]`).first().click();
  await visit(`${BASE}lesson/well-known-ports/`);
  await expect(page.locator('h1')).toBeVisible();

  // Through the lesson with Starlight's "Next" links.
  await page.locator('a[rel="next"]').click();
  await visit(`${BASE}lesson/netstat/`);
  await expect(page.locator('[data-testid="machine-output"]')).toContainText('Proto Recv-Q');
  await page.locator('a[rel="next"]').click();
  await visit(`${BASE}lesson/connection-life/`);
  const stepper = page.locator('.ni-life').first();
  await stepper.getByRole('button', { name: 'Next step' }).click();
  await expect(stepper.locator('[data-life-status]')).toHaveText(/^Step 2 of/);
  await page.locator('a[rel="next"]').click();
  await visit(`${BASE}lesson/experiments/`);
  const experiment = page.locator('.ni-experiment').first();
  await experiment.getByRole('radio').first().check();
  await experiment.locator('summary').click();
  await expect(experiment.locator('.ni-experiment-verdict')).not.toBeEmpty();

  await page.locator('a[rel="next"]').click();
  await visit(`${BASE}lesson/try-at-home/`);
  await expect(page.locator('figure.ni-capture').first()).toContainText('LISTEN');
  await page.locator('a[rel="next"]').click();
  await visit(`${BASE}lesson/quiz/`);
  const question = page.locator('.ni-quiz-q').first();
  await question.getByRole('radio').first().check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(question.locator('.ni-quiz-feedback')).not.toBeEmpty();

  await page.locator('a[rel="next"]').click();
  await visit(`${BASE}playground/`);
  // Another sample: parsed and formatted in the browser by the packages'
  // bundle (its chunks, e.g. the embedded services database, load under the base).
  const output = page.locator('[data-output]');
  const before = await output.textContent();
  const sample = page.locator('button[data-sample]').nth(1);
  await sample.click();
  await expect(sample).toHaveAttribute('aria-pressed', 'true');
  await expect(output).not.toHaveText(before ?? '');
  await expect(output).toContainText('Active Internet connections');
  await expect(output).toContainText('Proto Recv-Q Send-Q Local Address');

  // Every internal link seen on the way (sidebar, cards, components) answers.
  expect(links.size).toBeGreaterThan(10);
  const broken: string[] = [];
  for (const link of links) {
    expect(link.startsWith(BASE), `${link} misses the base`).toBe(true);
    const response = await page.request.get(`${origin}${link}`);
    if (response.status() !== 200) broken.push(`${response.status()} ${link}`);
  }
  expect(broken).toEqual([]);
  expect(problems, problems.join('\n')).toEqual([]);
});

test('search finds the lesson and its result links work under the base', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const problems = watchNetwork(page, origin);
  await page.goto(`${BASE}lesson/quiz/`);
  await page.locator('[data-search-open]').first().click();
  await page.locator('[data-search-input]').fill('netstat');
  const results = page.locator('[data-search-results] a');
  await expect(results.first()).toBeVisible({ timeout: 10_000 });
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(
    hrefs.filter((href) => !href.startsWith(BASE)),
    'results outside the base',
  ).toEqual([]);
  // The lesson page is in the index under the base (whatever its rank: the
  // box shows the first 10 results only).
  const all = await page.evaluate(async (base) => {
    type Found = { results: { data(): Promise<{ url: string }> }[] };
    const pagefind = await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base });
    const found = (await pagefind.search('netstat')) as Found;
    return Promise.all(found.results.map(async (r) => (await r.data()).url));
  }, BASE);
  expect(all).toContain(`${BASE}lesson/netstat/`);
  const first = hrefs[0] ?? '';
  await results.first().click();
  await expect(page).toHaveURL(`${origin}${first}`);
  await expect(page.locator('h1')).toBeVisible();
  expect(problems, problems.join('\n')).toEqual([]);
});

test('the 404 page is served with its styles and links under the base', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const missing = `${BASE}no-such-page/`;
  const problems = watchNetwork(page, origin, { expected404: [missing] });
  const response = await page.goto(missing);
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toBeVisible();
  // Starlight's stylesheet loaded: the page is laid out, not raw HTML.
  const styled = await page.evaluate(() =>
    [...document.styleSheets].some((sheet) => sheet.href?.includes('/_astro/')),
  );
  expect(styled).toBe(true);
  expect(await outsideBase(page)).toEqual([]);
  await page.locator(`a[href="${BASE}"]`).first().click();
  await expect(page).toHaveURL(`${origin}${BASE}`);
  expect(problems, problems.join('\n')).toEqual([]);
});

test('development mode under the base: the live view fetches this machine', async ({ page }) => {
  test.skip(process.platform !== 'linux', 'the live view reads /proc/net');
  test.setTimeout(90_000);
  const origin = `http://127.0.0.1:${DEV_PORT}`;
  const problems = watchNetwork(page, origin, { checkBase: false });
  await page.goto(`${origin}${BASE}lesson/netstat/`);
  await expect(page.locator('[data-live-output]')).toContainText('Proto Recv-Q Send-Q', {
    timeout: 60_000,
  });
  const live = await page.request.get(`${origin}${BASE}__netintro/live.json`);
  expect(live.status()).toBe(200);
  expect(((await live.json()) as { text: string }).text).toContain('Proto Recv-Q Send-Q');
  expect(problems, problems.join('\n')).toEqual([]);
});
