/**
 * Building records from the columns a scanner left in its cursor. The three
 * shapes the kernel prints (a full TCP socket, a UDP/UDP-Lite/raw socket
 * with its drops, a row ending at the pointer such as a TCP mini-socket)
 * each have a builder that writes one object literal, so every record of a
 * shape has one hidden class; {@link looseRecord} builds any other row
 * field by field.
 *
 * @module
 */

import { datagramStateName, tcpStateName, timerKindName } from '../states.js';
import type { Endpoint, InetSocket, InetTableName, TcpSocket } from '../types.js';
import type { InetCursor } from './cursor.js';
import type { TableInfo } from './tables.js';

/** Every column of every inet row type, for building a record field by field. */
type LooseInetSocket = Omit<TcpSocket, 'table' | 'protocol' | 'state'> & {
  table: InetTableName;
  protocol: InetSocket['protocol'];
  state: InetSocket['state'];
  drops?: number;
};

function localEndpoint(c: InetCursor): Endpoint {
  return { address: c.la.text, addressHex: c.la.hex, port: c.localPort };
}

function remoteEndpoint(c: InetCursor): Endpoint {
  return { address: c.ra.text, addressHex: c.ra.hex, port: c.remotePort };
}

function stateName(info: TableInfo, code: number): InetSocket['state'] {
  return info.protocol === 'tcp' ? tcpStateName(code) : datagramStateName(code);
}

/** A full TCP socket: refcnt, pointer and the five numbers rto ato quick cwnd ssthresh. */
function tcpRecord(c: InetCursor, line: number, inode: string, pointer: string): InetSocket {
  return <InetSocket>{
    table: c.table,
    protocol: c.info.protocol,
    family: c.info.family,
    slot: c.slot,
    local: localEndpoint(c),
    remote: remoteEndpoint(c),
    stateCode: c.stateCode,
    state: tcpStateName(c.stateCode),
    txQueue: c.txQueue,
    rxQueue: c.rxQueue,
    timerCode: c.timerCode,
    timer: timerKindName(c.timerCode),
    timerTicks: c.timerTicks,
    retransmits: c.retransmits,
    uid: c.uid,
    timeout: c.timeout,
    inode,
    refCount: c.refCount,
    pointer,
    rto: c.t0,
    ato: c.t1,
    quickAck: c.t2,
    cwnd: c.t3,
    ssthresh: c.t4,
    line,
  };
}

/** A UDP, UDP-Lite or raw socket: refcnt, pointer and drops. */
function datagramRecord(c: InetCursor, line: number, inode: string, pointer: string): InetSocket {
  return <InetSocket>{
    table: c.table,
    protocol: c.info.protocol,
    family: c.info.family,
    slot: c.slot,
    local: localEndpoint(c),
    remote: remoteEndpoint(c),
    stateCode: c.stateCode,
    state: datagramStateName(c.stateCode),
    txQueue: c.txQueue,
    rxQueue: c.rxQueue,
    timerCode: c.timerCode,
    timer: timerKindName(c.timerCode),
    timerTicks: c.timerTicks,
    retransmits: c.retransmits,
    uid: c.uid,
    timeout: c.timeout,
    inode,
    refCount: c.refCount,
    pointer,
    drops: c.t0,
    line,
  };
}

/** A row that ends at the pointer (a TCP mini-socket: TIME_WAIT, SYN_RECV). */
function pointerRecord(c: InetCursor, line: number, inode: string, pointer: string): InetSocket {
  return <InetSocket>{
    table: c.table,
    protocol: c.info.protocol,
    family: c.info.family,
    slot: c.slot,
    local: localEndpoint(c),
    remote: remoteEndpoint(c),
    stateCode: c.stateCode,
    state: stateName(c.info, c.stateCode),
    txQueue: c.txQueue,
    rxQueue: c.rxQueue,
    timerCode: c.timerCode,
    timer: timerKindName(c.timerCode),
    timerTicks: c.timerTicks,
    retransmits: c.retransmits,
    uid: c.uid,
    timeout: c.timeout,
    inode,
    refCount: c.refCount,
    pointer,
    line,
  };
}

/**
 * @internal
 * The record of a row with a pointer in one of the three common shapes, by
 * the number of tail numbers the cursor holds; undefined for another shape.
 */
export function commonRecord(
  c: InetCursor,
  line: number,
  inode: string,
  pointer: string,
): InetSocket | undefined {
  const n = c.tailCount;
  if (n === 0) return pointerRecord(c, line, inode, pointer);
  if (c.info.protocol === 'tcp') return n === 5 ? tcpRecord(c, line, inode, pointer) : undefined;
  return n === 1 ? datagramRecord(c, line, inode, pointer) : undefined;
}

/**
 * @internal
 * The record of any other row (short lines, partial tails, extra columns),
 * built field by field: refcnt, pointer and tail numbers only when present.
 */
export function looseRecord(
  c: InetCursor,
  line: number,
  inode: string,
  pointer: string,
  extra: string[] | undefined,
): InetSocket {
  const record: LooseInetSocket = {
    table: c.table,
    protocol: c.info.protocol,
    family: c.info.family,
    slot: c.slot,
    local: localEndpoint(c),
    remote: remoteEndpoint(c),
    stateCode: c.stateCode,
    state: stateName(c.info, c.stateCode),
    txQueue: c.txQueue,
    rxQueue: c.rxQueue,
    timerCode: c.timerCode,
    timer: timerKindName(c.timerCode),
    timerTicks: c.timerTicks,
    retransmits: c.retransmits,
    uid: c.uid,
    timeout: c.timeout,
    inode,
    line,
  };
  if (c.hasRefCount) record.refCount = c.refCount;
  if (pointer !== '') record.pointer = pointer;
  const n = c.tailCount;
  if (c.info.protocol === 'tcp') {
    if (n > 0) record.rto = c.t0;
    if (n > 1) record.ato = c.t1;
    if (n > 2) record.quickAck = c.t2;
    if (n > 3) record.cwnd = c.t3;
    if (n > 4) record.ssthresh = c.t4;
  } else if (n > 0) {
    record.drops = c.t0;
  }
  if (extra !== undefined) record.extra = extra;
  return record as InetSocket;
}
