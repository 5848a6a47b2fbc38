// Turns the fenced ts/js examples of a README into modules a test can run.
//
// Each block becomes one module: its `import` statements stay at the top
// (package imports point at the workspace sources), the rest runs inside an
// async function that receives the example inputs (fixture texts, see each
// package's test/readme.test.ts), so a block may use top-level await and the
// inputs the README names. Assertions come from comments:
//
//   expr; // => value        the expression equals value (objects: the
//                            listed fields match, as toMatchObject); a
//                            trailing "(...)" is prose
//   expr;                    the same, the result on the next line
//   // => value
//
// Other comments are prose. A block whose info string holds `no-run`
// (```ts no-run) is skipped, for fragments that cannot stand alone.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The runnable blocks of a markdown text: `{ code, line, lang }` for each
 * ```ts / ```js / ```typescript / ```javascript fence, `line` 1-based.
 */
export function extractBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|js|typescript|javascript|tsx|mjs)\b(.*)$/.exec(lines[i]);
    if (!open) continue;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j]);
    if (!open[3].includes('no-run'))
      blocks.push({ code: body.join('\n'), line: i + 1, lang: open[2] });
    i = j;
  }
  return blocks;
}

/** `@netintro/<pkg>[/<sub>]` -> the source entry of that workspace package. */
function sourceOf(packagesDir, specifier) {
  const m = /^@netintro\/([\w-]+)(?:\/([\w-]+))?$/.exec(specifier);
  if (!m) return specifier;
  const pkg = JSON.parse(readFileSync(join(packagesDir, m[1], 'package.json'), 'utf8'));
  const entry = pkg.exports?.[m[2] ? `./${m[2]}` : '.'];
  const source = entry?.['netintro-source'];
  if (typeof source !== 'string') throw new Error(`no source entry for ${specifier}`);
  const path = join(packagesDir, m[1], source);
  if (!existsSync(path)) throw new Error(`${specifier}: ${path} does not exist`);
  return path;
}

/**
 * The module text for one block. `inputs` are the names the block may use
 * without defining them (passed to the default export at run time).
 */
export function compileBlock(code, { packagesDir, inputs = [] }) {
  const lines = code.split('\n');
  const imports = [];
  const body = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^import\s/.test(lines[i])) {
      let statement = lines[i];
      while (!/;\s*$/.test(statement) && i + 1 < lines.length) statement += `\n${lines[++i]}`;
      imports.push(
        statement.replace(
          /from\s+(['"])([^'"]+)\1/,
          (_all, q, spec) => `from ${q}${sourceOf(packagesDir, spec)}${q}`,
        ),
      );
      continue;
    }
    const below = /^\s*\/\/ =>\s*(.+)$/.exec(lines[i]);
    if (below && body.length > 0 && /;\s*$/.test(body[body.length - 1])) {
      // `expr;` on the line above, its result on this one
      const previous = body.pop();
      const [, indent, expression] = /^(\s*)(.+?);\s*$/.exec(previous);
      body.push(
        `${indent}__check(${JSON.stringify(previous.trim())}, (${expression}), (${below[1].replace(/\s+\(.*\)\s*$/, '')}));`,
      );
      continue;
    }
    const assertion = /^(\s*)(.+?);\s*\/\/ =>\s*(.+)$/.exec(lines[i]);
    if (assertion) {
      const [, indent, expression, expected] = assertion;
      body.push(
        `${indent}__check(${JSON.stringify(lines[i].trim())}, (${expression}), (${expected.replace(/\s+\(.*\)\s*$/, '')}));`,
      );
      continue;
    }
    body.push(lines[i]);
  }
  const names = inputs.length > 0 ? `{ ${inputs.join(', ')} }` : '_inputs';
  return `${imports.join('\n')}
export default async function run(${names}, __check) {
{
${body.join('\n')}
}
}
`;
}

/**
 * Registers one test per runnable block of `readme` with the given vitest
 * functions. Each block runs with `inputs` (name -> value) and console
 * output silenced; `// =>` comments are checked with `expect`.
 */
export function defineReadmeTests({ readme, packagesDir, inputs, describe, test, expect, vi }) {
  const markdown = readFileSync(readme, 'utf8');
  const blocks = extractBlocks(markdown);
  const names = Object.keys(inputs);
  describe(`${readme.replace(/^.*\/packages\//, '')} examples`, () => {
    test('there are examples to run', () => {
      expect(blocks.length).toBeGreaterThan(0);
    });
    for (const block of blocks) {
      test(`block at line ${block.line}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'readme-example-'));
        const file = join(dir, `block-${block.line}.ts`);
        writeFileSync(file, compileBlock(block.code, { packagesDir, inputs: names }));
        const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
        const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
        let checks = 0;
        try {
          const module = await import(/* @vite-ignore */ file);
          await module.default(inputs, (label, actual, expected) => {
            checks++;
            const isObject =
              typeof expected === 'object' && expected !== null && !Array.isArray(expected);
            if (isObject) expect(actual, label).toMatchObject(expected);
            else expect(actual, label).toEqual(expected);
          });
        } finally {
          log.mockRestore();
          error.mockRestore();
          write.mockRestore();
          rmSync(dir, { recursive: true, force: true });
        }
        return checks;
        // Live examples scan every process of the machine: slow when it is busy.
      }, 180_000);
    }
  });
}
