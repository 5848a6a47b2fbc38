/**
 * The worker thread of the owner scan (built by tsup as its own entry,
 * `dist/scan-worker.js`). Takes pids off a counter shared with the calling
 * thread, reads their fd links, and posts what it found on the job's port,
 * as typed arrays (transferred, not copied). See threads.ts.
 *
 * @module
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { scanFdsOfPid } from './fd-scan.js';

/** @internal A job from threads.ts. */
export interface ScanJob {
  procRoot: string;
  pids: Int32Array;
  /** Int32 [next pid index]: shared with the calling thread. */
  counter: SharedArrayBuffer;
  /** Int32 [0 -> 1 when the reply is posted]. */
  done: SharedArrayBuffer;
  port: MessagePort;
}

/** @internal The reply. */
export interface ScanReply {
  /** Pid indices this thread took. */
  taken: Int32Array;
  /** Per socket fd: pid index, fd, inode (NaN: see `odd`). */
  index: Int32Array;
  fd: Int32Array;
  inode: Float64Array;
  /** Inodes that are not plain decimals: [position in the arrays above, text]. */
  odd: Array<[number, string]>;
  /** Pid indices that were denied or had gone. */
  denied: Int32Array;
  gone: Int32Array;
}

function inodeNumber(text: string): number {
  if (text.length === 0 || text.length > 15 || (text.length > 1 && text[0] === '0'))
    return Number.NaN;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(text);
}

function run(job: ScanJob): void {
  const next = new Int32Array(job.counter);
  const taken: number[] = [];
  const index: number[] = [];
  const fd: number[] = [];
  const inode: number[] = [];
  const odd: Array<[number, string]> = [];
  const denied: number[] = [];
  const gone: number[] = [];
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= job.pids.length) break;
    taken.push(i);
    const found = scanFdsOfPid(job.procRoot, job.pids[i] as number);
    if (found === 'denied') denied.push(i);
    else if (found === 'gone') gone.push(i);
    else {
      for (let k = 0; k < found.fds.length; k++) {
        const text = found.inodes[k] as string;
        const n = inodeNumber(text);
        if (Number.isNaN(n)) odd.push([inode.length, text]);
        index.push(i);
        fd.push(found.fds[k] as number);
        inode.push(n);
      }
    }
  }
  const reply: ScanReply = {
    taken: Int32Array.from(taken),
    index: Int32Array.from(index),
    fd: Int32Array.from(fd),
    inode: Float64Array.from(inode),
    odd,
    denied: Int32Array.from(denied),
    gone: Int32Array.from(gone),
  };
  job.port.postMessage(reply, [
    reply.taken.buffer as ArrayBuffer,
    reply.index.buffer as ArrayBuffer,
    reply.fd.buffer as ArrayBuffer,
    reply.inode.buffer as ArrayBuffer,
    reply.denied.buffer as ArrayBuffer,
    reply.gone.buffer as ArrayBuffer,
  ]);
  job.port.close();
  const done = new Int32Array(job.done);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

parentPort?.on('message', (job: ScanJob) => {
  try {
    run(job);
  } catch {
    // The calling thread sees no reply and scans what this thread took itself.
    const done = new Int32Array(job.done);
    Atomics.store(done, 0, 2);
    Atomics.notify(done, 0);
  }
});
