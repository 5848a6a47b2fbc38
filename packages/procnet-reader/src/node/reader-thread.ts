/**
 * Helper threads that read big files while the main thread parses.
 *
 * A `/proc` seq_file hands out about one page per `read()`, so reading
 * through libuv's thread pool costs a round trip per 4 KiB. Here persistent
 * worker threads fill whole chunks with tight loops of blocking `read()`
 * calls and transfer them (zero copy) to the main thread, up to
 * {@link AHEAD} chunks ahead of the parser: the kernel formats chunk n+1
 * while JavaScript parses chunk n. Files read at the same time (tcp and
 * tcp6) go to different threads (up to two, one per core on a two-core
 * machine), so the kernel formats both tables in parallel instead of in
 * turns. The workers are created on first use, kept for later calls, and
 * never keep the process alive when idle.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Evaluated as a CommonJS script, so it works the same from the ESM and CJS builds
 * (`execArgv: []` keeps a parent's `--input-type=module` from turning it into ESM). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync } = require('node:fs');
const streams = new Map();
function pump(id) {
  const s = streams.get(id);
  if (s === undefined) return;
  while (s.credits > 0) {
    const buffer = new Uint8Array(s.chunkBytes);
    let filled = 0;
    try {
      while (filled < buffer.length) {
        const n = readSync(s.fd, buffer, filled, buffer.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
    } catch (error) {
      streams.delete(id);
      parentPort.postMessage({ id, type: 'error', code: error.code, message: error.message });
      return;
    }
    s.credits--;
    // (Transferring detaches the buffer: compare with chunkBytes, not buffer.length.)
    parentPort.postMessage({ id, type: 'chunk', buffer: buffer.buffer, length: filled }, [buffer.buffer]);
    if (filled < s.chunkBytes) {
      streams.delete(id);
      return;
    }
  }
}
parentPort.on('message', (m) => {
  if (m.type === 'start') {
    streams.set(m.id, { fd: m.fd, chunkBytes: m.chunkBytes, credits: m.ahead });
    pump(m.id);
  } else if (m.type === 'more') {
    const s = streams.get(m.id);
    if (s !== undefined) { s.credits++; pump(m.id); }
  } else if (m.type === 'stop') {
    streams.delete(m.id);
    parentPort.postMessage({ id: m.id, type: 'stopped' });
  }
});
`;

type FromWorker =
  | { id: number; type: 'chunk'; buffer: ArrayBuffer; length: number }
  | { id: number; type: 'error'; code?: string; message: string }
  | { id: number; type: 'stopped' };

interface StreamState {
  queue: FromWorker[];
  wake: (() => void) | undefined;
  thread: ReaderThread;
}

interface ReaderThread {
  worker: Worker;
  /** Streams being read on it now. */
  active: number;
}

/** At most this many reader threads (one per table read at the same time). */
const MAX_THREADS = Math.max(1, Math.min(2, availableParallelism()));

const threads: ReaderThread[] = [];
let nextId = 1;
const streams = new Map<number, StreamState>();

function deliver(message: FromWorker): void {
  const state = streams.get(message.id);
  if (state === undefined) return;
  state.queue.push(message);
  state.wake?.();
}

/**
 * The least busy reader thread, creating one while there are fewer than
 * {@link MAX_THREADS} and all are busy: two tables read at once (tcp and tcp6)
 * then run in parallel instead of taking turns on one thread.
 */
function getThread(): ReaderThread {
  let best: ReaderThread | undefined;
  for (const t of threads) if (best === undefined || t.active < best.active) best = t;
  if (best !== undefined && (best.active === 0 || threads.length >= MAX_THREADS)) return best;
  const created = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  const thread: ReaderThread = { worker: created, active: 0 };
  created.on('message', deliver);
  const fail = (error: Error) => {
    const at = threads.indexOf(thread);
    if (at !== -1) threads.splice(at, 1);
    for (const [id, state] of streams) {
      if (state.thread !== thread) continue;
      state.queue.push({ id, type: 'error', message: `reader thread failed: ${error.message}` });
      state.wake?.();
    }
  };
  created.on('error', fail);
  created.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  created.unref();
  threads.push(thread);
  return thread;
}

/**
 * Chunks a worker may read ahead of the parser (memory: this many chunks per
 * file, 1 MiB at 64 KiB). Deep enough that a busy main thread, slow to
 * answer with `more`, never leaves the reader idle.
 */
const AHEAD = 16;

/**
 * @internal
 * Reads the rest of an open file descriptor in `chunkBytes` chunks on the
 * least busy reader thread. Yields `[bytes, length]`; a chunk shorter than `chunkBytes`
 * is the last. The caller keeps `fd` open until the iteration ends and
 * closes it afterwards. Errors are thrown as `{ code, message }`-carrying Errors.
 */
export async function* readOnThread(
  fd: number,
  chunkBytes: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = getThread();
  const thread = reader.worker;
  const id = nextId++;
  const state: StreamState = { queue: [], wake: undefined, thread: reader };
  streams.set(id, state);
  if (reader.active++ === 0) thread.ref();
  let finished = false;
  try {
    thread.postMessage({ type: 'start', id, fd, chunkBytes, ahead: AHEAD });
    for (;;) {
      while (state.queue.length === 0) {
        await new Promise<void>((resolve) => {
          state.wake = resolve;
        });
        state.wake = undefined;
      }
      const message = state.queue.shift()!;
      if (message.type === 'error') {
        finished = true;
        throw Object.assign(new Error(message.message), { code: message.code });
      }
      if (message.type !== 'chunk') continue;
      const bytes = new Uint8Array(message.buffer, 0, message.length);
      if (message.length < chunkBytes) {
        finished = true;
        yield bytes;
        return;
      }
      thread.postMessage({ type: 'more', id });
      yield bytes;
    }
  } finally {
    if (!finished) {
      // Stopped early: make sure the worker no longer touches fd before the caller closes it.
      thread.postMessage({ type: 'stop', id });
      while (!state.queue.some((m) => m.type === 'stopped' || m.type === 'error')) {
        await new Promise<void>((resolve) => {
          state.wake = resolve;
        });
        state.wake = undefined;
      }
    }
    streams.delete(id);
    if (--reader.active === 0) thread.unref();
  }
}
