/**
 * Development only (`pnpm start`): this machine's TCP and UDP sockets, read
 * by @netintro/procnet-reader/node and formatted like `netstat -atup` by
 * @netintro/socket-formatter. Served as JSON by the dev-server middleware in
 * astro.config.mjs at /__netintro/live.json; never part of the static build.
 * Nothing is redacted: the data never leaves the reader's own machine.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseHosts, readSockets } from '@netintro/procnet-reader/node';
import {
  formatNetstat,
  hostsResolverFromEntries,
  servicesResolverFromDb,
} from '@netintro/socket-formatter';
import { loadBuildServices } from './build-services';

export const LIVE_MAX_ROWS = 60;

export interface LiveTable {
  host: string;
  time: string;
  text: string;
  total: number;
  shown: number;
  note?: string;
}

export async function captureLive(): Promise<LiveTable> {
  if (process.platform !== 'linux') {
    return {
      host: hostname(),
      time: new Date().toISOString(),
      text: '',
      total: 0,
      shown: 0,
      note: 'The live view needs Linux (/proc/net).',
    };
  }
  const snap = await readSockets({
    kinds: ['tcp', 'udp'],
    processes: true,
    onInvalidLine: 'skip',
  });
  const listeners = snap.inet.filter((s) => s.remote.port === 0 || s.remote.address === '0.0.0.0');
  const others = snap.inet.filter((s) => !listeners.includes(s));
  const shown = [...listeners, ...others].slice(0, LIVE_MAX_ROWS);
  const keep = new Set(shown);
  let hosts = '';
  try {
    hosts = readFileSync('/etc/hosts', 'utf8');
  } catch {
    hosts = '';
  }
  const text = formatNetstat(
    { inet: snap.inet.filter((s) => keep.has(s)) },
    { all: true, tcp: true, udp: true, program: true },
    {
      services: servicesResolverFromDb(loadBuildServices().db),
      hosts: hostsResolverFromEntries(parseHosts(hosts)),
      processes: (inode) => snap.owners.get(inode),
    },
  );
  const denied = snap.unidentified.denied;
  return {
    host: hostname(),
    time: new Date().toISOString(),
    text,
    total: snap.inet.length,
    shown: shown.length,
    ...(denied > 0
      ? { note: `${denied} processes could not be inspected; run as root to see every program.` }
      : {}),
  };
}
