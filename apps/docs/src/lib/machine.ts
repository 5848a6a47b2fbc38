/**
 * Build-time capture of the build machine's TCP table (Node only). Reads
 * /proc/net/tcp and tcp6, /etc/hosts and /etc/services, and formats them
 * like `netstat -at` through the pure pipeline, with non-loopback addresses
 * redacted. When /proc is not there (not Linux), the committed snapshot in
 * src/data/snapshot is used instead and labelled as such.
 */
import { existsSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { InetSocket } from '@netintro/procnet-reader';
import { BUILD_HOST, CAPTURED_AT, loadBuildServices } from './build-services';
import type { ExplainRow } from './explain';
import { runPipeline } from './pipeline';
import { createRedactor } from './redact';

/** The committed snapshot, bundled at build time (see scripts/capture-snapshot.mjs). */
const SNAPSHOT = import.meta.glob<string>('../data/snapshot/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** At most this many sockets are shown; listeners are kept first. */
export const MAX_ROWS = 40;

export interface MachineTable {
  origin: 'machine' | 'snapshot';
  host: string;
  capturedAt: string;
  text: string;
  /** The table split for the row picker (see PipelineResult). */
  head: string;
  rows: ExplainRow[];
  endianness: 'little' | 'big';
  total: number;
  shown: number;
  redacted: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function cap(sockets: InetSocket[]): InetSocket[] {
  if (sockets.length <= MAX_ROWS) return sockets;
  const listeners = sockets.filter((s) => s.remote.port === 0).slice(0, MAX_ROWS);
  const rest = sockets.filter((s) => s.remote.port !== 0);
  const keep = new Set([...listeners, ...rest.slice(0, MAX_ROWS - listeners.length)]);
  return sockets.filter((s) => keep.has(s));
}

export function captureMachineTable(): MachineTable {
  const live =
    process.env.NETINTRO_FORCE_SNAPSHOT !== '1' &&
    process.platform === 'linux' &&
    existsSync('/proc/net/tcp');
  let tcp: string;
  let tcp6: string;
  let host = BUILD_HOST;
  let capturedAt = CAPTURED_AT.toISOString();
  if (live) {
    tcp = read('/proc/net/tcp') ?? '';
    tcp6 = read('/proc/net/tcp6') ?? '';
  } else {
    tcp = SNAPSHOT['../data/snapshot/tcp.txt'] ?? '';
    tcp6 = SNAPSHOT['../data/snapshot/tcp6.txt'] ?? '';
    const meta = JSON.parse(SNAPSHOT['../data/snapshot/meta.json'] ?? '{}') as {
      host?: string;
      capturedAt?: string;
    };
    host = meta.host ?? 'unknown';
    capturedAt = meta.capturedAt ?? 'unknown';
  }
  const redact = createRedactor();
  let total = 0;
  let shown = 0;
  const order = live ? (endianness() === 'BE' ? 'big' : 'little') : 'little';
  const result = runPipeline({
    tables: { tcp, tcp6 },
    servicesDb: loadBuildServices().db,
    hosts: live ? (read('/etc/hosts') ?? '') : '',
    argv: ['-at'],
    endianness: order,
    mapSockets: (sockets) => {
      total = sockets.length;
      const kept = cap(sockets);
      shown = kept.length;
      return redact(kept);
    },
  });
  return {
    origin: live ? 'machine' : 'snapshot',
    host,
    capturedAt,
    text: result.text,
    head: result.head,
    rows: result.rows,
    endianness: order,
    total,
    shown,
    redacted: redact.count,
  };
}
