/**
 * netstat's other reports on pasted text: `-r` (from /proc/net/route), `-i`
 * (/proc/net/dev) and `-s` (/proc/net/snmp and netstat), through the
 * packages' pure entries. A separate module so the playground loads these
 * formatters only when the reader asks for one of them; socket tables go
 * to runPipeline as before.
 */
import {
  type ParseIssue,
  parseDev,
  parseHosts,
  parseNetstat,
  parseRoute,
  parseSnmp,
} from '@netintro/procnet-reader';
import {
  formatInterfaceTable,
  formatRoutes,
  formatStatistics,
  hostsResolverFromEntries,
  parseNetstatArgs,
} from '@netintro/socket-formatter';
import {
  type ExtraInput,
  type PipelineInput,
  type PipelineIssue,
  type PipelineResult,
  runPipeline,
  toIssue,
} from './pipeline';

/**
 * netstat's MTU and flags for `-i` come from the kernel by ioctl, not from
 * /proc/net/dev. Pasted text has neither, so the playground assumes what a
 * typical machine has: loopback at MTU 65536 (LRU), every other interface
 * an up Ethernet link at MTU 1500 (BMRU).
 */
export function assumedInterfaceState(iface: string): { mtu: number; flags: number } {
  return iface === 'lo' ? { mtu: 65536, flags: 0x49 } : { mtu: 1500, flags: 0x1043 };
}

/** Runs whatever report `input.argv` asks for: a socket table, `-r`, `-i` or `-s`. */
export function runReport(input: PipelineInput): PipelineResult {
  const args = parseNetstatArgs(input.argv);
  if (!args.ok || args.json || !['route', 'interfaces', 'statistics'].includes(args.mode)) {
    return runPipeline(input);
  }
  const issues: PipelineIssue[] = [];
  const endianness = input.endianness ?? 'little';
  const extra = (name: ExtraInput) => ({
    source: `/proc/net/${name}`,
    endianness,
    onInvalidLine: (issue: Omit<ParseIssue, 'code'>) => issues.push(toIssue(name, issue)),
  });
  // The report functions one by one, not formatReport: formatReport lives
  // beside formatNetstat, which the playground always loads, and would pull
  // every report's tables into that shared chunk.
  let text: string;
  if (args.mode === 'route') {
    text = formatRoutes({ route: parseRoute(input.route ?? '', extra('route')) }, args.flags, {
      hosts: hostsResolverFromEntries(parseHosts(input.hosts ?? '')),
    });
  } else if (args.mode === 'interfaces') {
    text = formatInterfaceTable(
      parseDev(input.dev ?? '', extra('dev')),
      assumedInterfaceState,
      args.flags,
    );
  } else {
    text = formatStatistics(
      {
        snmp: parseSnmp(input.snmp ?? '', extra('snmp')),
        netstat: parseNetstat(input.netstat ?? '', extra('netstat')),
      },
      args.flags,
    );
  }
  return { ok: true, text, issues, sockets: 0, head: '', rows: [] };
}
