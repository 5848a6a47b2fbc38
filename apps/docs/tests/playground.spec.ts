/**
 * The playground against the command line: the same input files, the same
 * flags, the same output. The CLI (packages/cli) runs in Node on a temporary
 * /proc and /etc made from the sample, with host names from the sample's
 * /etc/hosts; the playground runs the packages in the browser.
 *
 * NOTE (coordinator): this calls the CLI's exported `run(argv, io)` from
 * packages/cli/src/cli.ts (bundled by esbuild with the source condition),
 * because the `netintro` binary reads only the live /proc and /etc and has
 * no option to point it at a fixture folder. If the CLI gains such an
 * option (or an env variable), spawn `packages/cli/dist/netintro.js` here
 * instead, so the built binary is what gets compared.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { importSource, pickSample, trimLines, watchErrors } from './helpers';

const DATA = new URL('../src/data/', import.meta.url);
const read = (path: string) => {
  try {
    return readFileSync(new URL(path, DATA), 'utf8');
  } catch {
    return '';
  }
};

interface Case {
  sample: string;
  button: string;
  flags: string;
  files: { tcp: string; tcp6: string; udp: string; services: string; hosts: string };
}
const defaultServices = async () =>
  (
    await importSource<{ defaultServicesText: string }>(
      '../../../packages/services-parser/src/default-db.ts',
    )
  ).defaultServicesText;

const icebox = {
  tcp: read('icebox/tcp.txt'),
  tcp6: read('icebox/tcp6.txt'),
  udp: '',
  services: read('icebox/services.txt'),
  hosts: read('icebox/hosts.txt'),
};
const server = {
  tcp: read('server/tcp.txt'),
  tcp6: '',
  udp: read('server/udp.txt'),
  services: '',
  hosts: read('server/hosts.txt'),
};
const CASES: Case[] = [
  { sample: 'icebox', button: 'icebox (the lesson)', flags: 'at', files: icebox },
  { sample: 'icebox', button: 'icebox (the lesson)', flags: 'atn', files: icebox },
  { sample: 'server', button: 'web server', flags: 'atu', files: server },
  { sample: 'server', button: 'web server', flags: 'ltun', files: server },
  { sample: 'server', button: 'web server', flags: 'atuo', files: server },
];

async function setFlags(page: Page, letters: string) {
  for (const letter of ['a', 'l', 't', 'u', 'n', 'e', 'o', 'W']) {
    const box = page.locator(`input[data-flag="${letter}"]`);
    if (letters.includes(letter)) await box.check();
    else await box.uncheck();
  }
}

/** Runs the CLI's `run()` on files written to a temporary procfs root and /etc. */
async function runCli(flags: string, files: Case['files']): Promise<string> {
  const { run } = await importSource<{
    run: (argv: string[], io: Record<string, unknown>) => Promise<number>;
  }>('../../../packages/cli/src/cli.ts');
  const { parseHosts } = await importSource<{
    parseHosts: (text: string) => { address: string; name: string }[];
  }>('../../../packages/procnet-reader/src/index.ts');
  const root = mkdtempSync(join(tmpdir(), 'netintro-docs-cli-'));
  mkdirSync(join(root, 'proc', 'net'), { recursive: true });
  mkdirSync(join(root, 'etc'));
  for (const table of ['tcp', 'tcp6', 'udp'] as const) {
    writeFileSync(join(root, 'proc', 'net', table), files[table]);
  }
  writeFileSync(join(root, 'etc', 'services'), files.services || (await defaultServices()));
  const names = new Map(parseHosts(files.hosts).map((h) => [h.address, h.name]));
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = await run([`-${flags}`], {
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
      procRoot: join(root, 'proc'),
      etc: join(root, 'etc'),
      euid: 0,
      lookup: async (address: string) => names.get(address),
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  expect(code, stderr).toBe(0);
  return stdout;
}

/** The same pipeline the page uses, run in Node (checks the browser bundle changes nothing). */
async function runPipelineInNode(flags: string, files: Case['files']): Promise<string> {
  const { runPipeline } = await importSource<{
    runPipeline: (input: Record<string, unknown>) => { text: string };
  }>('../src/lib/pipeline.ts');
  const { getDefaultServicesDb } = await importSource<{
    getDefaultServicesDb: (o: { match: 'last' }) => unknown;
  }>('../../../packages/services-parser/src/default-db.ts');
  return runPipeline({
    tables: { tcp: files.tcp, tcp6: files.tcp6, udp: files.udp },
    services: files.services,
    ...(files.services ? {} : { servicesDb: getDefaultServicesDb({ match: 'last' }) }),
    hosts: files.hosts,
    argv: [`-${flags}`],
  }).text;
}

for (const c of CASES) {
  test(`playground ${c.sample} -${c.flags} prints what the CLI prints`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/playground/');
    await pickSample(page, c.button);
    await setFlags(page, c.flags);
    await expect(page.locator('[data-command]')).toHaveText(`$ netstat -${c.flags}`);
    const output = page.locator('[data-output]');
    const expectedCli = await runCli(c.flags, c.files);
    await expect
      .poll(async () => `${await output.textContent()}\n`, { timeout: 5_000 })
      .toBe(expectedCli);
    expect(`${await output.textContent()}\n`).toBe(await runPipelineInNode(c.flags, c.files));
    expect(errors, errors.join('\n')).toEqual([]);
  });
}

test('a sample sets its flags at once; a flag changed while its texts load is kept; the last pick wins', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // Hold back the web-server sample's chunk, as a slow network would.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_astro\/server\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/playground/');
  await page.getByRole('button', { name: 'web server', exact: true }).click();
  // Its flags (-atu) and description are there before its texts.
  await expect(page.locator('input[data-flag="u"]')).toBeChecked();
  await expect(page.locator('[data-sample-description]')).toContainText('A small web server');
  await page.locator('input[data-flag="n"]').check();
  release();
  await expect(page.locator('[data-playground][data-sample-loaded="server"]')).toHaveCount(1);
  await expect(page.locator('#pg-tcp')).toHaveValue(server.tcp);
  await expect(page.locator('input[data-flag="n"]')).toBeChecked();
  await expect(page.locator('[data-command]')).toHaveText('$ netstat -atun');

  // Two quick picks: the icebox is picked while the server's texts are held back.
  await page.goto('/playground/');
  let releaseAgain: () => void = () => {};
  const heldAgain = new Promise<void>((resolve) => {
    releaseAgain = resolve;
  });
  await page.unroute(/\/_astro\/server\.[\w-]+\.js$/);
  let served = 0;
  await page.route(/\/_astro\/server\.[\w-]+\.js$/, async (route) => {
    await heldAgain;
    await route.continue();
    served++;
  });
  await page.getByRole('button', { name: 'web server', exact: true }).click();
  await pickSample(page, 'icebox (the lesson)');
  releaseAgain();
  await expect.poll(() => served).toBe(1);
  await page.waitForTimeout(300);
  await expect(page.locator('#pg-tcp')).toHaveValue(icebox.tcp);
  await expect(page.locator('[data-playground]')).toHaveAttribute('data-sample-loaded', 'icebox');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('bad lines are pointed at, the good ones still shown', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/playground/');
  await pickSample(page, 'bad lines');
  const output = page.locator('[data-output]');
  await expect(output).toContainText('0.0.0.0:22');
  await expect(output).toContainText('10.0.0.5:443');
  const issues = page.locator('[data-issue-list] li');
  await expect(issues).toHaveCount(3);
  await expect(issues.nth(0)).toContainText('/proc/net/tcp, line 3');
  await expect(issues.nth(1)).toContainText('/proc/net/tcp, line 4');
  await expect(issues.nth(2)).toContainText('this is not a socket line');
  await expect(page.locator('[data-status]')).toContainText('3 lines skipped');
  // Jumping to a bad line selects it in its box.
  await issues.nth(2).getByRole('button').click();
  const selected = await page
    .locator('#pg-tcp')
    .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe('this is not a socket line');
  expect(trimLines((await output.textContent()) ?? '').split('\n').length).toBe(2 + 3);
  expect(errors, errors.join('\n')).toEqual([]);
});

test('hostile input is shown as text, never run', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/playground/');
  await page.evaluate(() => {
    (window as unknown as { pwned: number }).pwned = 0;
  });
  await page.locator('#pg-hosts').fill('127.0.1.1 <script>window.pwned=1</script>\n');
  await page
    .locator('#pg-services')
    .fill('<img/src=x/onerror=window.pwned=2> 631/tcp\ndomain 53/tcp\n');
  const tcp = page.locator('#pg-tcp');
  await tcp.fill(
    `${await tcp.inputValue()}<img src=x onerror="window.pwned=3"> <script>window.pwned=4</script>\n`,
  );
  const output = page.locator('[data-output]');
  await expect(output).toContainText('<script>window.p');
  await expect(output).toContainText('<img/src=x/onerror');
  await expect(page.locator('[data-issue-list]')).toContainText(
    '<img src=x onerror="window.pwned=3"> <script>window.pwned=4</script>',
  );
  expect(await page.locator('[data-playground] img, [data-playground] pre script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
  expect(errors, errors.join('\n')).toEqual([]);
});

test.describe('layout', () => {
  test('phone: no overflow, menu and search visible, the table follows the box that changed', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/playground/');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await expect(page.getByRole('button', { name: 'Menu' })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Search' })).toBeInViewport({ ratio: 1 });
    // The byte-order label reads as a sentence, not one word per line.
    const label = page.locator('.ni-pg-endian > span');
    const lineHeight = await label.evaluate((el) =>
      Number.parseFloat(getComputedStyle(el).lineHeight),
    );
    expect((await label.boundingBox())?.height ?? 0).toBeLessThan(lineHeight * 3);
    // Empty /proc/net/tcp6: the table moves to just below that box.
    const box = page.locator('#pg-tcp6');
    await box.fill('');
    const result = page.locator('[data-result]');
    await expect(page.locator('[data-status]')).toContainText('5 sockets read');
    const boxBottom = await box.evaluate((el) => el.getBoundingClientRect().bottom);
    const resultTop = await result.evaluate((el) => el.getBoundingClientRect().top);
    expect(resultTop).toBeGreaterThan(boxBottom);
    expect(resultTop - boxBottom).toBeLessThan(80);
    await page.screenshot({ path: 'test-results/screenshots/playground-phone-after-edit.png' });
  });

  test('desktop: the table sits beside the inputs and shows every column', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/playground/');
    const inputs = await page.locator('.ni-pg-inputs').boundingBox();
    const result = await page.locator('[data-result]').boundingBox();
    expect(result?.x ?? 0).toBeGreaterThan((inputs?.x ?? 0) + (inputs?.width ?? 0) - 1);
    const output = page.locator('[data-output]');
    expect(await output.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await expect(output).toContainText('State');
  });
});
