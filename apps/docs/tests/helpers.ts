/**
 * Node-side helpers for the browser tests: load workspace TypeScript (the
 * packages' source, the site's pipeline, the CLI) by bundling it with
 * esbuild under the `netintro-source` condition, exactly as the site does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'netintro-docs-tests-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
const cache = new Map<string, Promise<unknown>>();

/** Imports a TypeScript module of the workspace (path relative to apps/docs/tests). */
export function importSource<T>(relativePath: string): Promise<T> {
  let loaded = cache.get(relativePath);
  if (!loaded) {
    loaded = (async () => {
      const result = await build({
        entryPoints: [join(here, relativePath)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        conditions: ['netintro-source'],
        loader: { '.txt': 'text' },
        write: false,
        logLevel: 'silent',
        banner: {
          js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        },
      });
      const file = join(outDir, `${relativePath.replace(/[^a-z0-9]+/gi, '_')}.mjs`);
      writeFileSync(file, result.outputFiles[0]?.text ?? '');
      return import(pathToFileURL(file).href);
    })();
    cache.set(relativePath, loaded);
  }
  return loaded as Promise<T>;
}

/** Collects console errors and uncaught page errors; call `.check()` at the end. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // A speculative prefetch (Astro's, of a link's page) is dropped when a
    // click navigates away first; that is not a failure of the page.
    const prefetch = request.headers()['sec-purpose']?.includes('prefetch');
    if (!(prefetch && error === 'net::ERR_ABORTED')) {
      errors.push(`requestfailed: ${request.url()} ${error}`);
    }
  });
  return errors;
}

/** Trailing spaces removed from every line, final newline dropped. */
export function trimLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** Reads a golden file from tests/golden (made by the real netstat, see scripts/icebox-goldens.sh). */
export async function golden(name: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(join(here, 'golden', name), 'utf8');
}

/**
 * Picks a playground sample by its button's label and waits until its texts
 * have loaded (each sample is a chunk of its own, fetched on the click).
 */
export async function pickSample(page: Page, label: string): Promise<void> {
  const button = page.getByRole('button', { name: label, exact: true });
  const id = await button.getAttribute('data-sample');
  await button.click();
  await expect(page.locator(`[data-playground][data-sample-loaded="${id}"]`)).toHaveCount(1);
}
