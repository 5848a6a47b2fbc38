// End-to-end release test. Starts a throwaway verdaccio on 127.0.0.1, publishes every public
// package to it through scripts/release.sh (the `pnpm release` path) from a temp copy of the
// workspace, then installs the packages from that registry into a fresh project outside the
// workspace and uses them from ESM, CommonJS and TypeScript, and runs `npx @netintro/cli -at`.
//
// What it does NOT redo: the build, type-check and package tests inside release.sh
// (NETINTRO_RELEASE_SKIP_BUILD_TEST=1): turbo builds the packages before this task
// (tests/release-e2e/turbo.json) and the same `pnpm test` type-checks and tests them. The
// tarball checks (publint, attw, contents) and the publish itself run for real.
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  cleanEnv,
  copyWorkspace,
  describeRun,
  packument,
  type Registry,
  type RunResult,
  run,
  startRegistry,
  workspaceRoot,
} from './harness.js';

const consumerSources = join(import.meta.dirname, '..', 'consumer');
const tsc = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');

let temp = '';
let registry: Registry | undefined;
let repo = '';
let consumer = '';
let releaseEnv: NodeJS.ProcessEnv = {};
let consumerEnv: NodeJS.ProcessEnv = {};
/** name -> { dir in the copy, snapshot version published } */
const published = new Map<string, { dir: string; version: string }>();
const timings: Record<string, number> = {};

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const releaseSh = (args: string[], env = releaseEnv) =>
  run('sh', [join(repo, 'scripts', 'release.sh'), ...args], { cwd: repo, env, timeoutMs: 240_000 });
const publicPackageDirs = () =>
  readdirSync(join(repo, 'packages'))
    .map((d) => join(repo, 'packages', d))
    .filter((d) => !readJson(join(d, 'package.json')).private);

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'netintro-release-e2e-'));
  const t0 = Date.now();
  registry = await startRegistry(join(temp, 'registry'));
  timings.registryStart = Date.now() - t0;

  // npm and pnpm read only these files: never ~/.npmrc, never the public registry.
  const npmrc = join(temp, 'publisher.npmrc');
  const host = registry.url.replace(/^http:/, '');
  writeFileSync(npmrc, `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`);
  const common = {
    npm_config_registry: registry.url,
    npm_config_cache: join(temp, 'npm-cache'),
    npm_config_globalconfig: join(temp, 'global.npmrc'),
    // Keep every npm debug log: the last test reads them for any request that left the machine.
    npm_config_logs_max: '10000',
  };
  writeFileSync(common.npm_config_globalconfig, '');
  releaseEnv = cleanEnv({ ...common, npm_config_userconfig: npmrc });

  repo = join(temp, 'repo');
  copyWorkspace(repo);
  consumer = join(temp, 'consumer');
  const consumerNpmrc = join(temp, 'consumer.npmrc');
  writeFileSync(consumerNpmrc, `registry=${registry.url}\n`);
  consumerEnv = cleanEnv({ ...common, npm_config_userconfig: consumerNpmrc });
});

afterAll(async () => {
  try {
    await registry?.stop();
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
    console.log(`release-e2e timings (ms): ${JSON.stringify(timings)}`);
  }
});

describe('pnpm release against a local registry', () => {
  test('refuses while changesets are pending', async () => {
    // A changeset bumping every public package, so the test never depends on whether the
    // repository's own changesets have been applied yet.
    const names = publicPackageDirs().map((d) => readJson(join(d, 'package.json')).name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    writeFileSync(
      join(repo, '.changeset', 'release-e2e-snapshot.md'),
      `---\n${names.map((n) => `'${n}': patch`).join('\n')}\n---\n\nEnd-to-end release test.\n`,
    );
    const r = await releaseSh([]);
    expect(r.code, describeRun('release.sh', r)).not.toBe(0);
    expect(r.stderr).toContain('changesets not yet applied');
  });

  test('`changeset version --snapshot` versions every public package in the copy', async () => {
    const r = await run(
      process.execPath,
      [join(repo, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version', '--snapshot', 'e2e'],
      { cwd: repo, env: releaseEnv },
    );
    expect(r.code, describeRun('changeset version', r)).toBe(0);
    for (const dir of publicPackageDirs()) {
      const { name, version } = readJson(join(dir, 'package.json'));
      expect(version, name).toMatch(/-e2e-/);
      expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8'), name).toContain(version);
      published.set(name, { dir, version });
    }
  });

  test('refuses outside GitHub Actions while packages ask for provenance', async () => {
    const asking = [...published.values()].filter(
      ({ dir }) => readJson(join(dir, 'package.json')).publishConfig?.provenance,
    );
    if (asking.length > 0) {
      const r = await releaseSh([]);
      expect(r.code, describeRun('release.sh', r)).not.toBe(0);
      expect(r.stderr).toContain('provenance');
    }
    // npm can sign provenance only in GitHub Actions: the copy publishes without it.
    for (const { dir } of published.values()) {
      const manifest = readJson(join(dir, 'package.json'));
      if (manifest.publishConfig) delete manifest.publishConfig.provenance;
      writeJson(join(dir, 'package.json'), manifest);
    }
  });

  test('will not skip the build and tests for a registry that is not local', async () => {
    const env = {
      ...releaseEnv,
      NETINTRO_RELEASE_SKIP_BUILD_TEST: '1',
      npm_config_registry: 'http://registry.invalid/',
    };
    const r = await releaseSh([], env);
    expect(r.code, describeRun('release.sh', r)).not.toBe(0);
    expect(r.stderr).toContain('only for a local test registry');
  });

  test('publishes nothing when one tarball fails its checks', async () => {
    // Ship a file users do not need: the contents check must stop the whole release.
    const [victim] = [...published.entries()].sort(([a], [b]) => a.localeCompare(b));
    expect(victim).toBeDefined();
    const [name, { dir }] = victim!;
    const file = join(dir, 'package.json');
    const original = readFileSync(file, 'utf8');
    const manifest = JSON.parse(original);
    writeFileSync(join(dir, 'NOTES.txt'), 'not for users\n');
    manifest.files = [...manifest.files, 'NOTES.txt'];
    writeJson(file, manifest);
    try {
      const r = await releaseSh(['--tag', 'e2e', '--no-git-tag'], {
        ...releaseEnv,
        NETINTRO_RELEASE_SKIP_BUILD_TEST: '1',
      });
      expect(r.code, describeRun('release.sh', r)).not.toBe(0);
      expect(r.stderr).toContain(`${name}: tarball holds files users do not need`);
    } finally {
      writeFileSync(file, original);
      rmSync(join(dir, 'NOTES.txt'));
    }
    for (const other of published.keys()) {
      expect(await packument(registry!.url, other), other).toBeUndefined();
    }
  });

  test('publishes every public package through scripts/release.sh', async () => {
    const r = await releaseSh(['--tag', 'e2e', '--no-git-tag'], {
      ...releaseEnv,
      NETINTRO_RELEASE_SKIP_BUILD_TEST: '1',
    });
    timings.release = r.ms;
    expect(r.code, describeRun('release.sh', r)).toBe(0);
    expect(r.stdout + r.stderr).toContain('build, typecheck and tests skipped');
    for (const [name, { version }] of published) {
      const doc = await packument(registry!.url, name);
      expect(doc, `${name} on the registry`).toBeDefined();
      expect(Object.keys(doc!.versions), name).toContain(version);
      expect(doc!['dist-tags'].e2e, name).toBe(version);
    }
  });

  test('internal dependencies are published as caret ranges', async () => {
    for (const [name, { version }] of published) {
      const manifest = (await packument(registry!.url, name))!.versions[version]!;
      expect(JSON.stringify(manifest), name).not.toContain('workspace:');
      expect(JSON.stringify(manifest), name).not.toContain('netintro-source');
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        const sibling = published.get(dep);
        if (sibling) expect(range, `${name} -> ${dep}`).toBe(`^${sibling.version}`);
      }
    }
    const formatter = (await packument(registry!.url, '@netintro/socket-formatter'))!;
    const deps =
      formatter.versions[published.get('@netintro/socket-formatter')!.version]!.dependencies;
    // services-parser is only a devDependency of the formatter (its tests and README example).
    expect(Object.keys(deps ?? {}).sort()).toEqual(['@netintro/procnet-reader']);
  });
});

describe('a fresh project outside the workspace, installing from the registry', () => {
  let installed: RunResult | undefined;

  beforeAll(async () => {
    cpSync(consumerSources, consumer, { recursive: true });
    writeJson(join(consumer, 'package.json'), {
      name: 'netintro-release-e2e-consumer',
      version: '1.0.0',
      private: true,
    });
    const specs = [...published].map(([name, { version }]) => `${name}@${version}`);
    installed = await run('npm', ['install', '--no-audit', '--no-fund', ...specs], {
      cwd: consumer,
      env: consumerEnv,
    });
    timings.install = installed.ms;
  });

  test('npm installs every package, and each holds only what users need', () => {
    expect(installed?.code, describeRun('npm install', installed!)).toBe(0);
    expect(relative(workspaceRoot, consumer).startsWith('..')).toBe(true);
    // socket-formatter also publishes its JSON Schema files.
    const allowed =
      /^(dist\/.+|schemas\/[a-z-]+-v\d+\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    for (const [name, { version }] of published) {
      const dir = join(consumer, 'node_modules', name);
      expect(readJson(join(dir, 'package.json')).version, name).toBe(version);
      const files: string[] = [];
      const walk = (d: string) => {
        for (const f of readdirSync(d)) {
          const p = join(d, f);
          if (statSync(p).isDirectory()) walk(p);
          else files.push(relative(dir, p));
        }
      };
      walk(dir);
      expect(
        files.filter((f) => !allowed.test(f)),
        name,
      ).toEqual([]);
      expect(files, name).toContain('README.md');
      expect(files, name).toContain('CHANGELOG.md');
    }
  });

  test('works from ESM (import)', async () => {
    const r = await run(process.execPath, ['esm.mjs'], { cwd: consumer, env: consumerEnv });
    expect(r.code, describeRun('node esm.mjs', r)).toBe(0);
    expect(r.stdout).toContain('esm ok');
  });

  test('works from CommonJS (require)', async () => {
    const r = await run(process.execPath, ['cjs.cjs'], { cwd: consumer, env: consumerEnv });
    expect(r.code, describeRun('node cjs.cjs', r)).toBe(0);
    expect(r.stdout).toContain('cjs ok');
  });

  test('type-checks from TypeScript (node16 resolution, .mts and .cts)', async () => {
    const tsconfig = readJson(join(consumer, 'tsconfig.json'));
    tsconfig.compilerOptions.typeRoots = [join(workspaceRoot, 'node_modules', '@types')];
    writeJson(join(consumer, 'tsconfig.json'), tsconfig);
    const r = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: consumer,
      env: consumerEnv,
    });
    timings.tsc = r.ms;
    expect(r.code, describeRun('tsc', r)).toBe(0);
  });

  test('`npx @netintro/cli -at` prints the netstat table', async () => {
    const r = await run('npx', ['@netintro/cli', '-at'], { cwd: consumer, env: consumerEnv });
    timings.npx = r.ms;
    expect(r.code, describeRun('npx @netintro/cli -at', r)).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Active Internet connections/);
    expect(r.stdout).toMatch(/^Proto Recv-Q Send-Q Local Address +Foreign Address +State/m);
  });

  test('every npm request went to the local registry', () => {
    const logs = join(temp, 'npm-cache', '_logs');
    const fetches = readdirSync(logs).flatMap((f) =>
      readFileSync(join(logs, f), 'utf8')
        .split('\n')
        .filter((line) => / http fetch /.test(line)),
    );
    expect(fetches.length).toBeGreaterThan(0);
    const local = registry!.url.replace(/\/$/, '');
    expect(fetches.filter((line) => !line.includes(` ${local}/`))).toEqual([]);
  });
});
