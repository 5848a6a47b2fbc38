// Runs the real `getent services` (glibc) for the differential tests. Custom services text is
// shown to getent in a private mount namespace (unshare -m): a bind mount over /etc/services,
// or, on a machine without that file, a read-only overlay of /etc. Nothing outside the
// namespace changes, and the namespace ends with the child process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOOP = `while IFS= read -r k; do getent services "$k"; echo '--end--'; done`;

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export const getentAvailable = has('getent');

/** True when this process may create mount namespaces (root, unshare present). */
export const namespacesAvailable =
  getentAvailable &&
  has('unshare') &&
  spawnSync('unshare', ['-m', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0;

/** Tools missing: fail under CI (the CI machine must have them), skip elsewhere. */
export function skipUnlessCi(available: boolean, what: string): boolean {
  if (available) return false;
  if (process.env.CI) throw new Error(`${what} is required on CI but not available`);
  return true;
}

function splitResults(stdout: string, count: number): (string | null)[] {
  const blocks = stdout.split('--end--\n');
  const out: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const line = (blocks[i] ?? '').trim();
    out.push(line === '' ? null : line.split(/\s+/).join(' '));
  }
  return out;
}

/** `getent services KEY` for each key against the live /etc/services, normalised to single spaces. */
export function getentLive(keys: string[]): (string | null)[] {
  const stdout = execFileSync('sh', ['-c', LOOP], {
    input: keys.map((k) => `${k}\n`).join(''),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 << 20,
  });
  return splitResults(stdout, keys.length);
}

/** `getent services` (every entry) against the live /etc/services. */
export function getentLiveAll(): string[] {
  const result = spawnSync('getent', ['services'], { encoding: 'utf8', timeout: 30_000 });
  return result.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/).join(' '));
}

/**
 * Runs getent with `text` as /etc/services: every entry (key `''` = enumerate) or each key.
 */
export function getentWithServices(text: string, keys: string[]): (string | null)[] | string[] {
  const dir = mkdtempSync(join(tmpdir(), 'services-parser-getent-'));
  try {
    const file = join(dir, 'services');
    writeFileSync(file, text);
    const mount = existsSync('/etc/services')
      ? `mount --bind "${file}" /etc/services`
      : `mount -t overlay overlay -o "lowerdir=${dir}:/etc" /etc`;
    const body = keys.length === 0 ? 'getent services; true' : LOOP;
    const stdout = execFileSync('unshare', ['-m', 'sh', '-c', `${mount} && { ${body}; }`], {
      input: keys.map((k) => `${k}\n`).join(''),
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (keys.length === 0) {
      return stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => l.trim().split(/\s+/).join(' '));
    }
    return splitResults(stdout, keys.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An entry as `getent services` prints it, with single spaces. */
export function asGetent(e: {
  name: string;
  port: number;
  protocol: string;
  aliases: readonly string[];
}): string {
  return [e.name, `${e.port}/${e.protocol}`, ...e.aliases].join(' ');
}

/** Answers a `getent services KEY` query from a ServicesDb, parsing KEY as getent does. */
export function lookupLikeGetent(
  db: {
    byPort(port: number, protocol?: string): Parameters<typeof asGetent>[0] | undefined;
    byName(name: string, protocol?: string): Parameters<typeof asGetent>[0] | undefined;
  },
  key: string,
): string | null {
  const slash = key.indexOf('/');
  const k = slash < 0 ? key : key.slice(0, slash);
  const protocol = slash < 0 ? undefined : key.slice(slash + 1);
  const found =
    /^[0-9]+$/.test(k) && Number(k) < 65536
      ? db.byPort(Number(k), protocol)
      : db.byName(k, protocol);
  return found === undefined ? null : asGetent(found);
}
