/**
 * Parsers of the protocol statistics `netstat -s` reads: `/proc/net/snmp`
 * and `/proc/net/netstat` (header/value line pairs) and `/proc/net/snmp6`
 * (one `name value` per line).
 *
 * @module
 */

import { reportIssue } from './errors.js';
import { decNumber, forEachLine, splitFields } from './lines.js';
import type { ParseOptions, ProtocolStatistics } from './types.js';

/** Sets an own property, even for names like `__proto__` (no prototype pollution). */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

function groupOf(stats: ProtocolStatistics, group: string): Record<string, number> {
  if (Object.hasOwn(stats, group)) return stats[group] as Record<string, number>;
  const created: Record<string, number> = {};
  setOwn(stats, group, created);
  return created;
}

function parsePaired(text: string, source: string, options?: ParseOptions): ProtocolStatistics {
  const stats: ProtocolStatistics = {};
  let pending: { group: string; names: string[]; line: number } | undefined;
  const bad = (code: string, lineNumber: number, line: string, expected: string): void =>
    reportIssue(options?.onInvalidLine, code, source, lineNumber, line, expected);
  let lastLine = '';
  forEachLine(text, (line, lineNumber) => {
    const f = splitFields(line);
    if (f.length === 0) return;
    const head = f[0] as string;
    if (!head.endsWith(':') || head.length < 2) {
      pending = undefined;
      return bad('bad-group', lineNumber, line, "a group name ending in ':' (e.g. 'Tcp:')");
    }
    const group = head.slice(0, -1);
    if (pending === undefined) {
      pending = { group, names: f.slice(1), line: lineNumber };
      lastLine = line;
      return;
    }
    const header = pending;
    pending = undefined;
    if (header.group !== group) {
      // The previous line had no values; this one may start a new pair.
      bad('missing-values', header.line, lastLine, `a '${header.group}:' line of values next`);
      pending = { group, names: f.slice(1), line: lineNumber };
      lastLine = line;
      return;
    }
    const values = f.slice(1);
    if (values.length !== header.names.length) {
      return bad(
        'count-mismatch',
        lineNumber,
        line,
        `${header.names.length} values for the names on line ${header.line}`,
      );
    }
    const nums = values.map(decNumber);
    if (nums.some((n) => Number.isNaN(n))) {
      return bad('bad-number', lineNumber, line, 'decimal counter values');
    }
    const target = groupOf(stats, group);
    header.names.forEach((name, i) => {
      setOwn(target, name, nums[i] as number);
    });
  });
  if (pending !== undefined) {
    const header = pending as { group: string; line: number };
    bad('missing-values', header.line, lastLine, `a '${header.group}:' line of values next`);
  }
  return stats;
}

/**
 * Parses `/proc/net/snmp` (IP, ICMP, TCP, UDP statistics for `netstat -s`):
 * pairs of `Group: names...` / `Group: values...` lines, as
 * `{ Group: { Name: value } }` with names exactly as the kernel prints them.
 * Values are numbers (some are negative, e.g. `Tcp.MaxConn` is `-1`).
 *
 * @example
 * ```ts
 * parseSnmp('Tcp: RtoAlgorithm MaxConn ActiveOpens\nTcp: 1 -1 42\n');
 * // { Tcp: { RtoAlgorithm: 1, MaxConn: -1, ActiveOpens: 42 } }
 * ```
 */
export function parseSnmp(text: string, options?: ParseOptions): ProtocolStatistics {
  return parsePaired(text, options?.source ?? '/proc/net/snmp', options);
}

/**
 * Parses `/proc/net/netstat` (the extended `TcpExt:`, `IpExt:`, `MPTcpExt:`
 * counters), in the same paired format and shape as {@link parseSnmp}.
 *
 * @example
 * ```ts
 * parseNetstat('TcpExt: SyncookiesSent TW\nTcpExt: 0 9\n').TcpExt?.TW; // 9
 * ```
 */
export function parseNetstat(text: string, options?: ParseOptions): ProtocolStatistics {
  return parsePaired(text, options?.source ?? '/proc/net/netstat', options);
}

/**
 * Group of a `/proc/net/snmp6` counter: its name up to and including the
 * first `6` (`Ip6`, `Icmp6`, `Udp6`, `UdpLite6`), or the whole name when it
 * has no `6`.
 *
 * @example
 * ```ts
 * snmp6Group('Icmp6InType133'); // 'Icmp6'
 * ```
 */
export function snmp6Group(name: string): string {
  const six = name.indexOf('6');
  return six < 0 ? name : name.slice(0, six + 1);
}

/**
 * Parses `/proc/net/snmp6` (also the per-interface `/proc/net/dev_snmp6/*`):
 * one `Name value` per line, grouped by {@link snmp6Group}. Counter names
 * are kept whole, exactly as the kernel prints them.
 *
 * @example
 * ```ts
 * parseSnmp6('Ip6InReceives                   \t1\nUdp6InDatagrams \t7\n');
 * // { Ip6: { Ip6InReceives: 1 }, Udp6: { Udp6InDatagrams: 7 } }
 * ```
 */
export function parseSnmp6(text: string, options?: ParseOptions): ProtocolStatistics {
  const source = options?.source ?? '/proc/net/snmp6';
  const stats: ProtocolStatistics = {};
  forEachLine(text, (line, lineNumber) => {
    const f = splitFields(line);
    if (f.length === 0) return;
    if (f.length < 2) {
      return reportIssue(
        options?.onInvalidLine,
        'too-few-fields',
        source,
        lineNumber,
        line,
        'a counter name and a decimal value',
      );
    }
    const value = decNumber(f[1]);
    if (f.length > 2 || Number.isNaN(value)) {
      return reportIssue(
        options?.onInvalidLine,
        'bad-number',
        source,
        lineNumber,
        line,
        'a counter name and a decimal value',
      );
    }
    const name = f[0] as string;
    const group = snmp6Group(name);
    setOwn(groupOf(stats, group), name, value);
  });
  return stats;
}
