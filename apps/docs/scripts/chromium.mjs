/**
 * Debian's chromium as the browser tests (playwright.config.ts,
 * playwright.base.config.ts) and the Lighthouse script drive it: the binary
 * (CHROME_PATH, default /usr/bin/chromium; Playwright never downloads one)
 * and the flags that keep it headless and off the network (TOOLCHAIN.md
 * trap 11).
 */

/** The chromium binary. */
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags for every run: headless, no sandbox (root in CI), no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
