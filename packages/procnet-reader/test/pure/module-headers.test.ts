/**
 * The module header convention: every source module opens with a `/** ... *\/`
 * block that says what it holds, tagged `@module`; the entry points
 * (src/index.ts, src/node.ts) use `@packageDocumentation`, which TypeDoc
 * shows as the package page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const ENTRIES = new Set(['index.ts', 'node.ts']);

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? modules(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

it('every module opens with a header block: @packageDocumentation for entries, @module for the rest', () => {
  const wrong: string[] = [];
  for (const file of modules(src)) {
    const name = relative(src, file);
    const text = readFileSync(file, 'utf8');
    const header = /^\/\*\*\n((?: \*.*\n)+) \*\//.exec(text);
    const tag = ENTRIES.has(name) ? '@packageDocumentation' : '@module';
    const body = header?.[1] ?? '';
    const words = body
      .replace(/@\w+/g, '')
      .replace(/[\s*]+/g, ' ')
      .trim();
    if (!header || !body.includes(` * ${tag}\n`) || words.length < 20) wrong.push(name);
  }
  expect(wrong).toEqual([]);
});
