// What one import costs a browser bundle. The package ships one flat module
// (tsup puts every source file into dist/index.js), so the entry is first
// flattened the same way, then a one-line program importing one function is
// bundled and minified: only code the function needs, and top-level tables
// whose construction is marked pure, may survive tree shaking.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'formatter-size-'));
  const flat = await build({
    entryPoints: [join(import.meta.dirname, '..', 'src', 'index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['netintro-source'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'index.js'), flat.outputFiles[0]!.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function minifiedBytes(name: string): Promise<number> {
  const result = await build({
    stdin: { contents: `export { ${name} } from './index.js';`, resolveDir: dir },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents.length;
}

describe('tree shaking', () => {
  it('servicesResolverFromDb alone is under 1 KB minified (no argv parser tables)', async () => {
    const bytes = await minifiedBytes('servicesResolverFromDb');
    expect(bytes).toBeLessThan(1024);
  });

  it('the measure can fail: parseNetstatArgs brings its option tables', async () => {
    expect(await minifiedBytes('parseNetstatArgs')).toBeGreaterThan(3000);
  });
});
