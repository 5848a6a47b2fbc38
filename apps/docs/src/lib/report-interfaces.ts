/**
 * `-i` on pasted /proc/net/dev text, for the playground (its own chunk).
 */
import { parseDev } from '@netintro/procnet-reader';
import { formatInterfaceTable, type NetstatFlags } from '@netintro/socket-formatter';
import type { PipelineInput } from './pipeline';
import type { ExtraOptions } from './reports';

/**
 * netstat's MTU and flags for `-i` come from the kernel by ioctl, not from
 * /proc/net/dev. Pasted text has neither, so the playground assumes what a
 * typical machine has: loopback at MTU 65536 (LRU), every other interface
 * an up Ethernet link at MTU 1500 (BMRU).
 */
export function assumedInterfaceState(iface: string): { mtu: number; flags: number } {
  return iface === 'lo' ? { mtu: 65536, flags: 0x49 } : { mtu: 1500, flags: 0x1043 };
}

export function runInterfaces(
  input: PipelineInput,
  flags: NetstatFlags,
  extra: ExtraOptions,
): string {
  return formatInterfaceTable(
    parseDev(input.dev ?? '', extra('dev')),
    assumedInterfaceState,
    flags,
  );
}
