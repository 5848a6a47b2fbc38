/**
 * The OpenMetrics text exposition of a socket snapshot, for Prometheus (a
 * node_exporter textfile, or a user's own HTTP handler). Pure: it renders
 * records that were read elsewhere.
 *
 * @module
 */

import type { InetSocket, ProtocolStatistics, UnixSocket } from '@netintro/procnet-reader';
import { isServerSocket } from './inet.js';
import type { SocketInput } from './netstat.js';
import type { Resolvers } from './resolvers.js';

/**
 * What {@link formatOpenMetrics} counts: socket rows and the `-s` counters.
 *
 * @example
 * ```ts
 * const input: MetricsInput = { inet: parseProcNet('tcp', tcpText), snmp: parseSnmp(snmpText) };
 * ```
 */
export interface MetricsInput extends SocketInput {
  /** `/proc/net/snmp` (`parseSnmp`). */
  snmp?: ProtocolStatistics;
  /** `/proc/net/netstat` (`parseNetstat`). */
  netstat?: ProtocolStatistics;
  /** `/proc/net/snmp6` (`parseSnmp6`). */
  snmp6?: ProtocolStatistics;
}

/**
 * Options of {@link formatOpenMetrics}.
 *
 * @example
 * ```ts
 * const options: MetricsOptions = { maxConnectionSeries: 20, programs: true };
 * ```
 */
export interface MetricsOptions {
  /** Service names for listening ports (`services`), and owners (`processes`) when sockets carry none. */
  resolvers?: Pick<Resolvers, 'services' | 'processes'>;
  /**
   * Cap on `netintro_connections` series: the N (protocol, local port,
   * state) series with most sockets are kept, the rest are summed per
   * protocol and state under `local_port="other"`. Default 50.
   */
  maxConnectionSeries?: number;
  /** Emit `netintro_program_sockets` (sockets per owning program). Default: when any owner is known. */
  programs?: boolean;
}

/** A socket row, with the owner the node reader may attach (`owner.command`). */
type AnySocket = (InetSocket | UnixSocket) & { owner?: { command?: string } | null };

const GAUGES: Record<string, Record<string, true>> = {
  Ip: { Forwarding: true, DefaultTTL: true },
  Tcp: { RtoAlgorithm: true, RtoMin: true, RtoMax: true, MaxConn: true, CurrEstab: true },
};
/** Counters in milliseconds that are exposed in seconds. */
const MILLISECONDS: Record<string, Record<string, true>> = { Tcp: { RtoMin: true, RtoMax: true } };

/**
 * Escapes an OpenMetrics label value: backslash, double quote and line feed
 * are written `\\`, `\"` and `\n`; lone UTF-16 surrogates (which no UTF-8
 * encoder can write) become U+FFFD.
 *
 * @example
 * ```ts
 * escapeLabelValue('say "hi"\n'); // 'say \\"hi\\"\\n'
 * ```
 */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function labels(pairs: readonly [string, string][]): string {
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

function metricName(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_:]/g, '_');
}

function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(n);
}

class Exposition {
  text = '';
  family(name: string, type: 'gauge' | 'counter', help: string, unit?: string): void {
    this.text += `# TYPE ${name} ${type}\n`;
    if (unit) this.text += `# UNIT ${name} ${unit}\n`;
    this.text += `# HELP ${name} ${help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'))}\n`;
  }
  sample(name: string, pairs: readonly [string, string][], value: number): void {
    this.text += `${name}${labels(pairs)} ${numberText(value)}\n`;
  }
}

function countBy<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) {
    const k = key(t);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

const SEP = '\u0000';
const byKey = (a: [string, number], b: [string, number]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/** netstat's notion of a listening socket: TCP in LISTEN, UDP/UDP-Lite/raw with no peer. */
function isListening(s: InetSocket): boolean {
  return s.protocol === 'tcp' ? s.state === 'LISTEN' : isServerSocket(s);
}

/**
 * Renders a socket snapshot and the `netstat -s` counters as the
 * OpenMetrics text exposition (content type
 * `application/openmetrics-text; version=1.0.0; charset=utf-8`), ending in
 * `# EOF`. Families, all prefixed `netintro_`:
 *
 * - `netintro_sockets{protocol,state}`: sockets per table (`tcp`, `tcp6`,
 *   `udp`, ..., `unix`) and state (netstat's state names).
 * - `netintro_listening_sockets{protocol,port,service}`: TCP listeners and
 *   unconnected UDP, UDP-Lite and raw sockets per local port, with the
 *   service name from `resolvers.services` (empty when unknown).
 * - `netintro_connections{protocol,local_port,state}`: every other Internet
 *   socket per local port and state, capped at `maxConnectionSeries`
 *   series; the rest are summed under `local_port="other"`, and
 *   `netintro_connections_folded_series` says how many series were folded.
 * - `netintro_program_sockets{program,protocol}`: sockets per owning
 *   program (`socket.owner.command`, else `resolvers.processes`); sockets
 *   without a known owner are not in this family.
 * - `netintro_snmp_<Group>_<Name>_total`, `netintro_netstat_<Group>_<Name>_total`,
 *   `netintro_snmp6_<Name>_total`: every counter of `/proc/net/snmp`,
 *   `/proc/net/netstat` and `/proc/net/snmp6` under the kernel's own names
 *   (as node_exporter's netstat collector does). The few gauges among them
 *   (`Tcp_CurrEstab`, `Tcp_MaxConn`, `Ip_Forwarding`, ...) have no
 *   `_total`; `Tcp_RtoMin` and `Tcp_RtoMax` are converted to `_seconds`.
 *
 * @example
 * ```ts
 * import { parseProcNet, parseSnmp } from '@netintro/procnet-reader';
 * formatOpenMetrics({ inet: parseProcNet('tcp', tcpText), snmp: parseSnmp(snmpText) });
 * // # TYPE netintro_sockets gauge
 * // # HELP netintro_sockets Sockets per protocol table and state.
 * // netintro_sockets{protocol="tcp",state="LISTEN"} 3
 * // ...
 * // # EOF
 * ```
 */
export function formatOpenMetrics(input: MetricsInput, options: MetricsOptions = {}): string {
  const inet = input.inet ?? [];
  const unix = input.unix ?? [];
  const out = new Exposition();
  const services = options.resolvers?.services;

  const all: readonly AnySocket[] = [...inet, ...unix];
  const states = countBy(all, (s) => `${s.table}${SEP}${s.state}`);
  out.family('netintro_sockets', 'gauge', 'Sockets per protocol table and state.');
  for (const [k, n] of [...states].sort(byKey)) {
    const [protocol, state] = k.split(SEP) as [string, string];
    out.sample(
      'netintro_sockets',
      [
        ['protocol', protocol],
        ['state', state],
      ],
      n,
    );
  }

  const listening = inet.filter(isListening);
  const listenCounts = countBy(listening, (s) => `${s.table}${SEP}${s.local.port}`);
  out.family(
    'netintro_listening_sockets',
    'gauge',
    'Listening TCP sockets and unconnected UDP, UDP-Lite and raw sockets per local port.',
  );
  const listenRows = [...listenCounts].map(([k, n]) => {
    const [table, port] = k.split(SEP) as [string, string];
    return { table, port: Number(port), n };
  });
  listenRows.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : a.port - b.port));
  for (const r of listenRows) {
    const proto = r.table.replace(/6$/, '');
    const svc =
      proto === 'tcp' || proto === 'udp' || proto === 'udplite'
        ? services?.(r.port, proto === 'tcp' ? 'tcp' : 'udp')
        : undefined;
    out.sample(
      'netintro_listening_sockets',
      [
        ['protocol', r.table],
        ['port', String(r.port)],
        ['service', svc ?? ''],
      ],
      r.n,
    );
  }

  const cap = Math.max(0, Math.floor(options.maxConnectionSeries ?? 50));
  const conns = countBy(
    inet.filter((s) => !isListening(s)),
    (s) => `${s.table}${SEP}${s.local.port}${SEP}${s.state}`,
  );
  const ranked = [...conns].sort((a, b) => b[1] - a[1] || byKey(a, b));
  const kept = ranked.slice(0, cap);
  const folded = new Map<string, number>();
  for (const [k, n] of ranked.slice(cap)) {
    const [table, , state] = k.split(SEP) as [string, string, string];
    const key = `${table}${SEP}other${SEP}${state}`;
    folded.set(key, (folded.get(key) ?? 0) + n);
  }
  out.family(
    'netintro_connections',
    'gauge',
    `Internet sockets that are not listening, per local port and state (the ${cap} largest series; the rest summed under local_port="other").`,
  );
  for (const [k, n] of [...kept.sort(byKey), ...[...folded].sort(byKey)]) {
    const [table, port, state] = k.split(SEP) as [string, string, string];
    out.sample(
      'netintro_connections',
      [
        ['protocol', table],
        ['local_port', port],
        ['state', state],
      ],
      n,
    );
  }
  out.family(
    'netintro_connections_folded_series',
    'gauge',
    'Series of netintro_connections summed under local_port="other" by the cardinality cap.',
  );
  out.sample('netintro_connections_folded_series', [], ranked.length - kept.length);

  const processes = options.resolvers?.processes;
  const owned = countBy(all, (s) => {
    const command = s.owner?.command ?? processes?.(s.inode)?.command;
    return command === undefined ? undefined : `${command}${SEP}${s.table}`;
  });
  if (options.programs ?? owned.size > 0) {
    out.family(
      'netintro_program_sockets',
      'gauge',
      'Sockets per owning program and protocol table.',
    );
    for (const [k, n] of [...owned].sort(byKey)) {
      const [program, table] = k.split(SEP) as [string, string];
      out.sample(
        'netintro_program_sockets',
        [
          ['program', program],
          ['protocol', table],
        ],
        n,
      );
    }
  }

  const files: [string, string, ProtocolStatistics | undefined][] = [
    ['snmp', '/proc/net/snmp', input.snmp],
    ['netstat', '/proc/net/netstat', input.netstat],
    ['snmp6', '/proc/net/snmp6', input.snmp6],
  ];
  const seen = new Set<string>();
  for (const [file, path, stats] of files) {
    if (!stats) continue;
    for (const group of Object.keys(stats).sort()) {
      const counters = stats[group] ?? {};
      for (const name of Object.keys(counters).sort()) {
        const value = counters[name] as number;
        const parts = file === 'snmp6' ? [file, name] : [file, group, name];
        const ms = MILLISECONDS[group]?.[name] === true;
        const gauge = GAUGES[group]?.[name] === true || value < 0;
        const family = metricName('netintro', ...parts, ...(ms ? ['seconds'] : []));
        if (seen.has(family)) continue; // only when sanitising made two names equal
        seen.add(family);
        const help = `${path} ${file === 'snmp6' ? name : `${group} ${name}`}${ms ? ' (kernel value in milliseconds)' : ''}.`;
        if (gauge || ms) {
          out.family(family, 'gauge', help, ms ? 'seconds' : undefined);
          out.sample(family, [], ms ? value / 1000 : value);
        } else {
          out.family(family, 'counter', help);
          out.sample(`${family}_total`, [], value);
        }
      }
    }
  }
  return `${out.text}# EOF\n`;
}
