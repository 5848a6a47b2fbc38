/**
 * Search ranks the lesson and the reference above the generated API pages
 * for the lesson's words, and lists each API symbol once (the `./node`
 * entries re-export the root entries; their copies are not indexed).
 * Queries Pagefind's own index of the production build, as the search box does.
 */
import { expect, test } from '@playwright/test';
import { SEARCH_RANKING } from '../src/lib/search-ranking';

interface Found {
  url: string;
  title: string;
}

/** Every result of `query`, best first, ranked as the search box ranks. */
async function search(page: import('@playwright/test').Page, query: string): Promise<Found[]> {
  return page.evaluate(
    async ([q, ranking]) => {
      const url = '/pagefind/pagefind.js';
      const pagefind = await import(/* @vite-ignore */ url);
      await pagefind.options({ ranking });
      const found = await pagefind.search(q);
      return Promise.all(
        found.results.map(
          async (r: { data(): Promise<{ url: string; meta: { title: string } }> }) => {
            const data = await r.data();
            return { url: data.url, title: data.meta.title };
          },
        ),
      );
    },
    [query, SEARCH_RANKING] as const,
  );
}

const LESSON_WORDS = ['443', 'TIME_WAIT', 'LISTEN', 'socket', 'Recv-Q'];

test('lesson words find a lesson or reference page first', async ({ page }) => {
  await page.goto('/');
  for (const word of LESSON_WORDS) {
    const results = await search(page, word);
    const top = results
      .slice(0, 5)
      .map((r) => r.url)
      .join(', ');
    expect(results.length, `"${word}" found nothing`).toBeGreaterThan(0);
    expect(results[0]?.url, `"${word}": ${top}`).toMatch(/^\/(lesson|reference)\//);
  }
});

test('each API symbol is listed once', async ({ page }) => {
  await page.goto('/');
  for (const word of ['TcpStateName', 'parseTcp', 'readSockets', 'socket', 'TIME_WAIT']) {
    const urls = (await search(page, word)).map((r) => r.url);
    // Symbol pages only: each entry point's module page lists its exports.
    const symbols = urls
      .filter((u) => /^\/api\/[^/]+\/[^/]+\/[^/]+\/$/.test(u))
      .map((u) => u.replace(/^\/api\/([a-z-]+?)(-node)?\//, '$1/'));
    const repeated = symbols.filter((s, i) => symbols.indexOf(s) !== i);
    expect(repeated, `"${word}": ${urls.join(', ')}`).toEqual([]);
  }
  // The node-only functions are still found, once, on their `/node` page.
  const read = await search(page, 'readSockets');
  expect(read[0]?.url).toBe('/api/procnet-reader-node/functions/readsockets/');
});

test('API pages carry their one-line summary as description', async ({ page }) => {
  await page.goto('/api/procnet-reader/functions/parsetcp/');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    'Parses /proc/net/tcp (IPv4 TCP sockets).',
  );
  // The module page lists each symbol with its summary.
  await page.goto('/api/procnet-reader/');
  await expect(
    page.locator('main tr', { has: page.getByRole('link', { name: 'parseTcp', exact: true }) }),
  ).toContainText('Parses /proc/net/tcp');
});
