/**
 * The body of the `netintro` command, separate from the entry point so
 * tests can run it in-process with injected I/O.
 *
 * @module
 */

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type {
  InetSocket,
  InetTableName,
  ParseIssue,
  SocketProcess,
  UnixSocket,
} from '@netintro/procnet-reader';
import { parseInetTable, parseUnix } from '@netintro/procnet-reader';
import {
  hostByteOrder,
  readInterfaces,
  readRoutes,
  readStatistics,
  readUsers,
  scanSocketOwnersSync,
} from '@netintro/procnet-reader/node';
import {
  activeHeading,
  createInetRowFormatter,
  formatInterfaceTable,
  formatRoutes,
  formatStatistics,
  formatUnixTable,
  INET_TABLE_ORDER,
  type InterfaceState,
  inetColumnHeader,
  inetSocketSelected,
  interfaceStateFromSysfs,
  type NetstatArgs,
  type NetstatFlags,
  networksResolverFromText,
  parseNetstatArgs,
  type ResolvedFlags,
  type Resolvers,
  resolveFlags,
  statisticsFamilyError,
  toJson,
} from '@netintro/socket-formatter';
import { HELP_TEXT, versionText } from './help.js';
import { permissionNote } from './notes.js';
import { createHostResolver, type HostResolver, type ReverseLookup } from './resolver.js';

/**
 * Where the command writes, and what it may look up (injectable for tests).
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), procRoot: '/tmp/fixture' };
 * await run(['-atn'], io);
 * ```
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reverse DNS (default: getnameinfo through `dns.lookupService`). */
  lookup?: ReverseLookup;
  /** procfs root (default `/proc`). */
  procRoot?: string;
  /** sysfs mount for interface MTU and flags (default `/sys`). */
  sysRoot?: string;
  /** Directory holding `services`, `protocols`, `passwd` (default `/etc`). */
  etc?: string;
  /** Effective uid for the permission note (default `process.geteuid()`). */
  euid?: number;
  /** Waits between `-c` listings; resolves false to stop (default: a timer, forever). */
  wait?: (seconds: number, iteration: number) => Promise<boolean>;
}

const defaultIo = (): CliIo => ({
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
});

/**
 * Runs `netintro` with the given arguments and returns the exit status.
 *
 * @example
 * ```ts
 * const status = await run(['-ant']); // prints the table, returns 0
 * ```
 */
export async function run(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const args = parseNetstatArgs(argv);
  if (!args.ok) {
    const message = args.message.replace(/^netstat: /, '');
    const hint = args.exitCode === 3 ? " (try 'netintro --help')" : '';
    io.stderr(`netintro: ${message}${hint}\n`);
    return args.exitCode;
  }
  if (args.mode === 'help') {
    io.stdout(HELP_TEXT);
    return 0;
  }
  if (args.mode === 'version') {
    io.stdout(versionText());
    return 0;
  }
  if (reportFlagCount(argv) > 1) {
    // netstat: flag_int + flag_rou + flag_mas + flag_sta > 1 prints the usage (even `-rr`).
    io.stderr("netintro: give only one of -r, -i, -s and -M, once (try 'netintro --help')\n");
    return 3;
  }
  if (args.mode !== 'sockets') {
    return runOther(args, io);
  }
  const state = createState(io);
  for (let iteration = 0; ; iteration++) {
    await showSockets(args, io, state);
    if (!args.continuous) return 0;
    const wait = io.wait ?? sleepSeconds;
    if (!(await wait(args.interval, iteration))) return 0;
  }
}

const REPORT_MODES = new Set(['route', 'interfaces', 'statistics', 'masquerade']);

/**
 * How many times `-r`, `-i`, `-s` or `-M` (or their long forms, however
 * abbreviated) occur: netstat refuses more than one. Long options are
 * identified with parseNetstatArgs itself, one at a time.
 */
function reportFlagCount(argv: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const name = arg.split('=', 1)[0] as string;
      if (!arg.includes('=') && name.length > 2 && 'protocol'.startsWith(name.slice(2))) i++;
      const alone = parseNetstatArgs([name]);
      if (alone.ok && REPORT_MODES.has(alone.mode)) count++;
      else if (!alone.ok && /masquerade/.test(alone.message)) count++;
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j] as string;
        if (c === 'A') {
          if (j === arg.length - 1) i++;
          break;
        }
        if (c === 'r' || c === 'i' || c === 's' || c === 'M') count++;
      }
    }
  }
  return count;
}

function sleepSeconds(seconds: number): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(true), seconds * 1000));
}

/** Caches that live across `-c` iterations (like netstat's). */
interface State {
  hosts?: HostResolver;
  networks?: Promise<Resolvers['networks']>;
  services?: Promise<Resolvers['services']>;
  protocols?: Promise<Resolvers['protocols']>;
}

function createState(_io: CliIo): State {
  return {};
}

/** The addresses the formatter will ask a host name for (see socket-formatter's hostText). */
function addressesToResolve(sockets: readonly InetSocket[]): Set<string> {
  const wanted = new Set<string>();
  const consider = (address: string, family: 4 | 6): void => {
    if (family === 6) {
      if (address === '::' || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return;
    } else if (address === '0.0.0.0' || address.startsWith('0.')) {
      return;
    }
    wanted.add(address);
  };
  for (const s of sockets) {
    consider(s.local.address, s.family);
    consider(s.remote.address, s.family);
  }
  return wanted;
}

function etcPath(io: CliIo, name: string): string {
  return `${io.etc ?? '/etc'}/${name}`;
}

async function loadServices(io: CliIo): Promise<Resolvers['services']> {
  const [{ readServices }, { createServicesDb }] = await Promise.all([
    import('@netintro/services-parser/node'),
    import('@netintro/services-parser'),
  ]);
  try {
    const entries = await readServices(etcPath(io, 'services'), { onInvalidLine: 'skip' });
    const db = createServicesDb(entries, { match: 'last' });
    return (port, protocol) => db.byPort(port, protocol)?.name;
  } catch {
    return () => undefined; // no services file: numbers, as netstat shows them
  }
}

async function loadNetworks(io: CliIo): Promise<Resolvers['networks']> {
  const text = await readText(etcPath(io, 'networks'));
  return text === undefined ? undefined : networksResolverFromText(text);
}

async function loadProtocols(io: CliIo): Promise<Resolvers['protocols']> {
  const [{ readFile }, { protocolsResolverFromText }] = await Promise.all([
    import('node:fs/promises'),
    import('@netintro/socket-formatter'),
  ]);
  try {
    return protocolsResolverFromText(await readFile(etcPath(io, 'protocols'), 'latin1'));
  } catch {
    return () => undefined;
  }
}

/** netstat's word for a table in its "warning, got bogus ... line." message. */
function bogusKind(source: string): string {
  const table = source.replace(/^.*\//, '');
  if (table.startsWith('tcp')) return 'tcp';
  if (table.startsWith('udp')) return 'udp';
  if (table.startsWith('raw')) return 'raw';
  return 'unix';
}

/** Rows formatted per batch: bounds memory on huge tables (one batch of records at a time). */
const BATCH = 128;
/** Longest total wait for DNS answers in one listing, in ms. */
const DNS_BUDGET_MS = 3000;
/**
 * Bytes parsed at a time: about 215 rows of /proc/net/tcp, filled by ~8
 * `read()` calls. Measured at 120k rows: 64 KiB chunks (and 64 KiB writes)
 * keep more records alive per young-generation GC and lift peak RSS from 69
 * to 77-85 MB; 16 KiB costs more CPU per chunk.
 */
const CHUNK_BYTES = 32 * 1024;
/** Characters of table text gathered per write to stdout. */
const OUT_CHARS = 8 * 1024;

/**
 * The text of a /proc table in pieces that end at a line end, read with
 * blocking calls (no thread-pool round trip per read: measured faster than
 * the async reader for these files, and steadier on a busy machine). A
 * missing file (no IPv6, no UDP-Lite) gives nothing, as netstat shows
 * nothing for it.
 */
function* readChunks(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry = '';
  try {
    for (;;) {
      // A /proc seq_file hands out about a page per read(): fill the whole buffer.
      let n = 0;
      for (;;) {
        const got = readSync(fd, buffer, n, CHUNK_BYTES - n, null);
        if (got === 0) break;
        n += got;
        if (n === CHUNK_BYTES) break;
      }
      if (n === 0) break;
      const text = carry + buffer.toString('latin1', 0, n);
      const end = text.lastIndexOf('\n');
      if (end === -1) {
        carry = text;
        continue;
      }
      carry = text.slice(end + 1);
      yield text.slice(0, end + 1);
    }
    if (carry !== '') yield carry;
  } finally {
    closeSync(fd);
  }
}

/** A whole (small) table as UTF-8 text, or undefined when it does not exist. */
function readWhole(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

async function showSockets(args: NetstatArgs, io: CliIo, state: State): Promise<void> {
  const flags: NetstatFlags = args.flags;
  const f = resolveFlags(flags);
  const root = io.procRoot ?? '/proc';
  const wantInet = f.tcp || f.udp || f.udplite || f.raw;
  const endianness = hostByteOrder();
  const onInvalidLine = (issue: ParseIssue): void => {
    io.stderr(`warning, got bogus ${bogusKind(issue.source)} line.\n`);
  };

  // Start everything that does not depend on the rows at once.
  // Tables show user names with -e; the JSON form always carries them (unless numeric).
  const users =
    (f.extend >= 1 || args.json) && !f.numericUsers
      ? readUsers({ path: etcPath(io, 'passwd') })
      : undefined;
  const resolvers: Resolvers = {};
  const naming: Promise<unknown>[] = [];
  if (wantInet && !f.numericPorts) {
    state.services ??= loadServices(io);
    naming.push(state.services.then((lookup) => (resolvers.services = lookup)));
    if (f.raw) {
      state.protocols ??= loadProtocols(io);
      naming.push(state.protocols.then((lookup) => (resolvers.protocols = lookup)));
    }
  }
  if (users) {
    naming.push(
      users.then(
        (map) => (resolvers.users = (uid) => map.get(uid)),
        () => undefined, // no passwd: numbers, as netstat prints them
      ),
    );
  }
  await Promise.all(naming);

  if (f.program) {
    // netstat scans /proc before printing anything and writes its note first.
    // Only the first holder of each socket is shown: the compact scan keeps
    // numbers, not an object per socket (measured: 120 MB peak RSS at 120k
    // sockets with scanSocketProcesses).
    const owners = scanSocketOwnersSync({ procRoot: root });
    const note = permissionNote(
      { denied: owners.denied, socketsFound: owners.size },
      io.euid ?? process.geteuid?.() ?? 0,
    );
    if (note) io.stderr(note);
    resolvers.processes = (inode): SocketProcess | undefined => owners.get(inode);
  }

  let hosts: HostResolver | undefined;
  const dnsDeadline = performance.now() + DNS_BUDGET_MS;
  if (wantInet && !f.numericHosts) {
    // netstat looks 0.x.y.z addresses up as networks (getnetbyaddr, /etc/networks).
    state.networks ??= loadNetworks(io);
    resolvers.networks = await state.networks;
    state.hosts ??= createHostResolver({ lookup: io.lookup });
    hosts = state.hosts;
    const cache = hosts;
    resolvers.hosts = (address) => cache.get(address);
  }

  const json = args.json;
  const jsonInet: InetSocket[] = [];
  if (wantInet) {
    if (!json) io.stdout(`${activeHeading('Internet connections', f)}\n${inetColumnHeader(f)}\n`);
    const row = createInetRowFormatter(f, resolvers);
    let out = '';
    let batch: InetSocket[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      // One DNS budget for the whole listing, however many batches it has.
      if (hosts) await hosts.resolveAll(addressesToResolve(batch), dnsDeadline - performance.now());
      if (json) {
        for (const s of batch) jsonInet.push(s);
      } else {
        for (const s of batch) out += `${row(s)}\n`;
        if (out.length >= OUT_CHARS) {
          io.stdout(out);
          out = '';
        }
      }
      batch = [];
    };
    for (const table of INET_TABLE_ORDER) {
      if (!tableWanted(table, f)) continue;
      const path = `${root}/net/${table}`;
      for (const text of readChunks(path)) {
        const rows = parseInetTable(table, text, { source: path, endianness, onInvalidLine });
        if (hosts === undefined && !json) {
          // Nothing to wait for: format as parsed.
          for (const s of rows) if (inetSocketSelected(s, f)) out += `${row(s)}\n`;
          if (out.length >= OUT_CHARS) {
            io.stdout(out);
            out = '';
          }
          continue;
        }
        for (const s of rows) if (inetSocketSelected(s, f)) batch.push(s);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
    }
    if (out !== '') io.stdout(out);
  }
  let unix: UnixSocket[] = [];
  if (f.unix) {
    const path = `${root}/net/unix`;
    const text = readWhole(path);
    if (text !== undefined) unix = parseUnix(text, { source: path, onInvalidLine });
    if (!json) io.stdout(formatUnixTable(unix, f, resolvers));
  }
  if (json) io.stdout(toJson({ inet: jsonInet, unix }, f, resolvers));
}

function tableWanted(table: InetTableName, f: ResolvedFlags): boolean {
  const six = table.endsWith('6');
  if (six ? !f.inet6 : !f.inet4) return false;
  const kind = six ? table.slice(0, -1) : table;
  return f[kind as 'tcp' | 'udp' | 'udplite' | 'raw'];
}

async function runOther(args: NetstatArgs, io: CliIo): Promise<number> {
  if (args.mode === 'groups' || args.mode === 'masquerade') {
    io.stderr(`netintro: ${args.mode === 'groups' ? '-g' : '-M'} is not supported\n`);
    return 1;
  }
  if (args.mode === 'interfaces' && (args.flags.extend ?? 0) > 0 && !args.json) {
    // netstat -ie prints ifconfig-style blocks (addresses, masks, byte counts): not provided.
    io.stderr('netintro: -i with -e (the ifconfig-style list) is not supported; try -i\n');
    return 1;
  }
  const state = createState(io);
  for (let iteration = 0; ; iteration++) {
    if (args.mode === 'route') await showRoutes(args, io, state);
    else if (args.mode === 'interfaces') await showInterfaces(args, io);
    else return showStatistics(args, io);
    if (!args.continuous) return 0;
    const wait = io.wait ?? sleepSeconds;
    if (!(await wait(args.interval, iteration))) return 0;
  }
}

async function readText(path: string): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'latin1');
  } catch {
    return undefined;
  }
}

async function showRoutes(args: NetstatArgs, io: CliIo, state: State): Promise<void> {
  const f = resolveFlags(args.flags);
  const routes = await readRoutes({ root: io.procRoot ?? '/proc' });
  // netstat -r: IPv4 unless only IPv6 is asked for; both when both are (formatRoutes decides).
  const six = !!args.flags.inet6;
  const four = !!args.flags.inet4 || !six;
  const resolvers: Resolvers = {};
  if (!f.numericHosts) {
    state.hosts ??= createHostResolver({ lookup: io.lookup });
    const hosts = state.hosts;
    const wanted = new Set<string>();
    if (six) for (const r of routes.ipv6) wanted.add(r.destination).add(r.nextHop);
    if (four) {
      for (const r of routes.ipv4) wanted.add(r.destination).add(r.gateway);
      const networks = await readText(etcPath(io, 'networks'));
      if (networks !== undefined) resolvers.networks = networksResolverFromText(networks);
    }
    wanted.delete('::');
    wanted.delete('0.0.0.0');
    await hosts.resolveAll(wanted);
    resolvers.hosts = (address) => hosts.get(address);
  }
  if (args.json) {
    const doc = {
      version: 1,
      routes: { ...(four ? { ipv4: routes.ipv4 } : {}), ...(six ? { ipv6: routes.ipv6 } : {}) },
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  io.stdout(formatRoutes({ route: routes.ipv4, ipv6Route: routes.ipv6 }, args.flags, resolvers));
}

async function showInterfaces(args: NetstatArgs, io: CliIo): Promise<void> {
  const counters = await readInterfaces({ root: io.procRoot ?? '/proc' });
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
    io.stdout(`${JSON.stringify({ version: 1, interfaces }, null, 2)}\n`);
    return;
  }
  io.stdout(formatInterfaceTable(counters, (name) => states.get(name), args.flags));
}

async function showStatistics(args: NetstatArgs, io: CliIo): Promise<number> {
  const familyError = statisticsFamilyError(args.flags);
  if (familyError !== undefined) {
    // netstat prints this one on stdout, with exit status 1.
    io.stdout(`${familyError.replace(/^netstat: /, 'netintro: ')}\n`);
    return 1;
  }
  const statistics = await readStatistics({ root: io.procRoot ?? '/proc' });
  if (args.json) {
    io.stdout(`${JSON.stringify({ version: 1, statistics }, null, 2)}\n`);
    return 0;
  }
  io.stdout(formatStatistics(statistics, args.flags));
  return 0;
}
