/**
 * The GitHub Pages workflow cannot run here: its structure is checked by
 * parsing it (jobs, permissions, the container, the build command, the
 * artifact, pinned actions, concurrency), together with the script it runs.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const WORKFLOW = '.github/workflows/deploy-docs.yml';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  container?: { image?: string; options?: string };
  environment?: { name?: string; url?: string };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

const workflow = parse(read(WORKFLOW)) as Workflow;
const ci = parse(read('.github/workflows/ci.yml')) as Workflow;

test('runs on pushes to main and on releases', () => {
  const on = workflow.on as { push?: { branches?: string[] }; release?: { types?: string[] } };
  expect(on.push?.branches).toEqual(['main']);
  expect(on.release?.types).toContain('published');
  expect(Object.keys(on).sort()).toEqual(['push', 'release', 'workflow_dispatch']);
});

test('least privilege: only the deploy job may write to Pages', () => {
  expect(workflow.permissions).toEqual({ contents: 'read' });
  expect(Object.keys(workflow.jobs).sort()).toEqual(['build', 'deploy']);
  expect(workflow.jobs.build?.permissions).toEqual({ contents: 'read' });
  expect(workflow.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  expect(workflow.jobs.deploy?.needs).toBe('build');
  expect(workflow.jobs.deploy?.environment?.name).toBe('github-pages');
});

test('two deployments never race', () => {
  expect(workflow.concurrency?.group).toBeTruthy();
  expect(workflow.concurrency?.group).not.toContain('github.ref');
  expect(workflow.concurrency?.['cancel-in-progress']).toBe(false);
});

test('builds in the same Debian container as CI, with scripts/build-site.sh, and uploads its output', () => {
  const build = workflow.jobs.build as Job;
  expect(build.container?.image).toBe(ci.jobs.ci?.container?.image);
  expect(build.container?.image).toBe('debian:12');
  const runs = build.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));
  expect(runs).toContain('sh scripts/build-site.sh');
  // The pnpm the repository pins.
  const pnpm = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
  expect(runs.some((r) => r.includes(`npm i -g ${pnpm}`))).toBe(true);
  expect(runs.some((r) => r.includes('pnpm install --frozen-lockfile'))).toBe(true);
  const setupNode = build.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
  expect(setupNode?.with?.['node-version']).toBe(20);
  // Project pages: the base is the repository's name unless configured.
  expect(build.env?.NETINTRO_DOCS_BASE).toContain("format('/{0}/', github.event.repository.name)");
  // The artifact is what the build script builds, after the build.
  const names = build.steps.map((s) => s.uses?.split('@')[0] ?? s.run?.trim());
  const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
  expect(upload?.with?.path).toBe('apps/docs/dist');
  expect(names.indexOf('actions/upload-pages-artifact')).toBeGreaterThan(
    names.indexOf('sh scripts/build-site.sh'),
  );
  const deploy = workflow.jobs.deploy?.steps ?? [];
  expect(deploy.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
});

test('the build script builds the site with turbo and checks it for the build machine addresses', () => {
  const script = read('scripts/build-site.sh')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');
  expect(script).toContain('set -eu');
  // Built and type-checked (the docs build itself does not run `astro check`).
  expect(script).toMatch(/pnpm exec turbo run build typecheck --filter=@netintro\/docs\.\.\./);
  expect(script).toContain('node apps/docs/scripts/check-addresses.mjs apps/docs/dist');
  // turbo passes the base to the docs build (strict env mode drops undeclared variables).
  const turbo = JSON.parse(read('apps/docs/turbo.json')) as {
    tasks: Record<string, { env?: string[] }>;
  };
  expect(turbo.tasks.build?.env).toEqual(
    expect.arrayContaining(['NETINTRO_DOCS_BASE', 'NETINTRO_DOCS_SITE']),
  );
});

test('every action is pinned to a full commit SHA with its version noted', () => {
  const uses = read(WORKFLOW)
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line));
  const parsed = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses));
  expect(uses.length).toBe(parsed.length);
  expect(uses.length).toBeGreaterThanOrEqual(4);
  for (const line of uses) {
    expect(line).toMatch(/uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  }
});
