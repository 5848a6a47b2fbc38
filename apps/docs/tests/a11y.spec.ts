/**
 * Every page at a phone (390x844) and a desktop (1280x800) size, in the
 * light and the dark theme: no axe violation (WCAG 2.0/2.1 A and AA, 2.2 AA
 * and axe's best practices), no page wider than the screen, every terminal
 * block's columns visible on the desktop, and scrollable blocks reachable
 * from the keyboard. A full-page screenshot of each case is kept in
 * test-results/screenshots/ (gitignored) for review.
 */
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { axeViolations, openInTheme } from './axe';
import { watchErrors } from './helpers';

/**
 * One generated interface page, read from the build (the page the preview
 * serves): TcpSocket's if there is one, else the first. Interfaces come
 * and go with the API; the test must not name one that no longer exists.
 */
function anInterfacePage(): string {
  const dir = new URL('../dist/api/procnet-reader/interfaces/', import.meta.url);
  const names = readdirSync(dir).sort();
  const name = names.includes('tcpsocket') ? 'tcpsocket' : names[0];
  if (!name) throw new Error(`no interface page in ${dir.pathname}`);
  return `/api/procnet-reader/interfaces/${name}/`;
}

/** The hand-written pages, and one generated API page of each kind. */
export const PAGES = [
  ['home', '/'],
  ['about', '/about/'],
  ['lesson-well-known-ports', '/lesson/well-known-ports/'],
  ['lesson-netstat', '/lesson/netstat/'],
  ['lesson-connection-life', '/lesson/connection-life/'],
  ['lesson-experiments', '/lesson/experiments/'],
  ['lesson-try-at-home', '/lesson/try-at-home/'],
  ['lesson-quiz', '/lesson/quiz/'],
  ['playground', '/playground/'],
  ['reference-proc-net-tcp', '/reference/proc-net-tcp/'],
  ['reference-tcp-states', '/reference/tcp-states/'],
  ['reference-netstat-vs-ss', '/reference/netstat-vs-ss/'],
  ['packages-services-parser', '/packages/services-parser/'],
  ['packages-procnet-reader', '/packages/procnet-reader/'],
  ['packages-socket-formatter', '/packages/socket-formatter/'],
  ['packages-cli', '/packages/cli/'],
  ['api-procnet-reader', '/api/procnet-reader/'],
  ['api-function', '/api/procnet-reader/functions/parsetcp/'],
  ['api-interface', anInterfacePage()],
  ['api-type-alias', '/api/procnet-reader/type-aliases/tcpstatename/'],
  ['api-variable', '/api/socket-formatter/variables/sockets_json_schema/'],
  ['api-class', '/api/services-parser/classes/servicesparseerror/'],
  ['api-node-function', '/api/procnet-reader-node/functions/readsockets/'],
  ['404', '/no-such-page/'],
] as const;

export const SIZES = [
  { name: 'mobile', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

export const THEMES = ['light', 'dark'] as const;

for (const size of SIZES) {
  for (const theme of THEMES) {
    test.describe(`${size.name} ${theme}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });
      for (const [name, path] of PAGES) {
        test(`${name}: fits the screen, 0 axe violations`, async ({ page }) => {
          // Generous: axe with best-practice and a full-page screenshot on a busy 2-core machine.
          test.setTimeout(120_000);
          const errors = watchErrors(page);
          const response = await openInTheme(page, path, theme);
          expect(response?.status()).toBe(name === '404' ? 404 : 200);
          await expect(page.locator('main h1')).toBeVisible();
          await page.waitForLoadState('networkidle');

          // No page is wider than the screen.
          const widths = await page.evaluate(() => ({
            doc: document.documentElement.scrollWidth,
            body: document.body.scrollWidth,
            view: window.innerWidth,
          }));
          expect(widths.doc, `document ${widths.doc} px wide`).toBeLessThanOrEqual(widths.view);
          expect(widths.body, `body ${widths.body} px wide`).toBeLessThanOrEqual(widths.view);

          // Terminal blocks: all columns visible on the desktop; on a phone,
          // a block that scrolls can be focused and says so.
          const blocks = await page.locator('pre.ni-term').evaluateAll((pres) =>
            pres
              .filter((pre) => (pre as HTMLElement).offsetParent !== null)
              .map((pre) => ({
                text: (pre.textContent ?? '').slice(0, 60),
                scroll: pre.scrollWidth,
                client: pre.clientWidth,
                // The block itself, or links inside it, take the keyboard focus.
                focusable:
                  (pre as HTMLElement).tabIndex >= 0 || pre.querySelector('a[href]') !== null,
                // A block marked data-scrolls (the 150-character /proc/net/tcp
                // row, not a netstat table) may scroll on a desktop too.
                mayScroll: pre.hasAttribute('data-scrolls'),
              })),
          );
          for (const block of blocks) {
            if (size.name === 'desktop' && !block.mayScroll) {
              expect(
                block.scroll,
                `"${block.text}" shows ${block.client} of ${block.scroll} px`,
              ).toBeLessThanOrEqual(block.client);
            } else if (block.scroll > block.client) {
              expect(block.focusable, `"${block.text}" scrolls but cannot be focused`).toBe(true);
            }
          }

          const violations = await axeViolations(page);
          await page.screenshot({
            // JPEG: half the time of a PNG for a long page, and enough to review.
            path: `test-results/screenshots/${size.name}-${theme}/${name}.jpg`,
            type: 'jpeg',
            quality: 80,
            fullPage: true,
          });
          expect(violations, violations.join('\n')).toEqual([]);
          const unexpected = errors.filter(
            (e) => !(name === '404' && e.includes('404 (Not Found)')),
          );
          expect(unexpected, unexpected.join('\n')).toEqual([]);
        });
      }
    });
  }
}
