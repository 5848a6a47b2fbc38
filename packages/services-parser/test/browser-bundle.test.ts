// Bundles the root entry for the browser and fails if anything imports a Node built-in, so
// web pages (the docs site) can use the parser. The default-db entry is checked the same way.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

async function bundle(entry: string) {
  const imported: string[] = [];
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-node-builtins',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (builtins.has(args.path) || args.path.startsWith('node:')) {
              imported.push(`${args.path} (from ${args.importer})`);
              return { path: args.path, external: true };
            }
            return undefined;
          });
        },
      },
    ],
  });
  return { imported, size: result.outputFiles[0]?.contents.length ?? 0 };
}

describe('browser bundles', () => {
  it('the root entry imports no Node built-in and stays small', async () => {
    const { imported, size } = await bundle('../src/index.ts');
    expect(imported).toEqual([]);
    expect(size).toBeGreaterThan(1000);
    expect(size).toBeLessThan(12_000); // no embedded database inside
  });

  it('the default-db entry imports no Node built-in either', async () => {
    const { imported, size } = await bundle('../src/default-db.ts');
    expect(imported).toEqual([]);
    expect(size).toBeGreaterThan(13_000); // it does hold the database
  });

  it('the check works: the ./node entry is caught', async () => {
    const { imported } = await bundle('../src/node.ts');
    expect(imported.some((i) => i.startsWith('node:fs'))).toBe(true);
  });
});
