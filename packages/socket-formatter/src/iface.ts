/**
 * netstat 2.10's interface table (`-i`): counters from `/proc/net/dev`, MTU
 * and flags from the kernel (netstat asks with `SIOCGIFMTU` and
 * `SIOCGIFFLAGS`; the same values are in `/sys/class/net/<name>/mtu` and
 * `/sys/class/net/<name>/flags`).
 *
 * @module
 */

import type { InterfaceCounters } from '@netintro/procnet-reader';
import type { NetstatFlags } from './flags.js';
import { cutEscaped, escapeText, padLeft, padRight } from './text.js';

/**
 * What netstat learns about an interface by ioctl: its MTU and `IFF_*` flags.
 *
 * @example
 * ```ts
 * const lo: InterfaceState = { mtu: 65536, flags: 0x49 }; // UP, LOOPBACK, RUNNING
 * ```
 */
export interface InterfaceState {
  /** `SIOCGIFMTU`, or `/sys/class/net/<name>/mtu`. */
  mtu: number;
  /** `SIOCGIFFLAGS` (`IFF_UP` 0x1, `IFF_BROADCAST` 0x2, ...), or `/sys/class/net/<name>/flags` (hex). */
  flags: number;
}

const IFF_UP = 0x1;

/** Flag letters in netstat's order (`P` appears for both PROMISC and POINTOPOINT). */
const IFF_LETTERS: readonly [number, string][] = [
  [0x200, 'A'], // ALLMULTI
  [0x2, 'B'], // BROADCAST
  [0x4, 'D'], // DEBUG
  [0x8, 'L'], // LOOPBACK
  [0x1000, 'M'], // MULTICAST
  [0x8000, 'd'], // DYNAMIC
  [0x100, 'P'], // PROMISC
  [0x20, 'N'], // NOTRAILERS
  [0x80, 'O'], // NOARP
  [0x10, 'P'], // POINTOPOINT
  [0x800, 's'], // SLAVE
  [0x400, 'm'], // MASTER
  [0x40, 'R'], // RUNNING
  [0x1, 'U'], // UP
];

/**
 * The Flg column: `BMRU`, `LRU`, `[NO FLAGS]` for 0.
 *
 * @example
 * ```ts
 * interfaceFlagsText(0x1043); // 'BMRU'
 * interfaceFlagsText(0x49); // 'LRU'
 * ```
 */
export function interfaceFlagsText(flags: number): string {
  if (flags === 0) return '[NO FLAGS]';
  let s = '';
  for (const [bit, letter] of IFF_LETTERS) if (flags & bit) s += letter;
  return s;
}

/**
 * net-tools' `nstrcmp` order for interface names: digit runs compare as
 * numbers, so `eth2` sorts before `eth10`.
 *
 * @example
 * ```ts
 * ['eth10', 'lo', 'eth2'].sort(compareInterfaceNames); // ['eth2', 'eth10', 'lo']
 * ```
 */
export function compareInterfaceNames(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

/**
 * The interface table as `netstat -i` prints it: interfaces sorted by name,
 * only those that are up unless `-a`. Interfaces without a known state are
 * left out (netstat stops with "error fetching interface information"
 * there).
 *
 * @example
 * ```ts
 * import { parseDev } from '@netintro/procnet-reader';
 * formatInterfaceTable(parseDev(devText), (name) => ({ mtu: 65536, flags: 0x49 }), {});
 * // Kernel Interface table
 * // Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
 * // lo              65536   152942      0      0 0        152942      0      0      0 LRU
 * ```
 */
export function formatInterfaceTable(
  counters: readonly InterfaceCounters[],
  state: (iface: string) => InterfaceState | undefined,
  flags: NetstatFlags = {},
): string {
  let out =
    'Kernel Interface table\nIface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';
  const sorted = [...counters].sort((a, b) => compareInterfaceNames(a.iface, b.iface));
  for (const c of sorted) {
    const st = state(c.iface);
    if (!st) continue;
    if (!(st.flags & IFF_UP) && !flags.all) continue;
    out +=
      `${padRight(cutEscaped(escapeText(c.iface), 15), 15)} ${padLeft(String(st.mtu), 5)} ` +
      `${padLeft(String(c.rx.packets), 8)} ${padLeft(String(c.rx.errs), 6)} ` +
      `${padLeft(String(c.rx.drop), 6)} ${padRight(String(c.rx.fifo), 6)} ` +
      `${padLeft(String(c.tx.packets), 8)} ${padLeft(String(c.tx.errs), 6)} ` +
      `${padLeft(String(c.tx.drop), 6)} ${padLeft(String(c.tx.fifo), 6)} ` +
      `${interfaceFlagsText(st.flags)}\n`;
  }
  return out;
}

/**
 * Builds the state netstat gets by ioctl from what sysfs shows (the record
 * procnet-reader's `readInterfaceSysfs` returns): `/sys/class/net/<name>/flags`
 * lacks `IFF_RUNNING`, which the kernel adds for `SIOCGIFFLAGS` when the
 * interface is up and its operstate is `up` or `unknown`.
 *
 * @example
 * ```ts
 * interfaceStateFromSysfs({ mtu: 65536, flags: 0x9, operstate: 'unknown' }); // { mtu: 65536, flags: 0x49 }
 * ```
 */
export function interfaceStateFromSysfs(sysfs: {
  mtu: number;
  flags: number;
  operstate: string;
}): InterfaceState {
  let f = sysfs.flags & ~0x40;
  const state = sysfs.operstate.trim();
  if (f & IFF_UP && (state === 'up' || state === 'unknown')) f |= 0x40;
  return { mtu: sysfs.mtu, flags: f };
}
