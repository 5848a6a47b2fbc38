/**
 * What one import costs a browser bundle: `decodeAddress` alone, bundled
 * from the built root entry (dist/index.js, as users get it) with esbuild,
 * minified. Every top-level table of the package is marked pure or built
 * lazily, so a bundler drops what is not used; this test fails when one is
 * not. Skipped only when dist/ is missing and CI is not set (turbo builds
 * before it tests).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const built = existsSync(entry);

/** Minified bytes of a bundle that re-exports `names` (or everything, for '*') of the built entry. */
async function minifiedBytes(names: string): Promise<number> {
  const what = names === '*' ? '*' : `{ ${names} }`;
  const result = await build({
    stdin: {
      contents: `export ${what} from ${JSON.stringify(entry)};`,
      loader: 'js',
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    minify: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.contents.length ?? 0;
}

describe.skipIf(!built && !process.env.CI)('bundle size of single imports (dist/index.js)', () => {
  it('decodeAddress alone bundles under 1.5 KB minified', async () => {
    const bytes = await minifiedBytes('decodeAddress');
    console.log(`decodeAddress alone: ${bytes} B minified`);
    expect(bytes).toBeGreaterThan(200); // the function itself is there
    expect(bytes).toBeLessThan(1500);
  });

  it('a parser brings its own tables, not the others', async () => {
    const whole = await minifiedBytes('*');
    const tcp = await minifiedBytes('parseTcp');
    console.log(`parseTcp alone: ${tcp} B minified; the whole root entry: ${whole} B`);
    expect(tcp).toBeLessThan(whole * 0.6);
  });
});
