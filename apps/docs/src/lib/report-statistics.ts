/**
 * `-s` on pasted /proc/net/snmp and /proc/net/netstat text, for the
 * playground (its own chunk).
 */
import { parseNetstat, parseSnmp } from '@netintro/procnet-reader';
import { formatStatistics, type NetstatFlags } from '@netintro/socket-formatter';
import type { PipelineInput } from './pipeline';
import type { ExtraOptions } from './reports';

export function runStatistics(
  input: PipelineInput,
  flags: NetstatFlags,
  extra: ExtraOptions,
): string {
  return formatStatistics(
    {
      snmp: parseSnmp(input.snmp ?? '', extra('snmp')),
      netstat: parseNetstat(input.netstat ?? '', extra('netstat')),
    },
    flags,
  );
}
