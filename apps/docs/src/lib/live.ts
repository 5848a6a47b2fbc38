/**
 * Development only (`pnpm start`): this machine's TCP and UDP sockets, read
 * from /proc/net by @netintro/procnet-reader and formatted like
 * `netstat -atup` by @netintro/socket-formatter. Served as JSON by the
 * dev-server middleware in astro.config.mjs at /__netintro/live.json; never
 * part of the static build. Each row comes with its raw /proc/net line (for
 * the row explanations) and a key (for the changes since the last refresh).
 * Nothing is redacted: the data never leaves the reader's own machine.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  type InetSocket,
  type InetTableName,
  parseHosts,
  parseInetTable,
} from '@netintro/procnet-reader';
import { hostByteOrder, readSockets } from '@netintro/procnet-reader/node';
import {
  formatNetstat,
  hostsResolverFromEntries,
  programText,
  servicesResolverFromDb,
} from '@netintro/socket-formatter';
import { loadBuildServices } from './build-services';
import type { ExplainRow } from './explain';
import { splitRows } from './pipeline';

export const LIVE_MAX_ROWS = 60;
const TABLES: InetTableName[] = ['tcp', 'tcp6', 'udp', 'udp6'];

/** One row of the live table. */
export interface LiveRow extends ExplainRow {
  /** Same for the same socket from one refresh to the next: table, both ends. */
  key: string;
  /** The state netstat prints (`''` for unconnected UDP). */
  state: string;
}

export interface LiveTable {
  host: string;
  time: string;
  /** The whole netstat -atup text. */
  text: string;
  /** Heading and column header, then the rows (see LiveRow). */
  head: string;
  rows: LiveRow[];
  endianness: 'little' | 'big';
  total: number;
  shown: number;
  note?: string;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The key of a socket: the same across refreshes while both ends stay. */
export function liveKey(s: InetSocket): string {
  return `${s.table} ${s.local.addressHex}:${s.local.port} ${s.remote.addressHex}:${s.remote.port}`;
}

export async function captureLive(): Promise<LiveTable> {
  const endianness = hostByteOrder();
  if (process.platform !== 'linux') {
    return {
      host: hostname(),
      time: new Date().toISOString(),
      text: '',
      head: '',
      rows: [],
      endianness,
      total: 0,
      shown: 0,
      note: 'The live view needs Linux (/proc/net).',
    };
  }
  // The tables as text (the rows keep their raw lines), then who holds each inode.
  const texts = new Map(TABLES.map((t) => [t, read(`/proc/net/${t}`)]));
  const sockets = TABLES.flatMap((t) =>
    parseInetTable(t, texts.get(t) ?? '', { endianness, onInvalidLine: () => {} }),
  );
  const snap = await readSockets({ kinds: ['tcp', 'udp'], processes: true, onInvalidLine: 'skip' });
  // Over LIVE_MAX_ROWS, servers come first, then connections, and TIME_WAIT rows (closed
  // connections the kernel still remembers; a busy machine has hundreds) last.
  const rank = (s: InetSocket) =>
    s.remote.port === 0 || s.remote.address === '0.0.0.0' ? 0 : s.state === 'TIME_WAIT' ? 2 : 1;
  const ranked = sockets.map((s, i) => ({ s, i, r: rank(s) }));
  ranked.sort((a, b) => a.r - b.r || a.i - b.i);
  const keep = new Set(ranked.slice(0, LIVE_MAX_ROWS).map((x) => x.s));
  const kept = sockets.filter((s) => keep.has(s));
  const flags = { all: true, tcp: true, udp: true, program: true };
  const owner = (inode: string) => (inode === '0' ? undefined : snap.owners.get(inode));
  const text = formatNetstat({ inet: kept }, flags, {
    services: servicesResolverFromDb(loadBuildServices().db),
    hosts: hostsResolverFromEntries(parseHosts(read('/etc/hosts'))),
    processes: owner,
  });
  const lines = new Map([...texts].map(([t, body]) => [t, body.split('\n')]));
  const { head, rows } = splitRows(text, kept, flags, (s) => {
    const o = owner(s.inode);
    return {
      raw: lines.get(s.table)?.[s.line - 1] ?? '',
      key: liveKey(s),
      state: s.protocol === 'tcp' ? s.state : s.state === 'CLOSE' ? '' : s.state,
      ...(o ? { program: programText(o) } : {}),
    };
  });
  const denied = snap.unidentified.denied;
  return {
    host: hostname(),
    time: new Date().toISOString(),
    text,
    head,
    rows,
    endianness,
    total: sockets.length,
    shown: kept.length,
    ...(denied > 0
      ? { note: `${denied} processes could not be inspected; run as root to see every program.` }
      : {}),
  };
}
