/**
 * Socket inode -> holding processes, by one linear scan of `/proc/<pid>/fd`.
 *
 * @module
 */
import { readdirSync } from 'node:fs';
import { decodeBytes } from '../bytes.js';
import { escapeControlCharacters } from '../escape.js';
import type { SocketOwner } from '../types.js';
import { commandFromCmdline } from './command.js';
import { errnoCode } from './errno.js';
import { scanFdsOfPid } from './fd-scan.js';
import { MAX_PID_FILE_BYTES, readBytesSync } from './read.js';
import { type FdScanResult, planScan } from './threads.js';

/**
 * Options of {@link scanSocketOwnersSync}.
 *
 * @example
 * ```ts
 * scanSocketOwnersSync({ procRoot: '/proc', pid: 4242 });
 * ```
 */
export interface ScanOwnersOptions {
  /** Mount point of procfs whose `<pid>/fd` directories are scanned. Default `/proc`. */
  procRoot?: string;
  /** Scan this process only (its sockets, nobody else's). Default: every process. */
  pid?: number;
  /**
   * Only these socket inodes are wanted: processes are still visited in
   * numeric pid order, on the calling thread, and the scan stops once each
   * wanted inode has a holder. `get()` then names the same owner as a full
   * scan (the lowest pid, netstat's), since every lower pid was read;
   * `holders()` and `size` only know the processes read before the stop.
   * Used by `watchSockets` for the new sockets of one poll.
   */
  inodes?: Iterable<string>;
}

/**
 * What one scan of `/proc/<pid>/fd` found: the holders of every socket
 * inode, kept compact (numbers, one small record per process), so a scan of
 * 100k sockets costs a few MB. Owner objects are built when asked for.
 *
 * @example
 * ```ts
 * const owners = scanSocketOwnersSync();
 * owners.get('4242');     // { pid: 812, fd: 3, command: 'sshd', name: 'sshd', cmdline: [...] }
 * owners.holders('4242'); // every holder: a socket shared by a parent and its children
 * if (owners.denied > 0) console.error('(Not all processes could be identified)');
 * ```
 */
export interface SocketOwners {
  /**
   * The first holder of the socket inode (decimal string) in numeric pid
   * order, then fd order: the one netstat shows. A new object on each call;
   * its `cmdline` array is shared by the holders of one process.
   */
  get(inode: string): SocketOwner | undefined;
  /** Every holder of the socket inode, in the same order (empty when none). */
  holders(inode: string): SocketOwner[];
  /** Whether some scanned process holds the socket inode. */
  has(inode: string): boolean;
  /** Distinct socket inodes found. */
  readonly size: number;
  /** Processes whose fd directory was read. */
  readonly scanned: number;
  /**
   * Processes whose fd directory could not be read (EACCES/EPERM: not root,
   * or no ptrace access): their sockets show no owner. netstat prints "(Not
   * all processes could be identified ...)" in this case.
   */
  readonly denied: number;
  /** Their pids, in numeric order. */
  readonly deniedPids: number[];
  /** Processes that exited during the scan (skipped: not an error). */
  readonly vanished: number;
  /**
   * Worker threads that shared the scan (0: it all ran on the calling
   * thread). See the README's Performance section for when one is used.
   */
  readonly threads: number;
}

function isPidName(name: string): boolean {
  const n = name.length;
  if (n === 0 || n > 10) return false;
  for (let i = 0; i < n; i++) {
    const d = name.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/** The process went away (or is going away). */
function isGone(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOENT' || code === 'ESRCH' || code === 'ENOTDIR';
}

/** Pids of `procRoot`, numerically sorted (netstat shows the first holder in this order). */
function listPids(procRoot: string): number[] {
  let names: string[];
  try {
    names = readdirSync(procRoot);
  } catch (error) {
    throw new Error(`cannot list processes in ${procRoot}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const pids: number[] = [];
  for (const name of names) if (isPidName(name)) pids.push(Number(name));
  return pids.sort((a, b) => a - b);
}

interface ProcessInfo {
  command: string;
  name: string;
  cmdline: string[];
}

/** Program name, comm and argv of a process; undefined when it exited. */
function readProcessInfo(procRoot: string, pid: number): ProcessInfo | undefined {
  let raw: Buffer;
  try {
    // Bounded, and never a FIFO or a device (a hostile procRoot): see read.ts.
    raw = readBytesSync(`${procRoot}/${pid}/cmdline`, MAX_PID_FILE_BYTES, true);
  } catch (error) {
    if (isGone(error)) return undefined;
    raw = Buffer.alloc(0);
  }
  let comm = '';
  try {
    comm = decodeBytes(readBytesSync(`${procRoot}/${pid}/comm`, 4096, true));
  } catch {
    // keep '' (a process may hide it; it is only a fallback and the `name`)
  }
  if (comm.endsWith('\n')) comm = comm.slice(0, -1);
  const cmdline: string[] = [];
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf(0, start);
    if (end === -1) end = raw.length;
    cmdline.push(decodeBytes(raw.subarray(start, end)));
    start = end + 1;
  }
  return { command: commandFromCmdline(raw, comm), name: escapeControlCharacters(comm), cmdline };
}

/**
 * @internal
 * A scan in progress: started before the tables are read (the pids are
 * listed and, for a big scan, a worker thread starts on its share), finished
 * after.
 */
export interface OwnerScan {
  finish(): SocketOwners;
}

/** @internal Starts a scan; see {@link OwnerScan}. */
export function startOwnerScan(options: ScanOwnersOptions = {}): OwnerScan {
  const procRoot = options.procRoot ?? '/proc';
  const pids = options.pid === undefined ? listPids(procRoot) : [options.pid];
  if (options.inodes !== undefined) {
    const wanted = new Set(options.inodes);
    return { finish: () => scanUntilFound(procRoot, pids, wanted) };
  }
  const planned = planScan(procRoot, pids);
  return {
    finish() {
      const perPid: FdScanResult[] = new Array(pids.length);
      const threads = planned.finish(perPid);
      return buildOwners(procRoot, pids, perPid, threads);
    },
  };
}

/**
 * The scan for `inodes`: pids in ascending order until every wanted inode
 * has been seen. The first process seen holding an inode is therefore its
 * lowest-pid holder, as in a full scan; stopping after it skips only higher
 * pids, which can never be an inode's first holder.
 */
function scanUntilFound(
  procRoot: string,
  pids: readonly number[],
  wanted: Set<string>,
): SocketOwners {
  const perPid: FdScanResult[] = [];
  for (let p = 0; p < pids.length && wanted.size > 0; p++) {
    const found = scanFdsOfPid(procRoot, pids[p] as number);
    perPid.push(found);
    if (typeof found === 'object') for (const inode of found.inodes) wanted.delete(String(inode));
  }
  return buildOwners(procRoot, pids.slice(0, perPid.length), perPid, 0);
}

/** Holder index in pid order, process details for the pids holding sockets. */
function buildOwners(
  procRoot: string,
  pids: readonly number[],
  perPid: readonly FdScanResult[],
  threads: number,
): SocketOwners {
  // inode -> index of its first holder (numeric inodes; the rare others by text).
  const byNumber = new Map<number, number>();
  const byText = new Map<string, number>();
  // Holder h: process index holders[3h], fd holders[3h+1], next holder of the same inode holders[3h+2] (-1: none).
  let holders = new Int32Array(3 * 1024);
  let count = 0;
  const processes: Array<ProcessInfo & { pid: number }> = [];
  let scanned = 0;
  let vanished = 0;
  const deniedPids: number[] = [];
  for (let p = 0; p < pids.length; p++) {
    const pid = pids[p] as number;
    const found = perPid[p];
    if (found === 'denied') {
      deniedPids.push(pid);
      continue;
    }
    if (found === 'gone' || found === undefined) {
      vanished++;
      continue;
    }
    if (found.fds.length === 0) {
      scanned++;
      continue;
    }
    const info = readProcessInfo(procRoot, pid);
    if (info === undefined) {
      vanished++;
      continue;
    }
    scanned++;
    const processIndex = processes.length;
    processes.push({ pid, ...info });
    const { fds, inodes } = found;
    for (let i = 0; i < fds.length; i++) {
      if (3 * count + 3 > holders.length) {
        const grown = new Int32Array(holders.length * 2);
        grown.set(holders);
        holders = grown;
      }
      const h = count++;
      holders[3 * h] = processIndex;
      holders[3 * h + 1] = fds[i] as number;
      holders[3 * h + 2] = -1;
      const inode = inodes[i] as string | number;
      const key = typeof inode === 'number' ? inode : numericKey(inode);
      const first = Number.isNaN(key) ? byText.get(inode as string) : byNumber.get(key);
      if (first === undefined) {
        if (Number.isNaN(key)) byText.set(inode as string, h);
        else byNumber.set(key, h);
        continue;
      }
      let last = first;
      while ((holders[3 * last + 2] as number) !== -1) last = holders[3 * last + 2] as number;
      holders[3 * last + 2] = h;
    }
  }
  const table = holders;
  const owner = (h: number): SocketOwner => {
    const p = processes[table[3 * h] as number]!;
    return {
      pid: p.pid,
      fd: table[3 * h + 1] as number,
      command: p.command,
      name: p.name,
      cmdline: p.cmdline,
    };
  };
  const firstOf = (inode: string): number | undefined => {
    const key = numericKey(inode);
    return Number.isNaN(key) ? byText.get(inode) : byNumber.get(key);
  };
  return {
    get(inode) {
      const h = firstOf(inode);
      return h === undefined ? undefined : owner(h);
    },
    has(inode) {
      return firstOf(inode) !== undefined;
    },
    holders(inode) {
      const out: SocketOwner[] = [];
      for (let h = firstOf(inode) ?? -1; h !== -1; h = table[3 * h + 2] as number) {
        out.push(owner(h));
      }
      return out;
    },
    size: byNumber.size + byText.size,
    scanned,
    denied: deniedPids.length,
    deniedPids,
    vanished,
    threads,
  };
}

/**
 * Maps socket inodes to the processes holding them, like `netstat -p`,
 * `ss -p` and psutil, with one linear pass over `/proc/<pid>/fd` (every fd
 * link read once) instead of a per-socket lookup. Pids are visited in
 * numeric order, so the first holder of a socket is the one netstat shows.
 * The calling thread blocks until the scan is done; a big scan is shared
 * with a worker thread (see the README's Performance section).
 *
 * The owner's `command` is netstat's program name (argv[0] from
 * `/proc/<pid>/cmdline`, basename when it starts with `/`, `comm` for
 * kernel threads, control characters escaped: {@link commandFromCmdline}),
 * `name` the `comm` text and `cmdline` the whole argument list. Processes
 * that exit during the scan are skipped (`vanished`); processes whose fd
 * directory is not readable are counted (`denied`, `deniedPids`), never
 * thrown.
 *
 * @throws Error naming the directory when `procRoot` itself cannot be listed.
 * @example
 * ```ts
 * import { scanSocketOwnersSync } from '@netintro/procnet-reader/node';
 * const owners = scanSocketOwnersSync();
 * owners.get('4242')?.command; // 'sshd'
 * ```
 */
export function scanSocketOwnersSync(options: ScanOwnersOptions = {}): SocketOwners {
  return startOwnerScan(options).finish();
}

/**
 * The inode as a number when the text is a canonical decimal of at most 15
 * digits (exact as a double, no leading zero); NaN otherwise. No allocation:
 * it runs once per socket on both sides of the map.
 */
export function numericKey(inode: string): number {
  const n = inode.length;
  if (n === 0 || n > 15 || (n > 1 && inode.charCodeAt(0) === 48)) return Number.NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = inode.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}
