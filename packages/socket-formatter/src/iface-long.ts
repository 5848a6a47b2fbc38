/**
 * netstat 2.10's long interface list (`-ie`, the ifconfig-style blocks).
 * netstat gathers most of it by ioctl (`SIOCGIFFLAGS`, `SIOCGIFMTU`,
 * `SIOCGIFHWADDR`, `SIOCGIFTXQLEN`, `SIOCGIFMAP`, `SIOCGIFADDR`,
 * `SIOCGIFNETMASK`, `SIOCGIFBRDADDR`, `SIOCGIFDSTADDR`), the counters from
 * `/proc/net/dev` and the IPv6 addresses from `/proc/net/if_inet6`. This
 * module only renders: the caller passes those facts as plain data.
 *
 * @module
 */

import type { InterfaceAddress6, InterfaceInfo } from '@netintro/procnet-reader';
import type { NetstatFlags } from './flags.js';
import { compareInterfaceNames } from './iface.js';
import { inetNtop6 } from './inet.js';

/**
 * One entry of netstat's interface list: a device (named as in
 * `/proc/net/dev`) or an IPv4 alias label such as `eth0:1` (which has no
 * counters of its own).
 *
 * @example
 * ```ts
 * const lo: InterfaceDetails = {
 *   name: 'lo', flags: 0x49, mtu: 65536, hardwareType: 772, hardwareAddress: '00:00:00:00:00:00',
 *   txQueueLength: 1000, ipv4: { address: '127.0.0.1', netmask: '255.0.0.0' },
 * };
 * ```
 */
export interface InterfaceDetails extends InterfaceInfo {
  /** `SIOCGIFMAP` (old ISA/PCI drivers); zero or absent for most devices. */
  map?: {
    irq?: number;
    baseAddress?: number;
    memoryStart?: number;
    memoryEnd?: number;
    dma?: number;
    port?: number;
  };
}

interface HardwareType {
  name: string;
  title: string;
  /** How netstat prints the address; undefined: not at all. */
  print?: (bytes: readonly number[]) => string;
}

const hex2 = (b: number | undefined): string => (b ?? 0).toString(16).padStart(2, '0');
const HEX2 = (b: number | undefined): string => hex2(b).toUpperCase();
const join = (bytes: readonly number[], n: number, sep: string, f: (b?: number) => string) =>
  Array.from({ length: n }, (_, i) => f(bytes[i])).join(sep);

/** What netstat's `unspec` type prints: 8 bytes of `SIOCGIFHWADDR`, then 8 zero bytes. */
const printUnspec = (bytes: readonly number[]): string =>
  Array.from({ length: 16 }, (_, i) => HEX2(i < 8 ? bytes[i] : 0)).join('-');

const UNSPEC: HardwareType = { name: 'unspec', title: 'UNSPEC', print: printUnspec };

/**
 * The hardware types net-tools 2.10 (as Debian builds it) knows, by
 * `ARPHRD_*` number. Types whose address printer is left out here
 * (AX.25, NET/ROM, ROSE, X.25, Ash, DLCI, IrDA, InfiniBand) print the name
 * and title only; every type net-tools does not know is `unspec`.
 */
const HARDWARE_TYPES: ReadonlyMap<number, HardwareType> = new Map<number, HardwareType>([
  [1, { name: 'ether', title: 'Ethernet', print: (b) => join(b, 6, ':', hex2) }],
  [772, { name: 'loop', title: 'Local Loopback' }],
  [256, { name: 'slip', title: 'Serial Line IP' }],
  [257, { name: 'cslip', title: 'VJ Serial Line IP' }],
  [258, { name: 'slip6', title: '6-bit Serial Line IP' }],
  [259, { name: 'cslip6', title: 'VJ 6-bit Serial Line IP' }],
  [264, { name: 'adaptive', title: 'Adaptive Serial Line IP' }],
  [781, { name: 'ash', title: 'Ash' }],
  [3, { name: 'ax25', title: 'AMPR AX.25' }],
  [0, { name: 'netrom', title: 'AMPR NET/ROM' }],
  [270, { name: 'rose', title: 'AMPR ROSE' }],
  [768, { name: 'tunnel', title: 'IPIP Tunnel', print: () => '' }],
  [512, { name: 'ppp', title: 'Point-to-Point Protocol' }],
  [513, { name: 'hdlc', title: '(Cisco)-HDLC' }],
  [516, { name: 'lapb', title: 'LAPB' }],
  [7, { name: 'arcnet', title: 'ARCnet', print: (b) => HEX2(b[0]) }],
  [15, { name: 'dlci', title: 'Frame Relay DLCI' }],
  [770, { name: 'frad', title: 'Frame Relay Access Device' }],
  [776, { name: 'sit', title: 'IPv6-in-IPv4' }],
  [
    774,
    {
      name: 'fddi',
      title: 'Fiber Distributed Data Interface',
      print: (b) => join(b, 6, '-', HEX2),
    },
  ],
  [780, { name: 'hippi', title: 'HIPPI', print: (b) => join(b, 6, ':', HEX2) }],
  [783, { name: 'irda', title: 'IrLAP' }],
  [271, { name: 'x25', title: 'generic X.25' }],
  [32, { name: 'infiniband', title: 'InfiniBand' }],
  [27, { name: 'eui64', title: 'Generic EUI-64', print: (b) => join(b, 8, ':', HEX2) }],
]);

/**
 * The hardware type name and title netstat prints for an `ARPHRD_*` number
 * (`unspec`/`UNSPEC` for types it does not know, such as 65534 for tun).
 *
 * @example
 * ```ts
 * hardwareTypeText(1); // { name: 'ether', title: 'Ethernet' }
 * hardwareTypeText(65534); // { name: 'unspec', title: 'UNSPEC' }
 * ```
 */
export function hardwareTypeText(type: number): { name: string; title: string } {
  const t = HARDWARE_TYPES.get(type) ?? UNSPEC;
  return { name: t.name, title: t.title };
}

/** `flags=` names in the order netstat 2.10 prints them. */
const FLAG_NAMES: readonly [number, string][] = [
  [0x1, 'UP'],
  [0x2, 'BROADCAST'],
  [0x4, 'DEBUG'],
  [0x8, 'LOOPBACK'],
  [0x10, 'POINTOPOINT'],
  [0x20, 'NOTRAILERS'],
  [0x40, 'RUNNING'],
  [0x80, 'NOARP'],
  [0x100, 'PROMISC'],
  [0x200, 'ALLMULTI'],
  [0x800, 'SLAVE'],
  [0x400, 'MASTER'],
  [0x1000, 'MULTICAST'],
  [0x8000, 'DYNAMIC'],
];

/** netstat's habit: a list built as `<A,B,` ends in `>`, one that gained nothing loses its last char. */
function closeList(s: string): string {
  return s.endsWith(',') ? `${s.slice(0, -1)}>` : s.slice(0, -1);
}

/**
 * The `flags=` text of an interface block. The kernel hands netstat only
 * the low 16 bits (`ifr_flags` is a short).
 *
 * @example
 * ```ts
 * interfaceFlagsLongText(0x1043); // 'flags=4163<UP,BROADCAST,RUNNING,MULTICAST>'
 * interfaceFlagsLongText(0x9043); // 'flags=-28605<UP,BROADCAST,RUNNING,MULTICAST,DYNAMIC>'
 * interfaceFlagsLongText(0); // 'flags=0<'
 * ```
 */
export function interfaceFlagsLongText(flags: number): string {
  const f = flags & 0xffff;
  let s = `flags=${(f << 16) >> 16}<`; // a signed short: DYNAMIC (0x8000) makes it negative
  if (f === 0) s += '>';
  for (const [bit, name] of FLAG_NAMES) if (f & bit) s += `${name},`;
  return closeList(s);
}

/** The `<global>`/`<link>`/... suffix netstat derives from the if_inet6 scope. */
function scopeText(scope: number): string {
  let rest = scope;
  let s = '<';
  if (rest & 0x80) {
    s += 'compat,';
    rest -= 0x80;
  }
  if (rest === 0) s += 'global,';
  if (rest & 0x20) s += 'link,';
  if (rest & 0x40) s += 'site,';
  if (rest & 0x10) s += 'host,';
  return closeList(s);
}

// BigInt shifts count as effects to bundlers; the annotation says this table has none.
const UNITS: readonly [bigint, string][] = /* @__PURE__ */ (() => [
  [1n << 50n, 'PiB'],
  [1n << 40n, 'TiB'],
  [1n << 30n, 'GiB'],
  [1n << 20n, 'MiB'],
  [1n << 10n, 'KiB'],
])();

/**
 * A byte count as netstat shows it after the number: one decimal, binary
 * units, rounded down, switching unit only *above* 1024 of the smaller one.
 *
 * @example
 * ```ts
 * interfaceBytesText(1024); // '1024.0 B'
 * interfaceBytesText(9389716); // '8.9 MiB'
 * ```
 */
export function interfaceBytesText(bytes: number | bigint): string {
  const n = BigInt(bytes);
  let short = n * 10n;
  let unit = 'B';
  if (n > 1n << 60n) {
    short = n / 115292150460684697n;
    unit = 'EiB';
  } else {
    for (const [size, name] of UNITS) {
      if (n > size) {
        short /= size;
        unit = name;
        break;
      }
    }
  }
  return `${short / 10n}.${short % 10n} ${unit}`;
}

function parseHardwareAddress(text: string | undefined): number[] {
  if (!text) return [];
  return text.split(':').map((h) => Number.parseInt(h, 16) & 0xff);
}

/** A counter in decimal, exact even above 2^53 where `String()` would round. */
const u = (n: number): string => (Number.isSafeInteger(n) ? String(n) : BigInt(n).toString());

const IFF_UP = 0x1;
const IFF_BROADCAST = 0x2;
const IFF_POINTOPOINT = 0x10;
const IFF_PORTSEL = 0x2000;
const IFF_AUTOMEDIA = 0x4000;
const PORT_NAMES = ['unknown', '10base2', '10baseT', 'AUI', '100baseT', '100baseTX', '100baseFX'];

/**
 * One interface block as netstat 2.10's `-ie` (and `ifconfig`) prints it,
 * ending with its blank line. IPv6 addresses are taken from `ipv6` in
 * file order, matched by interface name.
 *
 * @example
 * ```ts
 * formatInterfaceBlock({ name: 'lo', flags: 0x49, mtu: 65536, hardwareType: 772, txQueueLength: 1000 }, []);
 * // 'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        loop  txqueuelen 1000  (Local Loopback)\n\n'
 * ```
 */
export function formatInterfaceBlock(
  iface: InterfaceDetails,
  ipv6: readonly InterfaceAddress6[],
): string {
  const flags = iface.flags & 0xffff;
  let out = `${iface.name}: ${interfaceFlagsLongText(flags)}  mtu ${iface.mtu}\n`;
  if (iface.ipv4) {
    const v4 = iface.ipv4;
    out += `        inet ${v4.address}  netmask ${v4.netmask}`;
    if (flags & IFF_BROADCAST) out += `  broadcast ${v4.broadcast ?? '[NONE SET]'}`;
    if (flags & IFF_POINTOPOINT) out += `  destination ${v4.destination ?? '[NONE SET]'}`;
    out += '\n';
  }
  for (const a of ipv6) {
    if (a.iface !== iface.name) continue;
    // netstat drops the ::ffff: of an IPv4-mapped address.
    const text = inetNtop6(a.address).replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    out +=
      `        inet6 ${text}  prefixlen ${a.prefixLength}` +
      `  scopeid 0x${a.scope.toString(16)}${scopeText(a.scope)}\n`;
  }
  const hw = HARDWARE_TYPES.get(iface.hardwareType) ?? UNSPEC;
  out += hw.print
    ? `        ${hw.name} ${hw.print(parseHardwareAddress(iface.hardwareAddress))}`
    : `        ${hw.name}`;
  if (iface.txQueueLength !== undefined) out += `  txqueuelen ${iface.txQueueLength}`;
  out += `  (${hw.title})\n`;
  const map = iface.map ?? {};
  if (flags & IFF_PORTSEL) {
    out += `        media ${PORT_NAMES[map.port ?? 0] ?? ''}`;
    if (flags & IFF_AUTOMEDIA) out += 'autoselect';
    out += '\n';
  }
  const c = iface.counters;
  if (c) {
    const compressed = iface.hardwareType === 257 || iface.hardwareType === 259; // CSLIP, CSLIP6
    out += `        RX packets ${u(c.rx.packets)}  bytes ${u(c.rx.bytes)} (${interfaceBytesText(c.rx.bytes)})\n`;
    if (compressed) out += `        RX compressed:${u(c.rx.compressed)}\n`;
    out += `        RX errors ${u(c.rx.errs)}  dropped ${u(c.rx.drop)}  overruns ${u(c.rx.fifo)}  frame ${u(c.rx.frame)}\n`;
    out += `        TX packets ${u(c.tx.packets)}  bytes ${u(c.tx.bytes)} (${interfaceBytesText(c.tx.bytes)})\n`;
    if (compressed) out += `        TX compressed ${u(c.tx.compressed)}\n`;
    out +=
      `        TX errors ${u(c.tx.errs)}  dropped ${u(c.tx.drop)} overruns ${u(c.tx.fifo)}` +
      `  carrier ${u(c.tx.carrier)}  collisions ${u(c.tx.colls)}\n`;
  }
  const irq = map.irq ?? 0;
  const base = map.baseAddress ?? 0;
  const mem = map.memoryStart ?? 0;
  const dma = map.dma ?? 0;
  if (irq || mem || dma || base >= 0x100) {
    out += '        device ';
    if (irq) out += `interrupt ${irq}  `;
    if (base >= 0x100) out += `base 0x${base.toString(16)}  `;
    if (mem) out += `memory 0x${mem.toString(16)}-${(map.memoryEnd ?? 0).toString(16)}  `;
    if (dma) out += `  dma 0x${dma.toString(16)}`;
    out += '\n';
  }
  return `${out}\n`;
}

/**
 * The long interface list as `netstat -ie` prints it: `Kernel Interface
 * table`, then one block per interface sorted by name (net-tools' order:
 * `eth2` before `eth10`, `eth0` before its alias `eth0:1`), only those that
 * are up unless `-a`.
 *
 * @example
 * ```ts
 * import { parseDev, parseIfInet6 } from '@netintro/procnet-reader';
 * const counters = parseDev(devText);
 * formatInterfaceDetails(
 *   [{ name: 'lo', flags: 0x49, mtu: 65536, hardwareType: 772, txQueueLength: 1000,
 *      ipv4: { address: '127.0.0.1', netmask: '255.0.0.0' },
 *      counters: counters.find((c) => c.iface === 'lo') }],
 *   parseIfInet6(ifInet6Text),
 *   { extend: 1 },
 * );
 * // Kernel Interface table
 * // lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
 * //         inet 127.0.0.1  netmask 255.0.0.0
 * //         inet6 ::1  prefixlen 128  scopeid 0x10<host>
 * //         loop  txqueuelen 1000  (Local Loopback)
 * //         RX packets 0  bytes 0 (0.0 B)
 * // ...
 * ```
 */
export function formatInterfaceDetails(
  interfaces: readonly InterfaceDetails[],
  ipv6: readonly InterfaceAddress6[],
  flags: NetstatFlags = {},
): string {
  let out = 'Kernel Interface table\n';
  const sorted = [...interfaces].sort((a, b) => compareInterfaceNames(a.name, b.name));
  for (const iface of sorted) {
    if (!(iface.flags & IFF_UP) && !flags.all) continue;
    out += formatInterfaceBlock(iface, ipv6);
  }
  return out;
}
