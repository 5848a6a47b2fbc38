// Checks the built package (dist/), as users get it: ESM and CommonJS entries load, every entry
// shares the same classes (an error thrown through ./node is instanceof the root entry's
// ServicesParseError), and the root entry does not pull in the embedded database. Needs
// `pnpm run build` first (turbo runs build before test); skipped without dist/ except on CI.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(new URL('../dist/index.js', import.meta.url));
if (!built && process.env.CI) throw new Error('dist/ is missing: run pnpm run build first');

const script = (kind: 'esm' | 'cjs') => {
  const load =
    kind === 'esm'
      ? `const root = await import('./dist/index.js'); const node = await import('./dist/node.js'); const def = await import('./dist/default-db.js');`
      : `const root = require('./dist/index.cjs'); const node = require('./dist/node.cjs'); const def = require('./dist/default-db.cjs');`;
  return `(async () => { ${load}
    let sameClass = false;
    try { node.readServicesSync('package.json'); } catch (e) { sameClass = e instanceof root.ServicesParseError; }
    const missing = node.loadServicesDbSync({ path: '/nonexistent/services' });
    console.log(JSON.stringify({
      sameClass,
      ssh: root.createServicesDb(root.parseServices('ssh 22/tcp\\n')).byPort(22, 'tcp').name,
      https: def.getDefaultServicesDb().byPort(443, 'tcp').name,
      fallback: missing.source,
      sameDb: missing.db === def.getDefaultServicesDb(),
    }));
  })();`;
};

describe.skipIf(!built)('built package (dist/)', () => {
  it.each(['esm', 'cjs'] as const)('%s entries work together', (kind) => {
    const out = execFileSync(
      'node',
      kind === 'esm' ? ['--input-type=module', '-e', script(kind)] : ['-e', script(kind)],
      { cwd: pkg, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({
      sameClass: true,
      ssh: 'ssh',
      https: 'https',
      fallback: 'embedded',
      sameDb: true,
    });
  });

  it('the root entry does not import the chunk holding the database', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
      const chunks = [...code.matchAll(/['"]\.\/(chunk-[\w-]+\.c?js)['"]/g)].map((m) => m[1]);
      for (const chunk of chunks) {
        const text = readFileSync(new URL(`../dist/${chunk}`, import.meta.url), 'utf8');
        expect(text).not.toContain('Network services, Internet style');
      }
      expect(code).not.toContain('Network services, Internet style');
    }
  });
});
