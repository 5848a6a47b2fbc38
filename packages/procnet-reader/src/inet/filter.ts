/**
 * Row filters the node readers push down into the scanners: a row a filter
 * rejects is skipped before its record is built, and the columns after the
 * first failing test are not read.
 *
 * @module
 */

import type { InetSocket } from '../types.js';

/**
 * @internal
 * What a reader wants of the rows; rows that fail are skipped before their
 * record is built (the columns after the first failing one are not checked).
 */
export interface RowFilter {
  /** 1 at the index of each wanted state code (0-255); undefined: any. */
  states?: Uint8Array;
  localPort?: number;
  remotePort?: number;
  /** Either port. */
  port?: number;
  uid?: number;
  /** Only these socket inodes. */
  inodes?: { has(inode: string): boolean };
  /** udp/raw "listening": remote address all zero (true) or not (false). */
  unconnected?: boolean;
}

/** @internal Returned by the scanners for a row a filter rejects (compare by identity). */
export const SKIP: InetSocket = /* @__PURE__ */ Object.freeze({}) as InetSocket;

/** @internal Whether every digit of an address's hex text is 0. */
export function isZeroHex(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

/** @internal Whether the state and ports alone rule the row out. */
export function rejectedEarly(
  f: RowFilter,
  stateCode: number,
  localPort: number,
  remotePort: number,
): boolean {
  if (f.states !== undefined && f.states[stateCode] !== 1) return true;
  if (f.localPort !== undefined && localPort !== f.localPort) return true;
  if (f.remotePort !== undefined && remotePort !== f.remotePort) return true;
  if (f.port !== undefined && localPort !== f.port && remotePort !== f.port) return true;
  return false;
}
