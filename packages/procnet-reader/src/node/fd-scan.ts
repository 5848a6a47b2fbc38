/**
 * Listing one process's socket fds: shared by the calling thread and the
 * scan worker (src/node/scan-worker.ts).
 *
 * @module
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { isDenied } from './errno.js';

/**
 * @internal
 * The socket fds of one process (fd numbers and inodes, in fd order), or
 * why there are none: `'denied'` (EACCES/EPERM) or `'gone'` (exited).
 */
export type FdScanResult = { fds: number[]; inodes: Array<string | number> } | 'denied' | 'gone';

const SOCKET_PREFIX = 'socket:[';

/**
 * `socket:[<inode>]` with a closing bracket and a non-empty inode: a hostile
 * procRoot's `socket:[777` or `socket:[]` is no socket (they were read as
 * inodes "77" and ""). The kernel writes decimal; other text is kept as is.
 */
export function isSocketLink(link: string): boolean {
  return /^socket:\[[^\]\s]+\]$/.test(link);
}

/** @internal Lists `<procRoot>/<pid>/fd`: the names, or why not. */
export function listFds(procRoot: string, pid: number): string[] | 'denied' | 'gone' {
  try {
    return readdirSync(`${procRoot}/${pid}/fd`);
  } catch (error) {
    return isDenied(error) ? 'denied' : 'gone';
  }
}

/** @internal Reads the fd links of one process (`names` from {@link listFds}, or listed here). */
export function scanFdsOfPid(
  procRoot: string,
  pid: number,
  names: string[] | 'denied' | 'gone' = listFds(procRoot, pid),
): FdScanResult {
  if (typeof names === 'string') return names;
  const dir = `${procRoot}/${pid}/fd/`;
  const fds: number[] = [];
  const inodes: string[] = [];
  for (const name of names) {
    let link: string;
    try {
      link = readlinkSync(dir + name);
    } catch {
      continue; // fd closed meanwhile
    }
    if (!isSocketLink(link)) continue;
    fds.push(Number(name));
    inodes.push(link.slice(SOCKET_PREFIX.length, -1));
  }
  return { fds, inodes };
}
