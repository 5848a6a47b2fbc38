/**
 * The scan state of one parse: where the last field ended, why the last
 * line failed, the columns of the row being scanned, and the byte window
 * the byte scanner reads. Each parse owns its cursor, so an `onInvalidLine`
 * callback that starts another parse (even of the same text) gets its own
 * and cannot disturb the outer one.
 *
 * @module
 */

import type { Endianness, InetTableName } from '../types.js';
import type { ByteCachedAddress, CachedAddress } from './address-cache.js';
import type { RowFilter } from './filter.js';
import type { TableInfo } from './tables.js';

/** Characters per window the byte scanner copies into its buffer. */
export const WINDOW = 1 << 16;

const NO_ADDRESS: CachedAddress = /* @__PURE__ */ Object.freeze({ hex: '', text: '' });

/** @internal The scan state of one parse (see the module comment). */
export class InetCursor {
  // What this parse reads: set by takeCursor, the same for every line.
  table: InetTableName = 'tcp';
  info: TableInfo = { protocol: 'tcp', family: 4, addressDigits: 8 };
  endianness: Endianness = 'little';
  filter: RowFilter | undefined = undefined;
  /** The address caches of this parse's byte order and family, found on first use. */
  textCache: (CachedAddress | undefined)[] | undefined = undefined;
  byteCache: (ByteCachedAddress | undefined)[] | undefined = undefined;

  /** End of the field the last field reader read (a string or a byte index). */
  fieldEnd = 0;
  /** Issue code of the last line that failed; set only on failure. */
  failCode = '';
  /** What was expected where the last line failed; set only on failure. */
  failExpected = '';

  // The columns of the row being scanned, filled in file order. The
  // strings and objects made for each row (inode, pointer, endpoints) are
  // not kept here but handed to the record builders: storing a new object
  // into this long-lived one costs a write barrier and garbage-collector work.
  slot = 0;
  /** Local address (a cache entry). */
  la: CachedAddress = NO_ADDRESS;
  localPort = 0;
  /** Remote address (a cache entry). */
  ra: CachedAddress = NO_ADDRESS;
  remotePort = 0;
  stateCode = 0;
  txQueue = 0;
  rxQueue = 0;
  timerCode = 0;
  timerTicks = 0;
  retransmits = 0;
  uid = 0;
  timeout = 0;
  /** Whether the row has refcnt (short rows end before it). */
  hasRefCount = false;
  refCount = 0;
  /** How many of the tail numbers (tcp: rto ato quick cwnd ssthresh; others: drops) the row has. */
  tailCount = 0;
  t0 = 0;
  t1 = 0;
  t2 = 0;
  t3 = 0;
  t4 = 0;

  // The byte window: text [windowStart, windowEnd) of whole lines, copied to
  // `bytes` (undefined when the window is not ASCII). `words` views the same
  // buffer four bytes at a time.
  bytes: Uint8Array | undefined = undefined;
  words: Uint32Array | undefined = undefined;
  buffer: Uint8Array | undefined = undefined;
  windowStart = 0;
  windowEnd = 0;

  /** Records why the line failed; returns null, the scanners' failure value. */
  fail(code: string, expected: string): null {
    this.failCode = code;
    this.failExpected = expected;
    return null;
  }

  /** Stores tail number `n` (0-4). */
  setTail(n: number, v: number): void {
    if (n === 0) this.t0 = v;
    else if (n === 1) this.t1 = v;
    else if (n === 2) this.t2 = v;
    else if (n === 3) this.t3 = v;
    else this.t4 = v;
  }
}

let spare: InetCursor | undefined;

/**
 * @internal
 * A cursor for one parse, to give back with {@link releaseCursor}. The last
 * released one is reused (its byte buffer with it); a parse that starts
 * while another holds it gets a new one.
 */
export function takeCursor(
  table: InetTableName,
  info: TableInfo,
  endianness: Endianness,
  filter: RowFilter | undefined,
): InetCursor {
  const c = spare ?? new InetCursor();
  spare = undefined;
  c.table = table;
  c.info = info;
  c.endianness = endianness;
  c.filter = filter;
  c.textCache = undefined;
  c.byteCache = undefined;
  c.windowEnd = 0;
  c.bytes = undefined;
  return c;
}

/** @internal Gives a cursor back for the next parse. */
export function releaseCursor(c: InetCursor): void {
  spare = c;
}
