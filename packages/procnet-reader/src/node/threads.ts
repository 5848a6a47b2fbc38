/**
 * The one place worker threads are used, and the rule for when.
 *
 * Everything is read with blocking calls on the calling thread, except one
 * case: a big owner scan (one `readlink()` per open fd of every process).
 * There the fd links are shared with one worker thread (scan-worker.ts,
 * built as `dist/scan-worker.js`), which starts while the calling thread
 * reads and parses the socket tables, so the two overlap; then the calling
 * thread takes pids off the same counter until none is left.
 *
 * THE RULE: a worker is used when the processes to scan hold at least
 * {@link SCAN_THREAD_MIN_FDS} open fds (counted by listing their fd
 * directories, which the scan needs anyway), the machine has two or more
 * CPUs, and the worker file exists (the built package; run from the
 * TypeScript sources, everything stays on the calling thread).
 *
 * Why 20 000 (measured on 2 vCPUs, Node 20; README, Performance): a
 * worker costs 20-45 ms and about 12 MB to start, and a `readlink()` with its
 * JavaScript around it about 5-10 µs of CPU, so below a few thousand fds the
 * start-up eats the gain, and up to ~20 000 fds (100-200 ms of scan) the
 * gain stays within the noise of a shared machine; at 120 000 fds (60 000
 * loopback connections) the scan is 1.2 s of CPU and sharing it saves most
 * of the table parse time.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type FdScanResult, listFds, scanFdsOfPid } from './fd-scan.js';
import type { ScanJob, ScanReply } from './scan-worker.js';

export type { FdScanResult } from './fd-scan.js';

/**
 * @internal Open fds from which the owner scan shares its work with a worker.
 * (`NETINTRO_SCAN_THREAD_MIN_FDS` overrides it for the package's own tests.)
 */
export const SCAN_THREAD_MIN_FDS = Number(process.env.NETINTRO_SCAN_THREAD_MIN_FDS ?? 20_000);

/** Longest wait for the worker's reply before the calling thread does its share itself. */
const REPLY_TIMEOUT_MS = 30_000;

let worker: Worker | undefined;

function workerFile(): URL | undefined {
  // Beside the bundle: dist/node.js and dist/node.cjs both find dist/scan-worker.js
  // (an ES module: the package is "type": "module").
  const url = new URL('./scan-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

function getWorker(): Worker | undefined {
  if (worker !== undefined) return worker;
  const file = workerFile();
  if (file === undefined) return undefined;
  const created = new Worker(file, { execArgv: [] });
  // The calling thread waits with Atomics.wait, never on the event loop:
  // the worker never keeps the process alive.
  created.unref();
  created.on('error', () => {
    if (worker === created) worker = undefined;
  });
  created.on('exit', () => {
    if (worker === created) worker = undefined;
  });
  worker = created;
  return created;
}

/** @internal A scan whose fd listing is done, possibly with a worker on its way. */
export interface PlannedScan {
  /** Fills `perPid` (by pid index); returns the worker threads used (0 or 1). */
  finish(perPid: FdScanResult[]): number;
}

/**
 * @internal
 * Lists the fd directories of `pids` and, when {@link SCAN_THREAD_MIN_FDS}
 * says so, starts a worker on the fd links right away.
 */
export function planScan(procRoot: string, pids: readonly number[]): PlannedScan {
  const names = pids.map((pid) => listFds(procRoot, pid));
  let total = 0;
  for (const n of names) if (typeof n !== 'string') total += n.length;
  const thread =
    pids.length > 1 && total >= SCAN_THREAD_MIN_FDS && availableParallelism() > 1
      ? getWorker()
      : undefined;
  if (thread === undefined) {
    return {
      finish(perPid) {
        for (let i = 0; i < pids.length; i++) {
          perPid[i] = scanFdsOfPid(procRoot, pids[i] as number, names[i]);
        }
        return 0;
      },
    };
  }
  const counter = new SharedArrayBuffer(4);
  const done = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const job: ScanJob = { procRoot, pids: Int32Array.from(pids), counter, done, port: port2 };
  thread.postMessage(job, [port2]);
  return {
    finish(perPid) {
      const next = new Int32Array(counter);
      for (;;) {
        const i = Atomics.add(next, 0, 1);
        if (i >= pids.length) break;
        perPid[i] = scanFdsOfPid(procRoot, pids[i] as number, names[i]);
      }
      const flag = new Int32Array(done);
      const waited = Atomics.wait(flag, 0, 0, REPLY_TIMEOUT_MS);
      const reply = receiveMessageOnPort(port1)?.message as ScanReply | undefined;
      port1.close();
      if (waited === 'timed-out' || reply === undefined) {
        // No reply (the worker failed or hangs): scan what it took here.
        if (waited === 'timed-out') void thread.terminate();
        for (let i = 0; i < pids.length; i++) {
          perPid[i] ??= scanFdsOfPid(procRoot, pids[i] as number);
        }
        return 0;
      }
      for (const i of reply.taken) perPid[i] = { fds: [], inodes: [] };
      for (const i of reply.denied) perPid[i] = 'denied';
      for (const i of reply.gone) perPid[i] = 'gone';
      const odd = new Map(reply.odd);
      for (let k = 0; k < reply.index.length; k++) {
        const found = perPid[reply.index[k] as number];
        if (typeof found !== 'object') continue;
        found.fds.push(reply.fd[k] as number);
        found.inodes.push(odd.get(k) ?? (reply.inode[k] as number));
      }
      return 1;
    },
  };
}
