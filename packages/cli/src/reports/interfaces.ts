/**
 * The interface table report (`-i`, `-ia`), as a table or `--json`.
 *
 * @module
 */
import { readInterfaceSysfs, readInterfaces } from '@netintro/procnet-reader/node';
import {
  formatInterfaceTable,
  type InterfaceState,
  interfaceStateFromSysfs,
  type NetstatArgs,
} from '@netintro/socket-formatter';
import type { CliIo } from '../io.js';

/**
 * Prints the counters of `/proc/net/dev` with each interface's MTU and
 * flags from sysfs.
 *
 * @example
 * ```ts
 * await showInterfaces(args, io); // netintro -i
 * ```
 */
export async function showInterfaces(args: NetstatArgs, io: CliIo): Promise<void> {
  const counters = await readInterfaces({ root: io.procRoot ?? '/proc' });
  const sysRoot = io.sysRoot ?? '/sys';
  const states = new Map<string, InterfaceState>();
  for (const c of counters) {
    let sys: ReturnType<typeof readInterfaceSysfs>;
    try {
      sys = readInterfaceSysfs(c.iface, { sysRoot });
    } catch {
      continue; // unreadable: no row, as when netstat's ioctl fails
    }
    if (sys) states.set(c.iface, interfaceStateFromSysfs(sys.mtu, sys.flags, sys.operstate));
  }
  if (args.json) {
    const interfaces = counters.map((c) => ({ ...c, ...states.get(c.iface) }));
    io.stdout(`${JSON.stringify({ version: 1, interfaces }, null, 2)}\n`);
    return;
  }
  io.stdout(formatInterfaceTable(counters, (name) => states.get(name), args.flags));
}
