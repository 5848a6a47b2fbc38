#!/usr/bin/env node
// Packs the package in the current directory exactly as `pnpm publish` would
// (publishConfig applied, workspace:^ rewritten), then checks the tarball:
// publint (strict), attw (every resolution mode, node10 included: subpath
// exports resolve there through typesVersions), and that it ships only dist/,
// schemas/*.json, README.md, LICENSE, CHANGELOG.md and package.json. Exit code 1 on any problem.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cwd = process.cwd();
const name = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).name;
const out = mkdtempSync(join(tmpdir(), 'netintro-pack-'));
const bin = (tool) => resolve(import.meta.dirname, '..', 'node_modules', '.bin', tool);
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
let failed = false;
try {
  run('pnpm', ['pack', '--pack-destination', out]);
  const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`${name}: pnpm pack produced no tarball in ${out}`);
  const file = join(out, tgz);

  const listing = run('tar', ['-tzf', file]).trim().split('\n');
  // schemas/: the published JSON Schema files of socket-formatter's JSON documents.
  const allowed =
    /^package\/(dist\/.+|schemas\/[\w-]+\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
  const extra = listing.filter((f) => !allowed.test(f));
  if (extra.length) {
    failed = true;
    console.error(`${name}: tarball holds files users do not need:\n  ${extra.join('\n  ')}`);
  }
  for (const must of ['package/README.md', 'package/LICENSE', 'package/package.json']) {
    if (!listing.includes(must)) {
      failed = true;
      console.error(`${name}: tarball lacks ${must}`);
    }
  }
  const packed = JSON.parse(run('tar', ['-xzOf', file, 'package/package.json']));
  if (
    JSON.stringify(packed).includes('netintro-source') ||
    JSON.stringify(packed).includes('workspace:')
  ) {
    failed = true;
    console.error(`${name}: packed package.json still has a workspace-only condition or range`);
  }

  // Zero runtime dependencies: only sibling packages (bench-only tools such as
  // systeminformation live in the private bench package, never here).
  const foreign = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
    Object.keys(packed[field] ?? {})
      .filter((dep) => !dep.startsWith('@netintro/'))
      .map((dep) => `${field}.${dep}`),
  );
  if (foreign.length) {
    failed = true;
    console.error(`${name}: packed package.json has runtime dependencies: ${foreign.join(', ')}`);
  }

  if (listing.includes('package/dist/netintro.cjs')) {
    // The CLI bundles procnet-reader, and ships its scan worker beside the
    // bundle: check that -p starts it from the unpacked tarball.
    const unpacked = mkdtempSync(join(tmpdir(), 'netintro-unpacked-'));
    try {
      execFileSync('tar', ['-xzf', file, '-C', unpacked]);
      const root = join(unpacked, 'package');
      const env = { ...process.env, NETINTRO_SCAN_THREAD_MIN_FDS: '0', NODE_DEBUG: 'worker' };
      const r = spawnSync(process.execPath, ['dist/netintro.cjs', '-tlnp'], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
      const worker = `instantiating Worker. url: file://${join(root, 'dist/scan-worker.js')}`;
      if (r.status !== 0 || !r.stderr.includes(worker)) {
        failed = true;
        console.error(`${name}: -p did not start the scan worker from the tarball:\n${r.stderr}`);
      } else {
        console.log(`${name}: scan worker ok from the tarball`);
      }
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  } else if (listing.includes('package/dist/scan-worker.js')) {
    // procnet-reader's owner scan finds its worker file beside the bundle:
    // check it from the unpacked tarball, through both entries, with the
    // worker forced on (the threshold is an environment override for tests).
    const unpacked = mkdtempSync(join(tmpdir(), 'netintro-unpacked-'));
    try {
      execFileSync('tar', ['-xzf', file, '-C', unpacked]);
      const root = join(unpacked, 'package');
      const env = { ...process.env, NETINTRO_SCAN_THREAD_MIN_FDS: '0' };
      const probe = 'const o = m.scanSocketOwnersSync(); console.log(o.threads, o.scanned > 0);';
      const esm = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import('./dist/node.js'); ${probe}`],
        { cwd: root, env, encoding: 'utf8' },
      ).trim();
      const cjs = execFileSync(
        process.execPath,
        ['-e', `const m = require('./dist/node.cjs'); ${probe}`],
        { cwd: root, env, encoding: 'utf8' },
      ).trim();
      if (esm !== '1 true' || cjs !== '1 true') {
        failed = true;
        console.error(
          `${name}: the scan worker did not run from the tarball (esm: ${esm}, cjs: ${cjs})`,
        );
      } else {
        console.log(`${name}: scan worker ok from the tarball (ESM and CJS)`);
      }
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  }

  for (const [tool, args] of [
    ['publint', ['run', file, '--strict']],
    ['attw', [file, '--no-emoji', '--no-color']],
  ]) {
    try {
      const text = run(bin(tool), args);
      console.log(`${name}: ${tool} ok${text.trim() ? `\n${text.trim()}` : ''}`);
    } catch (err) {
      failed = true;
      console.error(`${name}: ${tool} failed\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
