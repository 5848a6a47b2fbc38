/**
 * Test helpers for the node layer: live loopback sockets, an ss/netstat
 * output parser, and a bundle of the node entry for child processes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { chmodSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Whether a system tool can be used. On CI (`CI` set) a missing tool is a
 * failure, not a skip: scripts/ensure-system.sh installs them.
 */
export function hasTool(name: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found && process.env.CI) throw new Error(`${name} is required on CI (ensure-system.sh)`);
  return found;
}

/** Inodes of every socket this process holds, from /proc/self/fd (independent of the code under test). */
export function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      const link = readlinkSync(`/proc/self/fd/${name}`);
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m) inodes.add(m[1]!);
    } catch {
      // fd closed meanwhile (the readdir fd itself)
    }
  }
  return inodes;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(10);
  }
}

function listen(server: net.Server, options: net.ListenOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

function connect(options: net.NetConnectOpts): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function bindUdp(type: 'udp4' | 'udp6', address: string): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(type);
    socket.once('error', reject);
    socket.bind(0, address, () => resolve(socket));
  });
}

/** Sockets in several states on loopback, owned by this process. */
export interface LiveSockets {
  /** TCP listener ports (TIME_WAIT rows, inode 0, are recognised by these). */
  tcpPorts: Set<number>;
  /** Path of the UNIX stream listener (it contains a space). */
  unixPath: string;
  close(): Promise<void>;
}

/**
 * Opens: TCP over 127.0.0.1 (LISTEN, ESTABLISHED with 11 unread bytes,
 * FIN_WAIT2 / CLOSE_WAIT pairs both ways, a TIME_WAIT), TCP over ::1, an
 * IPv4-mapped pair on a dual-stack listener bound to ::ffff:127.0.0.1, UDP
 * bound on 127.0.0.1 and ::1 and a connected UDP socket, and UNIX stream
 * sockets (a path with a space, an abstract name).
 */
export async function openLiveSockets(): Promise<LiveSockets> {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const udp: dgram.Socket[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'procnet-live-'));
  const tcpPorts = new Set<number>();
  try {
    // Paused server: data and FINs stay in the kernel queues.
    const accepted: net.Socket[] = [];
    const paused = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (s) => {
      accepted.push(s);
      s.on('error', () => {});
    });
    servers.push(paused);
    const pausedPort = await listen(paused, { port: 0, host: '127.0.0.1' });
    tcpPorts.add(pausedPort);

    const writer = await connect({ port: pausedPort, host: '127.0.0.1' });
    sockets.push(writer);
    await new Promise<void>((resolve) => writer.write('hello world', () => resolve()));
    // Client closes its side: client FIN_WAIT2, server CLOSE_WAIT.
    const closer = await connect({ port: pausedPort, host: '127.0.0.1', allowHalfOpen: true });
    sockets.push(closer);
    closer.end();
    // Server closes its side: server FIN_WAIT2, client CLOSE_WAIT.
    const halfOpen = await connect({ port: pausedPort, host: '127.0.0.1', allowHalfOpen: true });
    sockets.push(halfOpen);
    await until(() => accepted.length === 3, 'three accepted connections');
    accepted[2]!.end();

    // TIME_WAIT: the client closes first, the server answers.
    const echo = net.createServer((s) => s.on('error', () => {}));
    servers.push(echo);
    const echoPort = await listen(echo, { port: 0, host: '127.0.0.1' });
    tcpPorts.add(echoPort);
    const shortLived = await connect({ port: echoPort, host: '127.0.0.1' });
    await new Promise<void>((resolve) => {
      shortLived.once('close', () => resolve());
      shortLived.end();
    });

    // IPv6 loopback and IPv4-mapped.
    const v6 = net.createServer({ pauseOnConnect: true }, (s) => {
      accepted.push(s);
      s.on('error', () => {});
    });
    servers.push(v6);
    const v6Port = await listen(v6, { port: 0, host: '::1' });
    tcpPorts.add(v6Port);
    sockets.push(await connect({ port: v6Port, host: '::1' }));
    const mapped = net.createServer((s) => {
      accepted.push(s);
      s.on('error', () => {});
    });
    servers.push(mapped);
    const mappedPort = await listen(mapped, { port: 0, host: '::ffff:127.0.0.1' });
    tcpPorts.add(mappedPort);
    sockets.push(await connect({ port: mappedPort, host: '127.0.0.1' }));
    await until(() => accepted.length === 5, 'five accepted connections');

    // UDP: bound, bound on ::1, connected.
    const u4 = await bindUdp('udp4', '127.0.0.1');
    udp.push(u4);
    udp.push(await bindUdp('udp6', '::1'));
    const connected = await bindUdp('udp4', '127.0.0.1');
    udp.push(connected);
    await new Promise<void>((resolve, reject) =>
      connected.connect(u4.address().port, '127.0.0.1', (error?: Error) =>
        error ? reject(error) : resolve(),
      ),
    );

    // UNIX stream: a path with a space, an abstract name.
    const unixPath = join(dir, 'with space.sock');
    const unixServer = net.createServer((s) => {
      accepted.push(s);
      s.on('error', () => {});
    });
    servers.push(unixServer);
    await listen(unixServer, { path: unixPath });
    sockets.push(await connect({ path: unixPath }));
    const abstractServer = net.createServer(() => {});
    servers.push(abstractServer);
    await listen(abstractServer, { path: `\0procnet-test-${process.pid}` });
    await until(() => accepted.length === 6, 'the accepted unix connection');
    sockets.push(...accepted);
    // Let the FINs and ACKs settle.
    await wait(100);

    return {
      tcpPorts,
      unixPath,
      async close() {
        for (const s of sockets) s.destroy();
        for (const u of udp) u.close();
        await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const s of sockets) s.destroy();
    for (const u of udp) u.close();
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** One socket as ss prints it, normalised for comparison with our records. */
export interface SsRow {
  netid: string;
  state: string;
  recvQ: number;
  sendQ: number;
  local: string;
  peer: string;
  inode: string;
  /** `users:((...))` entries when `-p` was given. */
  users: Array<{ command: string; pid: number; fd: number }>;
}

/** ss state names -> /proc state names as our records spell them. */
export const SS_STATES: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  UNCONN: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** `host:port` with wildcard hosts and ports folded to `*` and IPv6 brackets removed. */
export function endpointKey(host: string, port: number | string): string {
  const h = host === '*' || host === '0.0.0.0' || host === '::' ? '*' : host;
  const p = port === 0 || port === '*' || port === '0' ? '*' : String(port);
  return `${h}|${p}`;
}

function splitSsEndpoint(text: string): string {
  const colon = text.lastIndexOf(':');
  let host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const zone = host.indexOf('%');
  if (zone !== -1) host = host.slice(0, zone);
  return endpointKey(host, port);
}

function parseUsers(text: string): SsRow['users'] {
  const users: SsRow['users'] = [];
  for (const m of text.matchAll(/\("((?:[^"]|"(?!,pid=))*)",pid=(\d+),fd=(\d+)\)/g)) {
    users.push({ command: m[1]!, pid: Number(m[2]), fd: Number(m[3]) });
  }
  return users;
}

/**
 * Parses `ss -H...` output (no header). IP rows: 6 whitespace-separated
 * columns then extras (`ino:N`, `users:((...))`, ...). UNIX rows: the local
 * and peer columns are `path inode` where the path may hold spaces, so the
 * extras (which start at `users:((` or the shutdown marker) are cut off first.
 */
export function parseSs(output: string): SsRow[] {
  const rows: SsRow[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    // With a single protocol (-t alone) ss leaves out the Netid column.
    const first = line.slice(0, line.search(/\s|$/));
    const head = (
      first in SS_STATES
        ? /^()(\S+)\s+(\d+)\s+(\d+)\s+(.*)$/
        : /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(.*)$/
    ).exec(line);
    if (!head) throw new Error(`unparsable ss line: ${JSON.stringify(line)}`);
    const [, netid, state, recvQ, sendQ, rest] = head as unknown as string[];
    const usersMatch = /users:\(\((.*)\)\)/.exec(rest!);
    const users = usersMatch ? parseUsers(`(${usersMatch[1]})`) : [];
    if (netid!.startsWith('u_')) {
      const cut = rest!.search(/ (users:\(\(|<->|<--|-->|---)/);
      const main = (cut === -1 ? rest! : rest!.slice(0, cut)).trim();
      const m = /^(.*\S)\s+(\d+)\s+(\S+)\s+(\d+)$/.exec(main);
      if (!m) throw new Error(`unparsable ss unix line: ${JSON.stringify(line)}`);
      rows.push({
        netid: netid!,
        state: state!,
        recvQ: Number(recvQ),
        sendQ: Number(sendQ),
        local: m[1]!.trim(),
        peer: m[3]!,
        inode: m[2]!,
        users,
      });
      continue;
    }
    const tokens = rest!.trim().split(/\s+/);
    const ino = /(?:^|\s)ino:(\d+)/.exec(rest!);
    rows.push({
      netid: netid!,
      state: state!,
      recvQ: Number(recvQ),
      sendQ: Number(sendQ),
      local: splitSsEndpoint(tokens[0]!),
      peer: splitSsEndpoint(tokens[1]!),
      inode: ino ? ino[1]! : '',
      users,
    });
  }
  return rows;
}

/** Runs ss with the given flags (plus -H) and parses it. */
export function runSs(flags: string, env?: NodeJS.ProcessEnv): SsRow[] {
  return parseSs(
    execFileSync('ss', [`-H${flags}`], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      maxBuffer: 1 << 30,
    }),
  );
}

let bundlePath: string | undefined;

/**
 * Bundles src/node.ts into one ES module that a child process (for example
 * one running as `nobody`) can import. The directory is world-readable.
 */
export async function bundleNodeEntry(): Promise<string> {
  if (bundlePath !== undefined) return bundlePath;
  const dir = mkdtempSync(join(tmpdir(), 'procnet-bundle-'));
  chmodSync(dir, 0o755);
  const out = join(dir, 'node.mjs');
  await build({
    entryPoints: [join(here, '../../src/node.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
  });
  chmodSync(out, 0o644);
  bundlePath = out;
  return out;
}

/** Removes the bundle made by {@link bundleNodeEntry}. */
export function removeBundle(): void {
  if (bundlePath !== undefined) rmSync(dirname(bundlePath), { recursive: true, force: true });
  bundlePath = undefined;
}
