// The root entry must bundle for browsers: no Node built-ins anywhere in it.
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('browser bundle', () => {
  it('bundles with platform browser and imports no Node built-ins', async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, '..', 'src', 'index.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      conditions: ['netintro-source'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(inputs.filter((i) => builtins.has(i) || i.startsWith('node:'))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\brequire\(|from ["']node:|process\.|Buffer\./);
    expect(code).toContain('Internet connections');
  });
});
