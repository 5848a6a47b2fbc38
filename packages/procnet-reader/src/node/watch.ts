/**
 * Watching the socket tables: poll, diff against the previous poll, yield
 * what opened, closed or changed.
 *
 * Cost model: each table is read into a reused buffer. A table whose bytes
 * equal the previous poll's costs that read and one comparison. Otherwise
 * each line is tokenised in place and looked up by a numeric hash of its
 * key (both endpoints and the inode, or inode and path for UNIX sockets);
 * only new or changed lines become strings and records.
 *
 * @module
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { parseInetLine } from '../inet/parse.js';
import type {
  Endianness,
  InetSocket,
  InetTableName,
  OnInvalidLine,
  ParseOptions,
  SocketOwner,
  UnixSocket,
} from '../types.js';
import { parseUnixLine } from '../unix.js';
import { isMissing } from './errno.js';
import { scanSocketOwnersSync } from './owners.js';
import { ProcNetReadError } from './read.js';
import { hostByteOrder, type SocketKind, type SocketTableName, tablesForKinds } from './sockets.js';

/** A socket row as the watcher reports it. */
export type WatchedSocket = InetSocket | UnixSocket;

/**
 * A socket whose state or queues moved between two polls.
 *
 * @example
 * ```ts
 * const c: SocketChange = { before, after }; // before.state 'SYN_SENT', after.state 'ESTABLISHED'
 * ```
 */
export interface SocketChange {
  before: WatchedSocket;
  after: WatchedSocket;
}

/**
 * What one poll found. Only polls that found something are yielded, unless `emitEmpty`.
 *
 * @example
 * ```ts
 * for await (const { opened, closed, changed } of watchSockets()) console.log(opened.length, closed.length, changed.length);
 * ```
 */
export interface SocketWatchEvent {
  /** Rows whose key (protocol, both endpoints, inode) was not there before. */
  opened: WatchedSocket[];
  /** Rows that are gone, as last seen. */
  closed: WatchedSocket[];
  /** Rows whose state or send/receive queue changed (UNIX: state). */
  changed: SocketChange[];
  /** `Date.now()` when the poll ended. */
  time: number;
}

/**
 * Options of {@link watchSockets}.
 *
 * @example
 * ```ts
 * const options: WatchSocketsOptions = { kinds: 'tcp', interval: 500, processes: true, signal: AbortSignal.timeout(60_000) };
 * ```
 */
export interface WatchSocketsOptions {
  /** Which tables (default `'inet'`: tcp, udp, udplite, raw, both families). */
  kinds?: SocketKind | readonly SocketKind[];
  /** Milliseconds between polls (default 1000). */
  interval?: number;
  /** procfs root whose `net/` is read (default `/proc`; `/proc/<pid>` for that process's namespace). */
  root?: string;
  /** procfs scanned for owners (default `/proc`). */
  procRoot?: string;
  /**
   * Attach `owner` to sockets: a scan of `/proc/<pid>/fd` at start and on
   * each poll that sees new sockets, in numeric pid order (the owner of a
   * shared socket is the lowest pid, as in netstat), stopping when every new
   * socket has its holder.
   */
  processes?: boolean;
  /** Report the sockets present at the first poll as `opened` (default false: they are the baseline). */
  initial?: boolean;
  /** Yield every poll, also those that found nothing (a heartbeat; default false). */
  emitEmpty?: boolean;
  /** Ends the iteration (cleanly, no error) when aborted. */
  signal?: AbortSignal;
  endianness?: Endianness;
  /** Bad-line policy (default `'skip'`: a watcher should outlive one odd line). */
  onInvalidLine?: OnInvalidLine;
}

interface Entry {
  /** The key bytes (latin1), to tell hash collisions apart. */
  key: string;
  state: number;
  tx: number;
  rx: number;
  gen: number;
  record: WatchedSocket;
  /** Next entry with the same hash. */
  next: Entry | undefined;
}

interface TableState {
  table: SocketTableName;
  path: string;
  buffers: [Buffer, Buffer];
  current: 0 | 1;
  length: number;
  entries: Map<number, Entry>;
  gen: number;
}

const SPACE = 0x20;
const NL = 0x0a;
const TAB = 0x09;

/** Reads the whole file into `state`'s spare buffer; returns false if it is missing. */
function readInto(state: TableState, optional: boolean): number {
  let fd: number;
  try {
    fd = openSync(state.path, 'r');
  } catch (error) {
    if (optional && isMissing(error)) return -1;
    throw new ProcNetReadError(state.path, error);
  }
  const spare = state.current === 0 ? 1 : 0;
  let buffer = state.buffers[spare];
  let end = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, end, buffer.length - end, null);
      } catch (error) {
        throw new ProcNetReadError(state.path, error);
      }
      if (n === 0) break;
      end += n;
      if (end === buffer.length) {
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, end);
        buffer = grown;
        state.buffers[spare] = grown;
      }
    }
  } finally {
    closeSync(fd);
  }
  return end;
}

/** FNV-1a over a byte range, continuing from `h`. */
function fnv(buf: Buffer, start: number, end: number, h: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 16777619);
  return h;
}

function hexValue(buf: Buffer, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    const d = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
    v = v * 16 + d;
  }
  return v;
}

function sameKey(key: string, buf: Buffer, ranges: Int32Array, parts: number): boolean {
  let k = 0;
  for (let p = 0; p < parts; p++) {
    if (p > 0) {
      if (key.charCodeAt(k++) !== SPACE) return false;
    }
    const s = ranges[2 * p] as number;
    const e = ranges[2 * p + 1] as number;
    for (let i = s; i < e; i++) if (key.charCodeAt(k++) !== buf[i]) return false;
  }
  return k === key.length;
}

function keyText(buf: Buffer, ranges: Int32Array, parts: number): string {
  let s = '';
  for (let p = 0; p < parts; p++) {
    if (p > 0) s += ' ';
    s += buf.toString('latin1', ranges[2 * p] as number, ranges[2 * p + 1] as number);
  }
  return s;
}

/**
 * Polls the socket tables and yields what opened, closed or changed since
 * the previous poll. The first poll is the baseline (reported as `opened`
 * only with `initial: true`); polls that find nothing are not yielded.
 * Stop it with `options.signal` or by leaving the `for await` loop
 * (`return()`): either ends the iteration at once, also in the middle of a
 * wait. A table that cannot be read rejects `next()` with a
 * `ProcNetReadError` (for instance when the process whose namespace `root`
 * points at has exited).
 *
 * @example
 * ```ts
 * import { watchSockets } from '@netintro/procnet-reader/node';
 * for await (const { opened, closed } of watchSockets({ kinds: 'tcp', interval: 500, processes: true })) {
 *   for (const s of opened) console.log('+', s.local.port, s.owner?.command ?? '-');
 *   for (const s of closed) console.log('-', s.local.port);
 * }
 * ```
 */
export function watchSockets(
  options: WatchSocketsOptions = {},
): AsyncIterableIterator<SocketWatchEvent> {
  const interval = options.interval ?? 1000;
  if (!(Number.isFinite(interval) && interval >= 0)) {
    throw new TypeError(
      `interval must be a non-negative number of milliseconds, got ${String(interval)}`,
    );
  }
  const root = (options.root ?? '/proc').replace(/\/$/, '');
  const procRoot = options.procRoot ?? '/proc';
  const tables = tablesForKinds(options.kinds ?? 'inet');
  const endianness = options.endianness ?? hostByteOrder();
  const parseOptions = (path: string): ParseOptions => ({
    source: path,
    endianness,
    onInvalidLine: options.onInvalidLine ?? 'skip',
  });
  const states: TableState[] = tables.map((table) => ({
    table,
    path: `${root}/net/${table}`,
    buffers: [Buffer.allocUnsafe(64 * 1024), Buffer.allocUnsafe(64 * 1024)],
    current: 0,
    length: -2, // never read
    entries: new Map(),
    gen: 0,
  }));
  const ranges = new Int32Array(6);
  let first = true;
  let done = false;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  function finish(): IteratorResult<SocketWatchEvent> {
    done = true;
    stop.abort();
    options.signal?.removeEventListener('abort', onAbort);
    return { done: true, value: undefined };
  }

  function poll(): SocketWatchEvent {
    const opened: WatchedSocket[] = [];
    const closed: WatchedSocket[] = [];
    const changed: SocketChange[] = [];
    for (const st of states) {
      const optional =
        st.table !== 'tcp' && st.table !== 'udp' && st.table !== 'raw' && st.table !== 'unix';
      const length = readInto(st, optional);
      const spare = st.current === 0 ? 1 : 0;
      const fresh = st.buffers[spare];
      const old = st.buffers[st.current];
      if (length === st.length && (length < 0 || fresh.compare(old, 0, length, 0, length) === 0)) {
        continue; // byte-identical: nothing to diff
      }
      st.current = spare;
      st.length = length;
      st.gen++;
      const gen = st.gen;
      const unix = st.table === 'unix';
      const po = parseOptions(st.path);
      let pos = 0;
      let lineNumber = 0;
      while (pos < Math.max(length, 0)) {
        let eol = fresh.indexOf(NL, pos);
        if (eol < 0 || eol > length) eol = length;
        lineNumber++;
        const lineStart = pos;
        pos = eol + 1;
        if (lineNumber === 1) continue; // header
        // Tokenise: remember the fields we need.
        let field = 0;
        let i = lineStart;
        let stateStart = -1;
        let stateEnd = -1;
        let queueStart = -1;
        let queueEnd = -1;
        let parts = 0;
        while (i < eol) {
          while (i < eol && (fresh[i] === SPACE || fresh[i] === TAB)) i++;
          if (i >= eol) break;
          const s = i;
          if (unix && field === 7) {
            // The path: the rest of the line, spaces included.
            let e = eol;
            while (
              e > s &&
              (fresh[e - 1] === SPACE || fresh[e - 1] === TAB || fresh[e - 1] === 0x0d)
            )
              e--;
            ranges[2] = s;
            ranges[3] = e;
            parts = 2;
            field++;
            break;
          }
          while (i < eol && fresh[i] !== SPACE && fresh[i] !== TAB) i++;
          if (unix) {
            if (field === 5) {
              stateStart = s;
              stateEnd = i;
            } else if (field === 6) {
              ranges[0] = s;
              ranges[1] = i;
              parts = 1;
            }
          } else if (field === 1 || field === 2) {
            ranges[2 * (field - 1)] = s;
            ranges[2 * (field - 1) + 1] = i;
          } else if (field === 3) {
            stateStart = s;
            stateEnd = i;
          } else if (field === 4) {
            queueStart = s;
            queueEnd = i;
          } else if (field === 9) {
            ranges[4] = s;
            ranges[5] = i;
            parts = 3;
          }
          field++;
          if (!unix && field > 9) break;
        }
        if (parts === 0 || stateStart < 0) {
          // Too short to key: let the parser judge it (and report it per policy).
          const text = fresh.toString(unix ? 'utf8' : 'latin1', lineStart, eol);
          if (unix) parseUnixLine(text, lineNumber, po);
          else parseInetLine(st.table as InetTableName, text, lineNumber, po);
          continue;
        }
        // One 32-bit FNV-1a over the key; equal hashes are told apart by the key text.
        let hash = 2166136261;
        for (let p = 0; p < parts; p++) {
          hash = fnv(fresh, ranges[2 * p] as number, ranges[2 * p + 1] as number, hash ^ p);
        }
        hash >>>= 0;
        const state = hexValue(fresh, stateStart, stateEnd);
        let tx = 0;
        let rx = 0;
        if (queueStart >= 0) {
          const colon = fresh.indexOf(0x3a, queueStart);
          if (colon > queueStart && colon < queueEnd) {
            tx = hexValue(fresh, queueStart, colon);
            rx = hexValue(fresh, colon + 1, queueEnd);
          }
        }
        let entry = st.entries.get(hash);
        while (entry && (entry.gen === gen || !sameKey(entry.key, fresh, ranges, parts))) {
          entry = entry.next;
        }
        if (entry) {
          entry.gen = gen;
          if (entry.state !== state || entry.tx !== tx || entry.rx !== rx) {
            const record = parseLine(st.table, fresh, lineStart, eol, lineNumber, po);
            if (record) {
              if (entry.record.owner) record.owner = entry.record.owner;
              changed.push({ before: entry.record, after: record });
              entry.record = record;
            }
            entry.state = state;
            entry.tx = tx;
            entry.rx = rx;
          }
          continue;
        }
        const record = parseLine(st.table, fresh, lineStart, eol, lineNumber, po);
        if (!record) continue;
        const head = st.entries.get(hash);
        const created: Entry = {
          key: keyText(fresh, ranges, parts),
          state,
          tx,
          rx,
          gen,
          record,
          next: head,
        };
        st.entries.set(hash, created);
        opened.push(record);
      }
      // Sweep: entries not seen in this read are closed.
      st.entries.forEach((head, hash, entries) => {
        let kept: Entry | undefined;
        let tail: Entry | undefined;
        for (let e: Entry | undefined = head; e; e = e.next) {
          if (e.gen !== gen) {
            closed.push(e.record);
            continue;
          }
          if (tail) tail.next = e;
          else kept = e;
          tail = e;
        }
        if (tail) tail.next = undefined;
        if (kept === undefined) entries.delete(hash);
        else if (kept !== head) entries.set(hash, kept);
      });
    }
    if (options.processes && opened.length > 0) {
      // Only the new sockets' holders are wanted: the scan stops when all are found.
      const inodes = opened.map((s) => s.inode).filter((i) => i !== '0');
      const owners = scanSocketOwnersSync({ procRoot, inodes });
      for (const s of opened) {
        if (s.inode === '0') continue;
        const owner: SocketOwner | undefined = owners.get(s.inode);
        if (owner) s.owner = owner;
      }
    }
    return { opened, closed, changed, time: Date.now() };
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (stop.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', done);
        resolve();
      }
      stop.signal.addEventListener('abort', done, { once: true });
    });
  }

  const iterator: AsyncIterableIterator<SocketWatchEvent> = {
    async next(): Promise<IteratorResult<SocketWatchEvent>> {
      if (done || options.signal?.aborted) return finish();
      for (;;) {
        if (!first) {
          await sleep(interval);
          if (done || stop.signal.aborted) return finish();
        }
        let event: SocketWatchEvent;
        try {
          event = poll();
        } catch (error) {
          finish();
          throw error;
        }
        const baseline = first;
        first = false;
        if (baseline && !options.initial) continue;
        if (
          options.emitEmpty ||
          event.opened.length ||
          event.closed.length ||
          event.changed.length
        ) {
          return { done: false, value: event };
        }
      }
    },
    async return(): Promise<IteratorResult<SocketWatchEvent>> {
      return finish();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

function parseLine(
  table: SocketTableName,
  buf: Buffer,
  start: number,
  end: number,
  lineNumber: number,
  options: ParseOptions,
): WatchedSocket | undefined {
  if (table === 'unix') return parseUnixLine(buf.toString('utf8', start, end), lineNumber, options);
  return parseInetLine(table, buf.toString('latin1', start, end), lineNumber, options);
}
