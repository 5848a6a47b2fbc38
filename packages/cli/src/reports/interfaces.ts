/**
 * The interface table report (`-i`, `-ia`), as a table or `--json`.
 *
 * @module
 */
import { readInterfaces } from '@netintro/procnet-reader/node';
import {
  formatInterfaceTable,
  type InterfaceState,
  interfaceStateFromSysfs,
  type NetstatArgs,
} from '@netintro/socket-formatter';
import { readText } from '../files.js';
import { type CliIo, jsonText, netRoot } from '../io.js';

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
  const counters = await readInterfaces({ root: netRoot(io) });
  const sys = io.sysRoot ?? '/sys';
  const states = new Map<string, InterfaceState>();
  await Promise.all(
    counters.map(async (c) => {
      const dir = `${sys}/class/net/${c.iface}`;
      const [mtu, flags, operstate] = await Promise.all([
        readText(`${dir}/mtu`),
        readText(`${dir}/flags`),
        readText(`${dir}/operstate`),
      ]);
      if (mtu !== undefined && flags !== undefined) {
        states.set(c.iface, interfaceStateFromSysfs(mtu, flags, operstate ?? 'unknown'));
      }
    }),
  );
  if (args.json) {
    const interfaces = counters.map((c) => ({ ...c, ...states.get(c.iface) }));
    io.stdout(jsonText({ version: 1, interfaces }, args.continuous));
    return;
  }
  io.stdout(formatInterfaceTable(counters, (name) => states.get(name), args.flags));
}
