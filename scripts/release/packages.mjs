#!/usr/bin/env node
// Helpers for scripts/release.sh, one sub-command per question it asks:
//   public-dirs      print the directory of every public workspace package under packages/
//   pending          print the changeset files that `pnpm version-packages` has not applied yet
//   provenance-ok    exit 1 (with a reason) when a package asks npm for provenance outside
//                    GitHub Actions, where npm cannot sign it and every publish would fail
//   registry-local   exit 1 unless the registry URL given is on loopback
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

function publicPackages() {
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(base, d.name))
    .flatMap((dir) => {
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        return manifest.private ? [] : [{ dir, manifest }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

const [command, arg] = process.argv.slice(2);
switch (command) {
  case 'public-dirs':
    for (const { dir } of publicPackages()) console.log(dir);
    break;
  case 'pending':
    for (const f of readdirSync(join(root, '.changeset')).sort()) {
      if (f.endsWith('.md') && f !== 'README.md') console.log(join('.changeset', f));
    }
    break;
  case 'provenance-ok': {
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by `pnpm release`, not a turbo task
    if (process.env.GITHUB_ACTIONS === 'true') break;
    const asking = publicPackages().filter(({ manifest }) => manifest.publishConfig?.provenance);
    if (asking.length) {
      console.error(
        `release: ${asking.map((p) => p.manifest.name).join(', ')} set publishConfig.provenance, ` +
          'and npm can sign provenance only inside GitHub Actions (id-token: write).\n' +
          'release: publish through .github/workflows/release.yml instead (see CONTRIBUTING.md).',
      );
      process.exit(1);
    }
    break;
  }
  case 'registry-local': {
    let host = '';
    try {
      host = new URL(arg ?? '').hostname;
    } catch {}
    if (!/^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(host)) {
      console.error(`release: registry ${arg ?? '(none)'} is not on loopback`);
      process.exit(1);
    }
    break;
  }
  default:
    console.error(`usage: packages.mjs public-dirs|pending|provenance-ok|registry-local <url>`);
    process.exit(2);
}
