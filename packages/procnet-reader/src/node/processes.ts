/**
 * Socket inode -> processes, by one linear scan of `/proc/<pid>/fd`.
 *
 * @module
 */
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import { open, readdir, readFile, readlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SocketProcess } from '../types.js';
import { commandFromCmdline } from './command.js';

/**
 * How {@link scanSocketProcesses} talks to the file system:
 * - `'sync'`: blocking calls on the main thread, in slices of
 *   `sliceMs` with a yield to the event loop between slices;
 * - `'threads'`: the fd links are split between the main thread and worker
 *   threads (blocking calls in each), for very many open files;
 * - `'async'`: `fs.promises` with bounded concurrency (measured slowest:
 *   2-5x the wall time of the sync form, because every call crosses the thread pool);
 * - `'auto'` (default): `'threads'` from 20000 open fds on a machine with
 *   more than one CPU, `'sync'` below.
 *
 * @example
 * ```ts
 * await scanSocketProcesses({ mode: 'threads', threads: 3 });
 * ```
 */
export type ScanMode = 'auto' | 'sync' | 'threads' | 'async';

/**
 * Options of {@link scanSocketProcesses} and {@link scanSocketProcessesSync}.
 *
 * @example
 * ```ts
 * await scanSocketProcesses({ procRoot: '/proc', mode: 'sync', inodes: new Set(['41377']) });
 * ```
 */
export interface ScanProcessesOptions {
  /** Mount point of procfs whose `<pid>/fd` directories are scanned. Default `/proc`. */
  procRoot?: string;
  /**
   * Only record these socket inodes (decimal strings); others are ignored.
   * Default: every socket found.
   */
  inodes?: ReadonlySet<string>;
  /** File-system strategy (default `'auto'`), see {@link ScanMode}. */
  mode?: ScanMode;
  /** `'threads'`/`'auto'` modes: worker threads besides the main one. Default: CPUs - 1, at most 3. */
  threads?: number;
  /** `'sync'` mode: longest stretch of blocking work before yielding, in ms. Default 20. */
  sliceMs?: number;
  /** `'async'` mode: processes inspected at the same time. Default 16. */
  concurrency?: number;
}

/**
 * What one scan of `/proc/<pid>/fd` found.
 *
 * @example
 * ```ts
 * const scan: ProcessScan = await scanSocketProcesses();
 * scan.byInode.get('41377'); // [{ pid: 13432, fd: 19, command: 'node' }]
 * scan.denied; // 0 as root
 * ```
 */
export interface ProcessScan {
  /**
   * Socket inode (decimal string) -> every holder, in `/proc` directory order
   * of pids, then fd order. netstat shows the first holder only.
   */
  byInode: Map<string, SocketProcess[]>;
  /** Processes whose fd directory was listed. */
  scanned: number;
  /**
   * Processes whose fd directory could not be read (EACCES/EPERM): their
   * sockets show no owner. netstat prints "(Not all processes could be
   * identified ...)" in this case.
   */
  denied: number;
  /** Pids of the denied processes, in scan order. */
  deniedPids: number[];
  /** Processes that exited during the scan (skipped, not an error). */
  vanished: number;
}

const SOCKET_PREFIX = 'socket:[';
const CMDLINE_BYTES = 4096;

function isPidName(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  for (let i = 1; i < name.length; i++) {
    const d = name.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** The process went away (or is going away): skip it silently. */
function isGone(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ESRCH' || code === 'ENOTDIR';
}

function isDenied(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EACCES' || code === 'EPERM';
}

function socketInode(link: string): string | undefined {
  return link.startsWith(SOCKET_PREFIX) ? link.slice(SOCKET_PREFIX.length, -1) : undefined;
}

function readCommandSync(procRoot: string, pid: string): string | undefined {
  const buffer = Buffer.allocUnsafe(CMDLINE_BYTES);
  let length: number;
  try {
    const fd = openSync(`${procRoot}/${pid}/cmdline`, 'r');
    try {
      length = readSync(fd, buffer, 0, CMDLINE_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (isGone(error)) return undefined;
    length = 0;
  }
  const cmdline = buffer.subarray(0, length);
  if (length > 0 && cmdline[0] !== 0) return commandFromCmdline(cmdline);
  let comm = '';
  try {
    comm = readFileSync(`${procRoot}/${pid}/comm`, 'utf8');
  } catch {
    // keep ''
  }
  return commandFromCmdline(cmdline, comm);
}

async function readCommand(procRoot: string, pid: string): Promise<string | undefined> {
  const buffer = Buffer.allocUnsafe(CMDLINE_BYTES);
  let length: number;
  try {
    const handle = await open(`${procRoot}/${pid}/cmdline`, 'r');
    try {
      length = (await handle.read(buffer, 0, CMDLINE_BYTES, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isGone(error)) return undefined;
    length = 0;
  }
  const cmdline = buffer.subarray(0, length);
  if (length > 0 && cmdline[0] !== 0) return commandFromCmdline(cmdline);
  let comm = '';
  try {
    comm = await readFile(`${procRoot}/${pid}/comm`, 'utf8');
  } catch {
    // keep ''
  }
  return commandFromCmdline(cmdline, comm);
}

interface PidResult {
  pid: number;
  /** [fd, inode] pairs. */
  sockets: Array<[number, string]>;
  command: string;
}

function emptyScan(): ProcessScan {
  return { byInode: new Map(), scanned: 0, denied: 0, deniedPids: [], vanished: 0 };
}

function addResult(scan: ProcessScan, result: PidResult): void {
  for (const [fd, inode] of result.sockets) {
    const holder: SocketProcess = { pid: result.pid, fd, command: result.command };
    const list = scan.byInode.get(inode);
    if (list === undefined) scan.byInode.set(inode, [holder]);
    else list.push(holder);
  }
}

/** Outcome of inspecting one pid; `undefined` result = no sockets of interest. */
type PidOutcome =
  | { kind: 'ok'; result: PidResult | undefined }
  | { kind: 'denied' }
  | { kind: 'gone' };

/** Lists `<procRoot>/<pid>/fd`: the fd names, or why not. */
function listFdsSync(fdDir: string): string[] | 'denied' | 'gone' {
  try {
    return readdirSync(fdDir);
  } catch (error) {
    return isDenied(error) ? 'denied' : 'gone';
  }
}

function readSocketLinksSync(
  fdDir: string,
  names: readonly string[],
  wanted: ReadonlySet<string> | undefined,
): Array<[number, string]> | undefined {
  let sockets: Array<[number, string]> | undefined;
  for (const name of names) {
    let link: string;
    try {
      link = readlinkSync(`${fdDir}/${name}`);
    } catch {
      continue; // fd closed meanwhile
    }
    const inode = socketInode(link);
    if (inode === undefined || (wanted !== undefined && !wanted.has(inode))) continue;
    sockets ??= [];
    sockets.push([Number(name), inode]);
  }
  return sockets;
}

function finishPidSync(
  procRoot: string,
  pid: string,
  sockets: Array<[number, string]> | undefined,
): PidOutcome {
  if (sockets === undefined) return { kind: 'ok', result: undefined };
  const command = readCommandSync(procRoot, pid);
  if (command === undefined) return { kind: 'gone' };
  return { kind: 'ok', result: { pid: Number(pid), sockets, command } };
}

function scanPidSync(
  procRoot: string,
  pid: string,
  wanted: ReadonlySet<string> | undefined,
): PidOutcome {
  const fdDir = `${procRoot}/${pid}/fd`;
  const names = listFdsSync(fdDir);
  if (names === 'denied' || names === 'gone') return { kind: names };
  return finishPidSync(procRoot, pid, readSocketLinksSync(fdDir, names, wanted));
}

/**
 * Source of the worker used by the `'threads'` mode (evaluated as a CommonJS
 * script, so it works the same from the ESM and CJS builds; `execArgv: []` keeps a
 * parent's `--input-type=module` from turning it into ESM). Input: jobs of
 * `[entry, fdDir, names]`; output: a flat array `entry, fd, inode, ...` of
 * the socket links, in input order.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const out = [];
for (const [entry, dir, names] of workerData) {
  for (const name of names) {
    let link;
    try { link = readlinkSync(dir + '/' + name); } catch { continue; }
    if (link.startsWith('socket:[')) out.push(entry, Number(name), link.slice(8, -1));
  }
}
parentPort.postMessage(out);
`;

type Job = [entry: number, fdDir: string, names: string[]];

function runWorker(jobs: Job[]): Promise<Array<number | string>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: jobs });
    worker.once('message', (out: Array<number | string>) => {
      resolve(out);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`process scan worker exited with code ${code}`));
    });
  });
}

/** Longest run of fds handled without a chance to yield. */
const JOB_MAX_FDS = 2048;

/** Fds below which the `'auto'` mode stays on the main thread (thread start-up costs ~20 ms). */
const THREADS_MIN_FDS = 20_000;

async function scanWithThreads(
  procRoot: string,
  wanted: ReadonlySet<string> | undefined,
  threads: number,
  minFds: number,
  sliceMs: number,
): Promise<ProcessScan> {
  const pids = listPidsSync(procRoot);
  const scan = emptyScan();
  const entries: Array<{ pid: string; fdDir: string; names: string[] }> = [];
  let total = 0;
  for (const pid of pids) {
    const fdDir = `${procRoot}/${pid}/fd`;
    const names = listFdsSync(fdDir);
    if (names === 'denied' || names === 'gone') {
      record(scan, pid, { kind: names });
      continue;
    }
    entries.push({ pid, fdDir, names });
    total += names.length;
  }
  const perEntry: Array<Array<[number, string]> | undefined> = new Array(entries.length);
  if (threads < 1 || total < minFds) {
    let sliceStart = performance.now();
    for (let i = 0; i < entries.length; i++) {
      const { fdDir, names } = entries[i]!;
      perEntry[i] = readSocketLinksSync(fdDir, names, wanted);
      if (performance.now() - sliceStart > sliceMs) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
  } else {
    // Cut the fd list into threads + 1 contiguous shares of about equal size;
    // the main thread does the last share while the workers run.
    const shares: Job[][] = [[]];
    const shareSize = Math.ceil(total / (threads + 1));
    let room = shareSize;
    entries.forEach(({ fdDir, names }, entry) => {
      let start = 0;
      while (start < names.length) {
        if (room === 0) {
          shares.push([]);
          room = shareSize;
        }
        const end = Math.min(names.length, start + room, start + JOB_MAX_FDS);
        shares[shares.length - 1]!.push([entry, fdDir, names.slice(start, end)]);
        room -= end - start;
        start = end;
      }
    });
    const mine = shares.pop() ?? [];
    const pending = shares.map(runWorker);
    // The main thread's share runs in slices too, so that a caller's other
    // work (readSockets parsing tables) goes on meanwhile.
    const own: Array<number | string> = [];
    let sliceStart = performance.now();
    for (const [entry, fdDir, names] of mine) {
      const found = readSocketLinksSync(fdDir, names, undefined);
      if (found !== undefined) for (const [fd, inode] of found) own.push(entry, fd, inode);
      if (performance.now() - sliceStart > sliceMs) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    const outputs = [...(await Promise.all(pending)), own];
    for (const out of outputs) {
      for (let k = 0; k < out.length; k += 3) {
        const entry = out[k] as number;
        const inode = out[k + 2] as string;
        if (wanted !== undefined && !wanted.has(inode)) continue;
        perEntry[entry] ??= [];
        perEntry[entry].push([out[k + 1] as number, inode]);
      }
    }
  }
  for (let i = 0; i < entries.length; i++) {
    const pid = entries[i]!.pid;
    record(scan, pid, finishPidSync(procRoot, pid, perEntry[i]));
  }
  return scan;
}

async function scanPid(
  procRoot: string,
  pid: string,
  wanted: ReadonlySet<string> | undefined,
): Promise<PidOutcome> {
  const fdDir = `${procRoot}/${pid}/fd`;
  let names: string[];
  try {
    names = await readdir(fdDir);
  } catch (error) {
    if (isDenied(error)) return { kind: 'denied' };
    return { kind: 'gone' };
  }
  const links = await Promise.all(
    names.map((name) => readlink(`${fdDir}/${name}`).catch(() => undefined)),
  );
  let sockets: Array<[number, string]> | undefined;
  for (let i = 0; i < names.length; i++) {
    const link = links[i];
    if (link === undefined) continue;
    const inode = socketInode(link);
    if (inode === undefined || (wanted !== undefined && !wanted.has(inode))) continue;
    sockets ??= [];
    sockets.push([Number(names[i]), inode]);
  }
  if (sockets === undefined) return { kind: 'ok', result: undefined };
  const command = await readCommand(procRoot, pid);
  if (command === undefined) return { kind: 'gone' };
  return { kind: 'ok', result: { pid: Number(pid), sockets, command } };
}

function record(scan: ProcessScan, pid: string, outcome: PidOutcome): void {
  if (outcome.kind === 'denied') {
    scan.denied++;
    scan.deniedPids.push(Number(pid));
  } else if (outcome.kind === 'gone') {
    scan.vanished++;
  } else {
    scan.scanned++;
    if (outcome.result !== undefined) addResult(scan, outcome.result);
  }
}

function listPidsSync(procRoot: string): string[] {
  try {
    return readdirSync(procRoot).filter(isPidName);
  } catch (error) {
    throw new Error(`cannot list processes in ${procRoot}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Maps socket inodes to the processes holding them, like `netstat -p` and
 * `ss -p`, but with one linear pass over `/proc/<pid>/fd` (every fd read once)
 * instead of a per-socket lookup. Blocks the thread for the whole scan; see
 * {@link scanSocketProcesses} for the form that yields.
 *
 * Processes that exit during the scan are skipped (counted in `vanished`);
 * processes whose fd directory is not readable (not root, or no ptrace
 * access) are counted in `denied`, never thrown.
 *
 * @throws Error naming the directory when `procRoot` itself cannot be listed.
 * @example
 * ```ts
 * import { scanSocketProcessesSync } from '@netintro/procnet-reader/node';
 * const scan = scanSocketProcessesSync();
 * scan.byInode.get('423'); // [{ pid: 1, fd: 7, command: 'process_api' }]
 * if (scan.denied > 0) console.error('(Not all processes could be identified)');
 * ```
 */
export function scanSocketProcessesSync(
  options: Omit<ScanProcessesOptions, 'mode'> = {},
): ProcessScan {
  const procRoot = options.procRoot ?? '/proc';
  const scan = emptyScan();
  for (const pid of listPidsSync(procRoot)) {
    record(scan, pid, scanPidSync(procRoot, pid, options.inodes));
  }
  return scan;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Source of the persistent workers of {@link scanSocketProcessesBeside}: for
 * each request, take the next pid off a shared counter, list its fd
 * directory, read every link, until no pid is left. Reply: a flat array of
 * `index, fd, inode` for socket links and `index, -1, 'denied' | 'gone'`
 * for fd directories that cannot be listed.
 */
const PID_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readdirSync, readlinkSync } = require('node:fs');
parentPort.on('message', ({ id, procRoot, pids, counter }) => {
  const next = new Int32Array(counter);
  const out = [];
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= pids.length) break;
    const dir = procRoot + '/' + pids[i] + '/fd';
    let names;
    try { names = readdirSync(dir); } catch (error) {
      out.push(i, -1, error.code === 'EACCES' || error.code === 'EPERM' ? 'denied' : 'gone');
      continue;
    }
    for (const name of names) {
      let link;
      try { link = readlinkSync(dir + '/' + name); } catch { continue; }
      if (link.startsWith('socket:[')) out.push(i, Number(name), link.slice(8, -1));
    }
  }
  parentPort.postMessage({ id, out });
});
`;

interface PidWorker {
  worker: Worker;
  pending: Map<
    number,
    { resolve: (out: Array<number | string>) => void; reject: (e: Error) => void }
  >;
}

const pidWorkers: PidWorker[] = [];
let nextScanId = 1;

function getPidWorker(index: number): PidWorker {
  const existing = pidWorkers[index];
  if (existing !== undefined) return existing;
  const worker = new Worker(PID_WORKER_SOURCE, { eval: true, execArgv: [] });
  const entry: PidWorker = { worker, pending: new Map() };
  worker.on('message', ({ id, out }: { id: number; out: Array<number | string> }) => {
    const call = entry.pending.get(id);
    if (call === undefined) return;
    entry.pending.delete(id);
    if (entry.pending.size === 0) worker.unref();
    call.resolve(out);
  });
  const fail = (error: Error) => {
    const at = pidWorkers.indexOf(entry);
    if (at !== -1) pidWorkers.splice(at, 1);
    for (const call of entry.pending.values()) call.reject(error);
    entry.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`process scan worker exited with code ${code}`)));
  worker.unref();
  pidWorkers[index] = entry;
  return entry;
}

function scanOnPidWorker(
  index: number,
  procRoot: string,
  pids: string[],
  counter: SharedArrayBuffer,
): Promise<Array<number | string>> {
  const entry = getPidWorker(index);
  const id = nextScanId++;
  return new Promise((resolve, reject) => {
    if (entry.pending.size === 0) entry.worker.ref();
    entry.pending.set(id, { resolve, reject });
    entry.worker.postMessage({ id, procRoot, pids, counter });
  });
}

/**
 * @internal
 * The scan as {@link readSockets} runs it beside its table reads. With mode
 * `'threads'` or `'auto'` the whole scan, fd listing included, runs on
 * persistent worker threads taking pids off a shared counter, so the main
 * thread stays free to parse the tables; it only joins the results, in
 * /proc order. Other modes are {@link scanSocketProcesses}'s.
 */
export async function scanSocketProcessesBeside(
  options: ScanProcessesOptions = {},
): Promise<ProcessScan> {
  const mode = options.mode ?? 'auto';
  if (mode !== 'threads' && mode !== 'auto') return scanSocketProcesses(options);
  const procRoot = options.procRoot ?? '/proc';
  const wanted = options.inodes;
  const threads = options.threads ?? Math.max(1, Math.min(3, availableParallelism()));
  const pids = listPidsSync(procRoot);
  const counter = new SharedArrayBuffer(4);
  const outputs = await Promise.all(
    Array.from({ length: threads }, (_, i) => scanOnPidWorker(i, procRoot, pids, counter)),
  );
  const perPid: Array<Array<[number, string]> | 'denied' | 'gone' | undefined> = new Array(
    pids.length,
  );
  for (const out of outputs) {
    for (let k = 0; k < out.length; k += 3) {
      const index = out[k] as number;
      const fd = out[k + 1] as number;
      const inode = out[k + 2] as string;
      if (fd === -1) {
        perPid[index] = inode as 'denied' | 'gone';
        continue;
      }
      if (wanted !== undefined && !wanted.has(inode)) continue;
      const list = perPid[index];
      if (list === undefined) perPid[index] = [[fd, inode]];
      else if (typeof list !== 'string') list.push([fd, inode]);
    }
  }
  const scan = emptyScan();
  for (let i = 0; i < pids.length; i++) {
    const pid = pids[i]!;
    const found = perPid[i];
    if (found === 'denied' || found === 'gone') record(scan, pid, { kind: found });
    else record(scan, pid, finishPidSync(procRoot, pid, found));
  }
  return scan;
}

/**
 * Maps socket inodes to the processes holding them (pid, fd, command), by
 * one linear scan of `/proc/<pid>/fd`: every fd link is read once, so the
 * cost grows linearly with the number of open files (netstat's and ss's
 * lookups degrade quadratically with many sockets).
 *
 * The command is netstat's: argv[0] from `/proc/<pid>/cmdline`, basename when
 * it starts with `/`, `comm` for kernel threads, control characters escaped
 * (see {@link commandFromCmdline}). Vanished processes are skipped silently;
 * permission-denied ones are counted (`denied`, `deniedPids`), never thrown.
 *
 * @throws Error naming the directory when `procRoot` itself cannot be listed.
 * @example
 * ```ts
 * import { scanSocketProcesses } from '@netintro/procnet-reader/node';
 * const { byInode, denied } = await scanSocketProcesses();
 * for (const [inode, holders] of byInode) {
 *   console.log(inode, holders.map((h) => `${h.pid}/${h.command}`).join(','));
 * }
 * if (denied > 0) console.error(`${denied} processes could not be inspected`);
 * ```
 */
export async function scanSocketProcesses(
  options: ScanProcessesOptions = {},
): Promise<ProcessScan> {
  const procRoot = options.procRoot ?? '/proc';
  const wanted = options.inodes;
  const mode = options.mode ?? 'auto';
  const sliceMs = options.sliceMs ?? 20;
  if (mode === 'sync') return scanWithThreads(procRoot, wanted, 0, 0, sliceMs);
  if (mode === 'threads' || mode === 'auto') {
    const threads = options.threads ?? Math.min(3, availableParallelism() - 1);
    const minFds = mode === 'auto' ? THREADS_MIN_FDS : 0;
    return scanWithThreads(procRoot, wanted, threads, minFds, sliceMs);
  }
  if (mode !== 'async') {
    throw new TypeError(
      `mode must be 'auto', 'sync', 'threads' or 'async', got ${JSON.stringify(mode)}`,
    );
  }
  let pids: string[];
  try {
    pids = (await readdir(procRoot)).filter(isPidName);
  } catch (error) {
    throw new Error(`cannot list processes in ${procRoot}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // Results are kept by position so the holder order is /proc order, as in netstat.
  const outcomes: PidOutcome[] = new Array(pids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pids.length) {
      const index = next++;
      outcomes[index] = await scanPid(procRoot, pids[index]!, wanted);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 16, pids.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const scan = emptyScan();
  for (let i = 0; i < pids.length; i++) record(scan, pids[i]!, outcomes[i]!);
  return scan;
}

/**
 * The first process holding each socket, in a compact form: what
 * {@link scanSocketOwnersSync} returns.
 *
 * @example
 * ```ts
 * const owners = scanSocketOwnersSync();
 * owners.get('4242'); // { pid: 812, fd: 3, command: 'sshd' } or undefined
 * ```
 */
export interface SocketOwners {
  /** The first holder of the socket inode (in `/proc` order, as `byInode.get(inode)?.[0]`). */
  get(inode: string): SocketProcess | undefined;
  /** Distinct socket inodes found. */
  readonly size: number;
  /** Processes whose fd directory was read. */
  readonly scanned: number;
  /** Processes whose fd directory could not be read (not root). */
  readonly denied: number;
  /** Their pids. */
  readonly deniedPids: number[];
  /** Processes that exited during the scan. */
  readonly vanished: number;
}

/**
 * As {@link scanSocketProcessesSync}, for callers that only need the first
 * holder of each socket (netstat's `-p` column): the same scan, one process
 * at a time, kept as numbers (inode to holder index) instead of one array
 * and one object per socket. At 120k sockets that is a few MB instead of
 * tens, and no per-socket garbage.
 *
 * @example
 * ```ts
 * import { scanSocketOwnersSync } from '@netintro/procnet-reader/node';
 * const owners = scanSocketOwnersSync();
 * if (owners.denied > 0) console.error('not every process could be read');
 * owners.get('4242')?.command; // 'sshd'
 * ```
 */
export function scanSocketOwnersSync(options: { procRoot?: string } = {}): SocketOwners {
  const procRoot = options.procRoot ?? '/proc';
  // inode -> index of the holder (numeric inodes; the rare longer ones by text).
  const byNumber = new Map<number, number>();
  const byText = new Map<string, number>();
  const pids: number[] = [];
  const commands: string[] = [];
  let fds = new Int32Array(1024);
  let holders = 0;
  let scanned = 0;
  let denied = 0;
  let vanished = 0;
  const deniedPids: number[] = [];
  const found: number[] = [];
  const foundText: string[] = [];
  for (const pid of listPidsSync(procRoot)) {
    const fdDir = `${procRoot}/${pid}/fd`;
    const names = listFdsSync(fdDir);
    if (names === 'denied') {
      denied++;
      deniedPids.push(Number(pid));
      continue;
    }
    if (names === 'gone') {
      vanished++;
      continue;
    }
    found.length = 0;
    foundText.length = 0;
    for (const name of names) {
      let link: string;
      try {
        link = readlinkSync(`${fdDir}/${name}`);
      } catch {
        continue; // fd closed meanwhile
      }
      if (!link.startsWith(SOCKET_PREFIX)) continue;
      found.push(Number(name));
      foundText.push(link.slice(SOCKET_PREFIX.length, -1));
    }
    if (found.length === 0) {
      scanned++;
      continue;
    }
    const command = readCommandSync(procRoot, pid);
    if (command === undefined) {
      vanished++;
      continue;
    }
    scanned++;
    const pidIndex = pids.length;
    pids.push(Number(pid));
    commands.push(command);
    for (let i = 0; i < found.length; i++) {
      const inode = foundText[i] as string;
      const key = numericKey(inode);
      if (Number.isNaN(key) ? byText.has(inode) : byNumber.has(key)) continue;
      if (holders * 2 + 1 >= fds.length) {
        const grown = new Int32Array(fds.length * 2);
        grown.set(fds);
        fds = grown;
      }
      fds[holders * 2] = pidIndex;
      fds[holders * 2 + 1] = found[i] as number;
      if (Number.isNaN(key)) byText.set(inode, holders);
      else byNumber.set(key, holders);
      holders++;
    }
  }
  const table = fds;
  return {
    get(inode: string): SocketProcess | undefined {
      const key = numericKey(inode);
      const at = Number.isNaN(key) ? byText.get(inode) : byNumber.get(key);
      if (at === undefined) return undefined;
      const pidIndex = table[at * 2] as number;
      return {
        pid: pids[pidIndex] as number,
        fd: table[at * 2 + 1] as number,
        command: commands[pidIndex] as string,
      };
    },
    size: holders,
    scanned,
    denied,
    deniedPids,
    vanished,
  };
}

/**
 * The inode as a number when the text is a canonical decimal of at most 15
 * digits (exact as a double, no leading zero); NaN otherwise. No allocation:
 * it runs once per socket on both sides of the map.
 */
function numericKey(inode: string): number {
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
