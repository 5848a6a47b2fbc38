// Golden files: the REAL netstat 2.10 rendered each fixture (scripts/make-goldens.sh);
// here the same fixture goes parse -> format and must match byte for byte, except
// for the deliberate differences listed in DELIBERATE (each one asserted to occur).
import { readFileSync } from 'node:fs';
import { type InterfaceCounters, parseIfInet6, type SocketProcess } from '@netintro/procnet-reader';
import { describe, expect, it } from 'vitest';
import {
  formatInterfaceDetails,
  formatInterfaceTable,
  formatNetstat,
  formatReport,
  formatRoutes,
  formatStatistics,
  type InterfaceDetails,
  type InterfaceState,
  interfaceStateFromSysfs,
  parseNetstatArgs,
  type Resolvers,
} from '../src/index.js';
import { padRight } from '../src/text.js';
import { etcResolvers, goldenMatrix, loadCase } from './helpers.js';

/** golden text -> what we print instead, per case (see README "Deliberate differences"). */
const DELIBERATE: Record<string, [netstat: RegExp, ours: string | ((...m: string[]) => string)][]> =
  {
    // netstat reads the path with sscanf %s and stops at the first space.
    unix: [
      [/(DISCONNECTING 3900000109 (?:-\s+)?)\/tmp\/demo\/with$/m, '$1/tmp/demo/with space.sock'],
      [/(3900000110 (?:-\s+)?)\/tmp\/demo\/with$/m, '$1/tmp/demo/with space listening.sock'],
    ],
    // TCP states 0x0C, 0x0D and 0x00: netstat indexes past (or into the empty
    // first slot of) its state table; we print UNKNOWN.
    odd: [
      [/LISTENING {2}/, 'UNKNOWN    '],
      [/CONN SENT {2}/, 'UNKNOWN    '],
      [/(127\.0\.0\.2:54323 {9}) {11}/, '$1UNKNOWN    '],
    ],
    live: [
      // UNIX path with a space, cut by netstat.
      [/\/tmp\/netintro$/gm, '/tmp/netintro live one.sock'],
      // argv[0] "ev<ESC>[31mil<LF>name": netstat prints the raw bytes (pid/name
      // cut to 19, newline included); we print \xHH escapes, cut before a
      // partial escape. How much fits depends on the pid's digits.
      [
        /(\d+)\/ev\x1b\[31mil\n(?:n(?:a(?:me?)?)?)?( *)/g,
        (m, pid, spaces) => {
          // The spaces that padded netstat's field to 20 go; those after it stay.
          const pad = Math.max(0, 20 - (m.length - spaces.length));
          return escapedProgram(`${pid}/`) + spaces.slice(pad);
        },
      ],
    ],
  };

const resolvers = etcResolvers();

/** `prefix` + the live case's escaped argv[0], whole characters and escapes up to 19, padded to 20. */
function escapedProgram(prefix: string): string {
  let text = prefix;
  for (const piece of [
    'e',
    'v',
    '\\x1B',
    '[',
    '3',
    '1',
    'm',
    'i',
    'l',
    '\\x0A',
    'n',
    'a',
    'm',
    'e',
  ]) {
    if (text.length + piece.length > 19) break;
    text += piece;
  }
  return padRight(text, 20);
}

/**
 * The live case: processes make-goldens.sh started held these inodes; the
 * program name is argv[0] (hex in the file), its basename when it starts
 * with '/', as netstat takes it.
 */
function liveResolvers(): Resolvers {
  const text = readFileSync(`${import.meta.dirname}/fixtures/live/processes.txt`, 'utf8');
  const byInode = new Map<string, SocketProcess>();
  for (const line of text.trim().split('\n')) {
    const [inode, pid, fd, hex] = line.split(' ');
    const argv0 = Buffer.from(hex!, 'hex').toString('utf8');
    const command = argv0.startsWith('/') ? argv0.slice(argv0.lastIndexOf('/') + 1) : argv0;
    if (!byInode.has(inode!)) byInode.set(inode!, { pid: Number(pid), fd: Number(fd), command });
  }
  return { ...resolvers, processes: (inode) => byInode.get(inode) };
}

/** One line of sysfs-state.txt as procnet-reader's readInterfaceSysfs returns it. */
function sysfs(mtu: string, flags: string, operstate: string) {
  return { mtu: Number(mtu), flags: Number.parseInt(flags, 16), operstate };
}

/** MTU and flags of the interfaces make-goldens.sh created, as sysfs showed them. */
function interfaceStates(): Map<string, InterfaceState> {
  const text = readFileSync(`${import.meta.dirname}/golden/iface/sysfs-state.txt`, 'utf8');
  const map = new Map<string, InterfaceState>();
  for (const line of text.trim().split('\n')) {
    const [name, mtu, flags, operstate] = line.split(' ');
    map.set(name!, interfaceStateFromSysfs(sysfs(mtu!, flags!, operstate!)));
  }
  return map;
}

/** Dotted netmask of a prefix length. */
function netmask(prefix: number): string {
  const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 0xff).join('.');
}

/**
 * The ifdetail case: what netstat learned by ioctl, rebuilt from what sysfs
 * and `ip -j addr` showed in the namespace make-goldens.sh built
 * (golden/ifdetail/{sysfs-state,ipv4}.txt), plus the fixture's counters.
 * IPv4: the first non-secondary address carrying the name as its label;
 * labels that are no device name (veth0:1) become entries of their own
 * with their device's link facts and no counters, as SIOCGIFCONF lists them.
 */
function interfaceDetails(dev: readonly InterfaceCounters[]): InterfaceDetails[] {
  const dir = `${import.meta.dirname}/golden/ifdetail`;
  const links = new Map<string, Omit<InterfaceDetails, 'name'>>();
  for (const line of readFileSync(`${dir}/sysfs-state.txt`, 'utf8').trim().split('\n')) {
    const [name, type, address, txq, mtu, flags, operstate] = line.split(' ');
    const st = interfaceStateFromSysfs(sysfs(mtu!, flags!, operstate!));
    links.set(name!, {
      flags: st.flags,
      mtu: st.mtu,
      hardwareType: Number(type),
      hardwareAddress: address === '-' ? '' : address!,
      txQueueLength: Number(txq),
    });
  }
  const out = new Map<string, InterfaceDetails>();
  for (const [name, link] of links) {
    const counters = dev.find((c) => c.iface === name);
    out.set(name, { name, ...link, ...(counters ? { counters } : {}) });
  }
  for (const line of readFileSync(`${dir}/ipv4.txt`, 'utf8').trim().split('\n')) {
    const [label, address, prefix, broadcast, peer, secondary] = line.split(' ');
    if (secondary === '1') continue;
    let entry = out.get(label!);
    if (!entry) {
      const link = links.get(label!.split(':')[0]!)!;
      entry = { name: label!, ...link };
      out.set(label!, entry);
    }
    if (entry.ipv4) continue;
    entry.ipv4 = { address: address!, netmask: netmask(Number(prefix)), broadcast: '0.0.0.0' };
    if (broadcast !== '-') entry.ipv4.broadcast = broadcast!;
    if (peer !== '-') entry.ipv4.destination = peer!;
  }
  return [...out.values()];
}

describe('golden files from the real netstat', () => {
  const matrix = goldenMatrix();
  it('covers at least 40 flag combinations', () => {
    expect(matrix.length).toBeGreaterThanOrEqual(40);
  });
  for (const g of matrix) {
    it(`${g.caseName}: netstat ${g.flags}`, () => {
      let expected = readFileSync(g.file, 'utf8');
      for (const [from, to] of DELIBERATE[g.caseName] ?? []) {
        expected = expected.replace(from, to as string);
      }
      const args = parseNetstatArgs(g.flags.split(' '));
      if (!args.ok) throw new Error(args.message);
      const input = loadCase(g.caseName);
      let actual: string;
      if (args.mode === 'route') actual = formatRoutes(input, args.flags, resolvers);
      else if (args.mode === 'interfaces' && args.flags.extend) {
        const ipv6 = parseIfInet6(readFileSync(`${input.dir}/if_inet6`, 'utf8'));
        actual = formatInterfaceDetails(interfaceDetails(input.dev), ipv6, args.flags);
      } else if (args.mode === 'interfaces') {
        const states = interfaceStates();
        actual = formatInterfaceTable(input.dev, (n) => states.get(n), args.flags);
      } else if (args.mode === 'statistics') actual = formatStatistics(input, args.flags);
      else if (args.mode === 'groups')
        actual = formatReport('groups', input, args.flags, resolvers);
      else if (g.caseName === 'live') actual = formatNetstat(input, args.flags, liveResolvers());
      else actual = formatNetstat(input, args.flags, resolvers);
      expect(actual).toBe(expected);
    });
  }
  it('the deliberate differences really occur in the goldens', () => {
    const unix = readFileSync(`${import.meta.dirname}/golden/unix/netstat_-ax.txt`, 'utf8');
    for (const [from] of DELIBERATE.unix!) expect(unix).toMatch(from);
    const odd = readFileSync(`${import.meta.dirname}/golden/odd/netstat_-an.txt`, 'utf8');
    for (const [from] of DELIBERATE.odd!) expect(odd).toMatch(from);
    const live = readFileSync(`${import.meta.dirname}/golden/live/netstat_-ap.txt`, 'utf8');
    for (const [from] of DELIBERATE.live!) expect(live).toMatch(new RegExp(from.source, 'm'));
  });
});
