// Building blocks of the end-to-end release test: child processes with a clean npm
// environment, a throwaway verdaccio on loopback, and a temp copy of the workspace.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

/** The workspace under test: this checkout, or another one named by NETINTRO_E2E_REPO. */
export const workspaceRoot = resolve(
  process.env.NETINTRO_E2E_REPO ?? resolve(import.meta.dirname, '..', '..', '..'),
);
const here = resolve(import.meta.dirname, '..');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion (its process group killed after `timeoutMs`), never via a shell. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((done, fail) => {
    // Its own process group, so a timeout ends everything it started, not just the shell.
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, opts.timeoutMs ?? 180_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Shows a failed command's output in the assertion message. */
export function describeRun(what: string, r: RunResult): string {
  return `${what}: exit ${r.code ?? r.signal} after ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/**
 * The environment every child gets: the caller's, minus every npm/pnpm setting inherited
 * from `pnpm test` (so nothing points at the user's registry or ~/.npmrc), minus the
 * workspace's node_modules/.bin directories on PATH (so `npx` can only find what the
 * temp project installed), plus the settings given.
 */
export function cleanEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(key) || /^(NODE_OPTIONS|GITHUB_ACTIONS)$/.test(key)) continue;
    if (key.startsWith('VITEST')) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes('/node_modules'))
    .join(delimiter);
  return {
    ...env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    ...settings,
  };
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Registry {
  url: string;
  pid: number;
  token: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts verdaccio (the workspace's pinned 6.8.0) on 127.0.0.1 with its own config and
 * storage under `dir`: no uplinks, so it can serve only what the test publishes.
 */
export async function startRegistry(dir: string): Promise<Registry> {
  const bin = join(here, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  mkdirSync(dir, { recursive: true });
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const config = join(dir, `verdaccio-${attempt}.yaml`);
    writeFileSync(
      config,
      [
        `storage: ${JSON.stringify(join(dir, 'storage'))}`,
        'auth:',
        '  htpasswd:',
        `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
        '    max_users: 10',
        'uplinks: {}',
        'packages:',
        "  '@netintro/*':",
        '    access: $all',
        '    publish: $authenticated',
        '    unpublish: $authenticated',
        "  '**':",
        '    access: $all',
        '    publish: $authenticated',
        'web:',
        '  enable: false',
        'log: { type: stdout, format: json, level: warn }',
        '',
      ].join('\n'),
    );
    const logFile = join(dir, `verdaccio-${attempt}.log`);
    const log = openSync(logFile, 'a');
    const child: ChildProcess = spawn(
      process.execPath,
      [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
      { cwd: dir, env: cleanEnv({}), stdio: ['ignore', log, log] },
    );
    closeSync(log);
    const pid = child.pid;
    if (pid === undefined) throw new Error('verdaccio did not start');
    let exited = false;
    const exit = new Promise<void>((done) =>
      child.on('exit', () => {
        exited = true;
        done();
      }),
    );
    const stop = async () => {
      if (exited) return;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        return; // already gone
      }
      const killed = await Promise.race([
        exit.then(() => true),
        new Promise<boolean>((done) => setTimeout(() => done(false), 5_000)),
      ]);
      if (!killed && !exited) {
        process.kill(pid, 'SIGKILL');
        await exit;
      }
    };
    // Up to ~30 s for it to answer its ping.
    let ready = false;
    for (let i = 0; i < 150 && !exited && !ready; i++) {
      try {
        ready = (await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2_000) })).ok;
      } catch {}
      if (!ready) await new Promise((done) => setTimeout(done, 200));
    }
    if (ready) {
      try {
        return { url, pid, token: await createUser(url), logFile, stop };
      } catch (err) {
        await stop();
        throw err;
      }
    }
    await stop();
    lastError = `verdaccio on port ${port} did not answer:\n${readFileSync(logFile, 'utf8')}`;
  }
  throw new Error(lastError);
}

/** Creates the publishing user through verdaccio's npm login API and returns its token. */
async function createUser(url: string): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:netintro-e2e`, {
    signal: AbortSignal.timeout(10_000),
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'netintro-e2e', password: 'release-e2e-only', type: 'user' }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token)
    throw new Error(`verdaccio refused the user: ${JSON.stringify(body)}`);
  return body.token;
}

/** npm's packument for a package, or undefined when the registry does not have it. */
export async function packument(
  registryUrl: string,
  name: string,
): Promise<
  | {
      'dist-tags': Record<string, string>;
      versions: Record<string, { dependencies?: Record<string, string> } & Record<string, unknown>>;
    }
  | undefined
> {
  const res = await fetch(`${registryUrl}${name.replace('/', '%2f')}`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${name}: HTTP ${res.status}`);
  return (await res.json()) as never;
}

/** What a package contributes to the copy: what a tarball may hold, and pnpm's sibling links. */
const PACKAGE_ENTRIES = [
  'package.json',
  'dist',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'node_modules',
];

/**
 * Copies what a release needs from the workspace into `dest`: the root manifest, the
 * changesets, the scripts, and from every package under packages/ its manifest, built
 * dist/, docs and pnpm's links (not sources or test scratch files, which other turbo tasks
 * may be writing meanwhile), with the workspace's root node_modules linked in for the
 * tools. The copy is what the test versions and publishes: the checkout is never modified.
 */
export function copyWorkspace(dest: string): void {
  mkdirSync(dest, { recursive: true });
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'LICENSE', 'biome.json']) {
    cpSync(join(workspaceRoot, file), join(dest, file));
  }
  for (const dir of ['.changeset', 'scripts']) {
    cpSync(join(workspaceRoot, dir), join(dest, dir), { recursive: true });
  }
  for (const entry of readdirSync(join(workspaceRoot, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const from = join(workspaceRoot, 'packages', entry.name);
    const to = join(dest, 'packages', entry.name);
    mkdirSync(to, { recursive: true });
    // What the manifest's `files` publishes (dist/, schemas/, ...) besides the fixed entries.
    const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as {
      files?: string[];
    };
    const entries = new Set([...PACKAGE_ENTRIES, ...(manifest.files ?? [])]);
    for (const name of entries) {
      if (!existsSync(join(from, name))) continue;
      // pnpm links siblings with relative symlinks (node_modules/@netintro/x -> ../../../x);
      // kept verbatim they point into the copy, whose versions `pnpm pack` then writes.
      // (Only those: vitest keeps its cache under node_modules/.vite while tests run.)
      cpSync(join(from, name), join(to, name), { recursive: true, verbatimSymlinks: true });
    }
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(dest, 'node_modules'), 'dir');
}
