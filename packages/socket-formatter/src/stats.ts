/**
 * netstat 2.10's statistics report (`-s`) from `/proc/net/snmp`,
 * `/proc/net/netstat` and (`-s -6`) `/proc/net/snmp6`.
 *
 * netstat looks each counter up with `bsearch` in tables that are not
 * sorted the way `strcmp` sorts, so some counters it has a sentence for are
 * not found and print as `Name: value` instead (`Forwarding: 2`,
 * `TCPTimeouts: 1277`). The tables below keep netstat's order and the lookup
 * is the same binary search, so the same counters miss.
 *
 * @module
 */

import type { ProtocolStatistics } from '@netintro/procnet-reader';
import { type NetstatFlags, resolveFlags } from './flags.js';

/** Entry kinds: number, optional number (hidden when 0), forwarding, ICMP in/out histograms, RTO algorithm. */
type Kind = 'n' | 'o' | 'f' | 'i' | 'O' | 'r';
/** [counter, sentence, kind, static?] — static entries print only with netstat's (unset) print_static. */
type Entry = readonly [title: string, out: string, kind: Kind, isStatic?: boolean];

const IP: readonly Entry[] = [
  ['DefaultTTL', 'Default TTL is %llu', 'n', true],
  ['Forwarding', 'Forwarding is %s', 'f', true],
  ['ForwDatagrams', '%llu forwarded', 'n'],
  ['FragCreates', '%llu fragments created', 'o'],
  ['FragFails', '%llu outgoing packets failed fragmentation', 'o'],
  ['FragOKs', '%llu outgoing packets fragmented ok', 'o'],
  ['InAddrErrors', '%llu with invalid addresses', 'o'],
  ['InDelivers', '%llu incoming packets delivered', 'n'],
  ['InDiscards', '%llu incoming packets discarded', 'n'],
  ['InHdrErrors', '%llu with invalid headers', 'o'],
  ['InReceives', '%llu total packets received', 'n'],
  ['InUnknownProtos', '%llu with unknown protocol', 'o'],
  ['OutDiscards', '%llu outgoing packets dropped', 'o'],
  ['OutNoRoutes', '%llu dropped because of missing route', 'o'],
  ['OutRequests', '%llu requests sent out', 'n'],
  ['ReasmFails', '%llu packet reassemblies failed', 'o'],
  ['ReasmOKs', '%llu packets reassembled ok', 'o'],
  ['ReasmReqds', '%llu reassemblies required', 'o'],
  ['ReasmTimeout', '%llu fragments dropped after timeout', 'o'],
];

const IP6: readonly Entry[] = [
  ['Ip6FragCreates', '%llu fragments created', 'o'],
  ['Ip6FragFails', '%llu outgoing packets failed fragmentation', 'o'],
  ['Ip6FragOKs', '%llu outgoing packets fragmented ok', 'o'],
  ['Ip6InAddrErrors', '%llu with invalid addresses', 'o'],
  ['Ip6InDelivers', '%llu incoming packets delivered', 'n'],
  ['Ip6InDiscards', '%llu incoming packets discarded', 'n'],
  ['Ip6InHdrErrors', '%llu with invalid headers', 'o'],
  ['Ip6InMcastPkts', '%llu incoming multicast packets', 'o'],
  ['Ip6InNoRoutes', '%llu incoming packets with no route', 'o'],
  ['Ip6InReceives', '%llu total packets received', 'n'],
  ['Ip6InTooBigErrors', '%llu with packets too big', 'o'],
  ['Ip6InTruncatedPkts', '%llu with truncated packets', 'o'],
  ['Ip6InUnknownProtos', '%llu with unknown protocol', 'o'],
  ['Ip6OutDiscards', '%llu outgoing packets dropped', 'o'],
  ['Ip6OutForwDatagrams', '%llu forwarded', 'n'],
  ['Ip6OutMcastPkts', '%llu outgoing multicast packets', 'o'],
  ['Ip6OutNoRoutes', '%llu dropped because of missing route', 'o'],
  ['Ip6OutRequests', '%llu requests sent out', 'n'],
  ['Ip6ReasmFails', '%llu packet reassemblies failed', 'o'],
  ['Ip6ReasmOKs', '%llu packets reassembled ok', 'o'],
  ['Ip6ReasmReqds', '%llu reassemblies required', 'o'],
  ['Ip6ReasmTimeout', '%llu fragments dropped after timeout', 'o'],
];

const ICMP: readonly Entry[] = [
  ['InAddrMaskReps', 'address mask replies: %llu', 'i'],
  ['InAddrMasks', 'address mask request: %llu', 'i'],
  ['InDestUnreachs', 'destination unreachable: %llu', 'i'],
  ['InEchoReps', 'echo replies: %llu', 'i'],
  ['InEchos', 'echo requests: %llu', 'i'],
  ['InErrors', '%llu input ICMP message failed', 'n'],
  ['InMsgs', '%llu ICMP messages received', 'n'],
  ['InParmProbs', 'wrong parameters: %llu', 'i'],
  ['InRedirects', 'redirects: %llu', 'i'],
  ['InSrcQuenchs', 'source quenches: %llu', 'i'],
  ['InTimeExcds', 'timeout in transit: %llu', 'i'],
  ['InTimestampReps', 'timestamp reply: %llu', 'i'],
  ['InTimestamps', 'timestamp request: %llu', 'i'],
  ['OutAddrMaskReps', 'address mask replies: %llu', 'O'],
  ['OutAddrMasks', 'address mask requests: %llu', 'O'],
  ['OutDestUnreachs', 'destination unreachable: %llu', 'O'],
  ['OutEchoReps', 'echo replies: %llu', 'O'],
  ['OutEchos', 'echo requests: %llu', 'O'],
  ['OutErrors', '%llu ICMP messages failed', 'n'],
  ['OutMsgs', '%llu ICMP messages sent', 'n'],
  ['OutParmProbs', 'wrong parameters: %llu', 'O'],
  ['OutRedirects', 'redirect: %llu', 'O'],
  ['OutSrcQuenchs', 'source quench: %llu', 'O'],
  ['OutTimeExcds', 'time exceeded: %llu', 'O'],
  ['OutTimestampReps', 'timestamp replies: %llu', 'O'],
  ['OutTimestamps', 'timestamp requests: %llu', 'O'],
];

const ICMP6: readonly Entry[] = [
  ['Icmp6InDestUnreachs', 'destination unreachable: %llu', 'i'],
  ['Icmp6InEchoReplies', 'echo replies: %llu', 'i'],
  ['Icmp6InEchos', 'echo requests: %llu', 'i'],
  ['Icmp6InErrors', '%llu input ICMP message failed', 'n'],
  ['Icmp6InGroupMembQueries', 'group member queries: %llu', 'i'],
  ['Icmp6InGroupMembReductions', 'group member reductions: %llu', 'i'],
  ['Icmp6InGroupMembResponses', 'group member responses: %llu', 'i'],
  ['Icmp6InMsgs', '%llu ICMP messages received', 'n'],
  ['Icmp6InNeighborAdvertisements', 'neighbour advertisement: %llu', 'i'],
  ['Icmp6InNeighborSolicits', 'neighbour solicits: %llu', 'i'],
  ['Icmp6InParmProblems', 'parameter problem: %llu', 'i'],
  ['Icmp6InPktTooBigs', 'packets too big: %llu', 'i'],
  ['Icmp6InRedirects', 'redirects: %llu', 'i'],
  ['Icmp6InRouterAdvertisements', 'router advertisement: %llu', 'i'],
  ['Icmp6InRouterSolicits', 'router solicits: %llu', 'i'],
  ['Icmp6InTimeExcds', 'received ICMPv6 time exceeded: %llu', 'i'],
  ['Icmp6OutDestUnreachs', 'destination unreachable: %llu', 'O'],
  ['Icmp6OutEchoReplies', 'echo replies: %llu', 'O'],
  ['Icmp6OutEchos', 'echo requests: %llu', 'O'],
  ['Icmp6OutGroupMembQueries', 'group member queries: %llu', 'O'],
  ['Icmp6OutGroupMembReductions', 'group member reductions: %llu', 'O'],
  ['Icmp6OutGroupMembResponses', 'group member responses: %llu', 'O'],
  ['Icmp6OutMsgs', '%llu ICMP messages sent', 'n'],
  ['Icmp6OutNeighborAdvertisements', 'neighbor advertisements: %llu', 'O'],
  ['Icmp6OutNeighborSolicits', 'neighbor solicits: %llu', 'O'],
  ['Icmp6OutParmProblems', 'parameter problem: %llu', 'O'],
  ['Icmp6OutPktTooBigs', 'packets too big: %llu', 'O'],
  ['Icmp6OutRedirects', 'redirects: %llu', 'O'],
  // netstat's key has a trailing space, so this entry never matches.
  ['Icmp6OutRouterAdvertisements ', 'router advertisement: %llu', 'O'],
  ['Icmp6OutRouterSolicits', 'router solicits: %llu', 'O'],
  ['Icmp6OutTimeExcds', 'sent ICMPv6 time exceeded: %llu', 'O'],
];

const TCP: readonly Entry[] = [
  ['ActiveOpens', '%llu active connection openings', 'n'],
  ['AttemptFails', '%llu failed connection attempts', 'n'],
  ['CurrEstab', '%llu connections established', 'n'],
  ['EstabResets', '%llu connection resets received', 'n'],
  ['InErrs', '%llu bad segments received', 'n'],
  ['InSegs', '%llu segments received', 'n'],
  ['MaxConn', '', 'n'],
  ['OutRsts', '%llu resets sent', 'n'],
  ['OutSegs', '%llu segments sent out', 'n'],
  ['PassiveOpens', '%llu passive connection openings', 'n'],
  ['RetransSegs', '%llu segments retransmitted', 'n'],
  ['RtoAlgorithm', 'RTO algorithm is %s', 'r', true],
  ['RtoMax', '', 'n'],
  ['RtoMin', '', 'n'],
];

const UDP: readonly Entry[] = [
  ['InDatagrams', '%llu packets received', 'n'],
  ['InErrors', '%llu packet receive errors', 'n'],
  ['NoPorts', '%llu packets to unknown port received', 'n'],
  ['OutDatagrams', '%llu packets sent', 'n'],
  ['RcvbufErrors', '%llu receive buffer errors', 'n'],
  ['SndbufErrors', '%llu send buffer errors', 'n'],
];

const UDP6: readonly Entry[] = [
  ['Udp6InDatagrams', '%llu packets received', 'n'],
  ['Udp6InErrors', '%llu packet receive errors', 'n'],
  ['Udp6NoPorts', '%llu packets to unknown port received', 'n'],
  ['Udp6OutDatagrams', '%llu packets sent', 'n'],
];

const TCP_EXT: readonly Entry[] = [
  ['DelayedACKLocked', '%llu delayed acks further delayed because of locked socket', 'o'],
  ['DelayedACKLost', 'Quick ack mode was activated %llu times', 'o'],
  ['DelayedACKs', '%llu delayed acks sent', 'o'],
  ['EmbryonicRsts', '%llu resets received for embryonic SYN_RECV sockets', 'o'],
  ['ListenDrops', '%llu SYNs to LISTEN sockets dropped', 'o'],
  ['ListenOverflows', '%llu times the listen queue of a socket overflowed', 'o'],
  ['LockDroppedIcmps', '%llu ICMP packets dropped because socket was locked', 'o'],
  [
    'OfoPruned',
    '%llu packets dropped from out-of-order queue because of socket buffer overrun',
    'o',
  ],
  ['OutOfWindowIcmps', '%llu ICMP packets dropped because they were out-of-window', 'o'],
  ['PAWSActive', '%llu active connections rejected because of time stamp', 'o'],
  ['PAWSEstab', '%llu packets rejected in established connections because of timestamp', 'o'],
  ['PAWSPassive', '%llu passive connections rejected because of time stamp', 'o'],
  ['PruneCalled', '%llu packets pruned from receive queue because of socket buffer overrun', 'o'],
  ['RcvPruned', '%llu packets pruned from receive queue', 'o'],
  ['SockMallocOOM', 'Ran %llu times out of system memory during packet sending', 'o'],
  ['SyncookiesFailed', '%llu invalid SYN cookies received', 'o'],
  ['SyncookiesRecv', '%llu SYN cookies received', 'o'],
  ['SyncookiesSent', '%llu SYN cookies sent', 'o'],
  ['TCPAbortFailed', '%llu times unable to send RST due to no memory', 'o'],
  ['TCPAbortOnClose', '%llu connections reset due to early user close', 'o'],
  ['TCPAbortOnData', '%llu connections reset due to unexpected data', 'o'],
  ['TCPAbortOnLinger', '%llu connections aborted after user close in linger timeout', 'o'],
  ['TCPAbortOnMemory', '%llu connections aborted due to memory pressure', 'o'],
  ['TCPAbortOnSyn', '%llu connections reset due to unexpected SYN', 'o'],
  ['TCPAbortOnTimeout', '%llu connections aborted due to timeout', 'o'],
  ['TCPDirectCopyFromBacklog', '%llu bytes directly in process context from backlog', 'o'],
  [
    'TCPDirectCopyFromPrequeue',
    '%llu bytes directly received in process context from prequeue',
    'o',
  ],
  ['TCPDSACKOfoRecv', '%llu DSACKs for out of order packets received', 'o'],
  ['TCPDSACKOfoSent', '%llu DSACKs sent for out of order packets', 'o'],
  ['TCPDSACKOldSent', '%llu DSACKs sent for old packets', 'o'],
  ['TCPDSACKRecv', '%llu DSACKs received', 'o'],
  ['TCPDSackUndo', '%llu congestion window recovered without slow start using DSACK', 'o'],
  ['TCPDSACKUndo', '%llu congestion windows recovered without slow start by DSACK', 'o'],
  ['TCPFACKReorder', 'Detected reordering %llu times using FACK', 'o'],
  ['TCPFastRetrans', '%llu fast retransmits', 'o'],
  ['TCPForwardRetrans', '%llu forward retransmits', 'o'],
  ['TCPFullUndo', '%llu congestion windows fully recovered without slow start', 'o'],
  ['TCPHPAcks', '%llu predicted acknowledgments', 'o'],
  ['TCPHPHits', '%llu packet headers predicted', 'n'],
  ['TCPHPHitsToUser', '%llu packet headers predicted and directly queued to user', 'o'],
  ['TCPLossFailures', '%llu timeouts in loss state', 'o'],
  ['TCPLoss', '%llu TCP data loss events', 'o'],
  ['TCPLossUndo', '%llu congestion windows recovered without slow start after partial ack', 'o'],
  ['TCPLostRetransmits', '%llu retransmits lost', 'o'],
  ['TCPMemoryPressures', 'TCP ran low on memory %llu times', 'o'],
  ['TCPPartialUndo', '%llu congestion windows partially recovered using Hoe heuristic', 'o'],
  ['TCPPrequeued', '%llu packets directly queued to recvmsg prequeue', 'o'],
  ['TCPPrequeueDropped', '%llu packets dropped from prequeue', 'o'],
  ['TCPPureAcks', '%llu acknowledgments not containing data payload received', 'o'],
  ['TCPRcvCollapsed', '%llu packets collapsed in receive queue due to low socket buffer', 'o'],
  ['TCPRenoFailures', '%llu timeouts after reno fast retransmit', 'o'],
  ['TCPRenoRecoveryFailed', '%llu reno fast retransmits failed', 'o'],
  ['TCPRenoRecoveryFail', '%llu classic Reno fast retransmits failed', 'o'],
  ['TCPRenoRecovery', '%llu times recovered from packet loss due to fast retransmit', 'o'],
  ['TCPRenoReorder', 'Detected reordering %llu times using reno fast retransmit', 'o'],
  ['TCPSackFailures', '%llu timeouts after SACK recovery', 'o'],
  ['TCPSackRecoveryFail', '%llu SACK retransmits failed', 'o'],
  ['TCPSackRecovery', '%llu times recovered from packet loss by selective acknowledgements', 'o'],
  ['TCPSACKReneging', '%llu bad SACK blocks received', 'o'],
  ['TCPSACKReorder', 'Detected reordering %llu times using SACK', 'o'],
  ['TCPSchedulerFailed', '%llu times receiver scheduled too late for direct processing', 'o'],
  ['TCPSlowStartRetrans', '%llu retransmits in slow start', 'o'],
  ['TCPTimeouts', '%llu other TCP timeouts', 'o'],
  ['TCPTSReorder', 'Detected reordering %llu times using time stamp', 'o'],
  ['TWKilled', '%llu TCP sockets finished time wait in slow timer', 'o'],
  ['TW', '%llu TCP sockets finished time wait in fast timer', 'o'],
  ['TWRecycled', '%llu time wait sockets recycled by time stamp', 'o'],
];

type Filter = 'raw' | 'tcp' | 'udp' | 'sctp';
interface Table {
  title: string;
  entries: readonly Entry[] | undefined;
  filter: Filter | 'unknown';
}

const SNMP_TABLES: readonly Table[] = [
  { title: 'Ip', entries: IP, filter: 'raw' },
  { title: 'Icmp', entries: ICMP, filter: 'raw' },
  { title: 'Tcp', entries: TCP, filter: 'tcp' },
  { title: 'Udp', entries: UDP, filter: 'udp' },
  { title: 'Sctp', entries: undefined, filter: 'sctp' },
  { title: 'TcpExt', entries: TCP_EXT, filter: 'tcp' },
];

const SNMP6_TABLES: readonly Table[] = [
  { title: 'Ip6', entries: IP6, filter: 'raw' },
  { title: 'Icmp6', entries: ICMP6, filter: 'raw' },
  { title: 'Udp6', entries: UDP6, filter: 'udp' },
  { title: 'Tcp6', entries: TCP, filter: 'tcp' },
];

const INDENT: Record<Kind | 'unknown', number> = { n: 4, o: 4, f: 4, i: 8, O: 8, r: 4, unknown: 4 };
const HISTOGRAM_TITLE: Partial<Record<Kind, string>> = {
  i: 'ICMP input histogram:',
  O: 'ICMP output histogram:',
};

/** C `strcmp` on the byte values of ASCII names. */
function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** glibc's `bsearch`: the same probes, so the same misses on an unsorted table. */
function bsearch(entries: readonly Entry[], key: string): Entry | undefined {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = entries[mid]!;
    const c = strcmp(key, e[0]);
    if (c < 0) hi = mid;
    else if (c > 0) lo = mid + 1;
    else return e;
  }
  return undefined;
}

/** `%llu` of a counter: negative values wrap like `strtoull` does. */
function llu(v: number): string {
  if (v >= 0) return String(v);
  return (2n ** 64n + BigInt(Math.trunc(v))).toString();
}

class Printer {
  out = '';
  state: Kind = 'n';
  constructor(private readonly enabled: Record<Filter | 'unknown', boolean>) {}

  /** netstat's newtable(): the heading, and the table to look counters up in. */
  table(tables: readonly Table[], title: string): Table {
    const known = tables.find((t) => t.title === title);
    if (known) {
      if (this.enabled[known.filter]) this.out += `${title}:\n`;
      this.state = 'n';
      return known;
    }
    this.out += `${title}:\n`;
    return { title, entries: undefined, filter: 'unknown' };
  }

  /** netstat's printval(). */
  value(table: Table, name: string, v: number): void {
    if (!this.enabled[table.filter]) return;
    const entry = table.entries ? bsearch(table.entries, name) : undefined;
    if (!entry) {
      if (v !== 0) this.out += `${' '.repeat(INDENT[this.state])}${name}: ${llu(v)}\n`;
      return;
    }
    const [, text, kind0, isStatic] = entry;
    if (isStatic || text === '') return;
    let kind: Kind = kind0;
    if ((kind === 'i' || kind === 'O') && this.state !== kind) {
      this.out += `${' '.repeat(INDENT[this.state])}${HISTOGRAM_TITLE[kind]}\n`;
    }
    let line = '';
    if (kind === 'n' || (kind === 'o' && v !== 0) || ((kind === 'i' || kind === 'O') && v > 0)) {
      line = text.replace('%llu', llu(v));
    } else if (kind === 'f') {
      kind = 'n';
      line = text.replace('%s', v === 2 ? 'enabled' : 'disabled');
    }
    if (line) this.out += `${' '.repeat(INDENT[kind])}${line}\n`;
    this.state = kind;
  }
}

/**
 * The counter files `netstat -s` reads.
 *
 * @example
 * ```ts
 * formatStatistics({ snmp: parseSnmp(snmpText), netstat: parseNetstat(netstatText) });
 * ```
 */
export interface StatisticsInput {
  /** Parsed `/proc/net/snmp`. */
  snmp?: ProtocolStatistics;
  /** Parsed `/proc/net/netstat` (TcpExt, IpExt, MPTcpExt). */
  netstat?: ProtocolStatistics;
  /** Parsed `/proc/net/snmp6` (for `-s -6`). */
  snmp6?: ProtocolStatistics;
}

/**
 * The message netstat prints (on stdout, exit status 1) when `-s` is asked
 * for anything but one IPv4 or one IPv6 family, or `undefined` when the
 * combination is fine. Pass `families` from `parseNetstatArgs` for
 * netstat's exact text (its order and repeats); without it the list is
 * built from the flags in the order unix, inet, inet6.
 *
 * @example
 * ```ts
 * statisticsFamilyError({ inet4: true, inet6: true }, ['inet6', 'inet']);
 * // 'netstat: No statistics support for specified address family: inet6,inet'
 * statisticsFamilyError({ inet6: true }); // undefined
 * ```
 */
export function statisticsFamilyError(
  flags: NetstatFlags = {},
  families?: readonly string[],
): string | undefined {
  let names = families ? [...families] : [];
  if (!families) {
    if (flags.unix) names.push('unix');
    if (flags.inet4) names.push('inet');
    if (flags.inet6) names.push('inet6');
  }
  if (names.length === 0) names = ['inet'];
  const af = names.join(',');
  if (af === 'inet' || af === 'inet6') return undefined;
  return `netstat: No statistics support for specified address family: ${af}`;
}

/**
 * The `netstat -s` report: for IPv4 the Ip, Icmp, Tcp, Udp groups of
 * `/proc/net/snmp` then the groups of `/proc/net/netstat`; for `-6` the
 * Ip6, Icmp6, Udp6 groups of `/proc/net/snmp6` then Tcp from
 * `/proc/net/snmp`. `-t`, `-u`, `-w` limit the known groups (unknown
 * groups such as `IcmpMsg`, `IpExt` always print, as in netstat). Counters
 * keep the file's order.
 *
 * @example
 * ```ts
 * import { parseSnmp } from '@netintro/procnet-reader';
 * formatStatistics({ snmp: parseSnmp('Udp: InDatagrams NoPorts\nUdp: 7 0\n') }, { udp: true });
 * // 'Udp:\n    7 packets received\n    0 packets to unknown port received\n'
 * ```
 */
export function formatStatistics(input: StatisticsInput, flags: NetstatFlags = {}): string {
  const f = resolveFlags({ ...flags, unix: false });
  const p = new Printer({
    raw: f.raw,
    tcp: f.tcp,
    udp: f.udp,
    sctp: f.tcp && f.udp && f.raw,
    unknown: true,
  });
  if (flags.inet6 && !flags.inet4) {
    let current: Table | undefined;
    let title = '';
    for (const [group, counters] of Object.entries(input.snmp6 ?? {})) {
      for (const [name, v] of Object.entries(counters)) {
        if (!current || !name.includes(title)) {
          const six = name.indexOf('6');
          title = six < 0 ? name : name.slice(0, six + 1);
          current = p.table(SNMP6_TABLES, title || group);
        }
        p.value(current, name, v);
      }
    }
    const tcp = input.snmp?.Tcp;
    if (tcp) {
      const t = p.table(SNMP_TABLES, 'Tcp');
      for (const [name, v] of Object.entries(tcp)) p.value(t, name, v);
    }
    return p.out;
  }
  for (const source of [input.snmp, input.netstat]) {
    for (const [group, counters] of Object.entries(source ?? {})) {
      const t = p.table(SNMP_TABLES, group);
      for (const [name, v] of Object.entries(counters)) p.value(t, name, v);
    }
  }
  return p.out;
}
