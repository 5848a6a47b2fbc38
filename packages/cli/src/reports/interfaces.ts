/**
 * The interface reports: the table (`-i`, `-ia`) and the ifconfig-style
 * blocks (`-ie`, `-iea`), as text or `--json`.
 *
 * @module
 */
import {
  readInterfaceDetails,
  readInterfaceSysfs,
  readInterfaces,
  sysfsMatches,
} from '@netintro/procnet-reader/node';
import {
  formatInterfaceDetails,
  formatInterfaceTable,
  type InterfaceState,
  interfaceDetailsJson,
  interfaceStateFromSysfs,
  interfacesJson,
} from '@netintro/socket-formatter';
import { type CliArgs, type CliIo, jsonOptions, jsonText, netRoot } from '../io.js';

/**
 * The sysfs that shows the namespace being read: `io.sysRoot` (default
 * `/sys`), or with `--netns` the target's own `/sys` (`/proc/<pid>/root/sys`)
 * when it lists the same interfaces; undefined when none does.
 */
function sysfsFor(io: CliIo): string | undefined {
  const sys = io.sysRoot ?? '/sys';
  if (io.netRoot === undefined) return sys;
  for (const candidate of [`${io.netRoot}/root/sys`, sys]) {
    if (sysfsMatches(io.netRoot, candidate)) return candidate;
  }
  return undefined;
}

/**
 * Prints the counters of `/proc/net/dev` with each interface's MTU and
 * flags from sysfs (`-i`), or the long blocks with addresses (`-ie`).
 * Returns the exit status.
 *
 * @example
 * ```ts
 * await showInterfaces(args, io); // netintro -i
 * ```
 */
export async function showInterfaces(args: CliArgs, io: CliIo): Promise<number> {
  const sys = sysfsFor(io);
  if (sys === undefined) {
    io.stderr(
      'netintro: -i in another network namespace needs a sysfs of that namespace ' +
        '(/proc/<pid>/root/sys), and none lists its interfaces\n',
    );
    return 1;
  }
  const root = netRoot(io);
  if ((args.flags.extend ?? 0) > 0) {
    const { interfaces, ipv6 } = readInterfaceDetails({
      root,
      sysRoot: sys,
      useOs: io.netRoot === undefined && root === '/proc',
    });
    if (args.json) {
      io.stdout(jsonText(interfaceDetailsJson(interfaces, ipv6, jsonOptions(args)), args));
      return 0;
    }
    io.stdout(formatInterfaceDetails(interfaces, ipv6, args.flags));
    return 0;
  }
  const counters = await readInterfaces({ root });
  const states = new Map<string, InterfaceState>();
  for (const c of counters) {
    let sysfs: ReturnType<typeof readInterfaceSysfs>;
    try {
      sysfs = readInterfaceSysfs(c.iface, { sysRoot: sys });
    } catch {
      continue; // unreadable: no row, as when netstat's ioctl fails
    }
    if (sysfs) {
      states.set(c.iface, interfaceStateFromSysfs(sysfs));
    }
  }
  if (args.json) {
    const doc = interfacesJson(counters, (name) => states.get(name), jsonOptions(args));
    io.stdout(jsonText(doc, args));
    return 0;
  }
  io.stdout(formatInterfaceTable(counters, (name) => states.get(name), args.flags));
  return 0;
}
