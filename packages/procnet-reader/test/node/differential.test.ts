/**
 * Differential tests: what readSockets reads from /proc/net equals what the
 * real `ss` (netlink) and `netstat` report for the same live loopback
 * sockets, opened by this test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseTcp, parseTcp6 } from '../../src/index.js';
import { readSockets, type SocketSnapshot } from '../../src/node.js';
import type { InetSocket, UnixSocket } from '../../src/types.js';
import {
  endpointKey,
  hasTool,
  type LiveSockets,
  openLiveSockets,
  ownSocketInodes,
  runSs,
  SS_STATES,
  type SsRow,
} from './helpers.js';

const haveSs = hasTool('ss');
const haveNetstat = hasTool('netstat');

let live: LiveSockets;
beforeAll(async () => {
  live = await openLiveSockets();
});
afterAll(async () => {
  await live?.close();
});

const UNIX_NETIDS: Record<string, string> = {
  STREAM: 'u_str',
  DGRAM: 'u_dgr',
  SEQPACKET: 'u_seq',
};

/** Our IP record as the tuple ss can be compared on. */
function inetTuple(s: InetSocket): string {
  const queues = s.state === 'LISTEN' ? `${s.rxQueue}` : `${s.rxQueue}/${s.txQueue}`;
  return [
    s.protocol,
    endpointKey(s.local.address, s.local.port),
    endpointKey(s.remote.address, s.remote.port),
    s.state,
    queues,
    s.inode,
  ].join(' ');
}

/** ss's IP row as the same tuple. For LISTEN, ss's Send-Q is the backlog: compare Recv-Q only. */
function ssInetTuple(r: SsRow): string {
  const state = SS_STATES[r.state] ?? `?${r.state}`;
  const queues = state === 'LISTEN' ? `${r.recvQ}` : `${r.recvQ}/${r.sendQ}`;
  return [r.netid, r.local, r.peer, state, queues, r.inode].join(' ');
}

function unixTuple(s: UnixSocket): string {
  const state = s.listening
    ? 'LISTEN'
    : s.state === 'CONNECTED' || s.state === 'CONNECTING'
      ? 'ESTAB'
      : 'UNCONN';
  return [UNIX_NETIDS[s.type] ?? s.type, s.path ?? '*', state, s.inode].join(' ');
}

function ssUnixTuple(r: SsRow): string {
  return [r.netid, r.local, r.state, r.inode].join(' ');
}

/** Ours and ss's rows restricted to this process's sockets (and TIME_WAIT rows on our ports). */
function restrict(snapshot: SocketSnapshot, ss: SsRow[], mine: Set<string>) {
  const ports = live.tcpPorts;
  const keepInet = (s: InetSocket) =>
    mine.has(s.inode) || (s.inode === '0' && (ports.has(s.local.port) || ports.has(s.remote.port)));
  const ourPorts = [...ports].map((p) => `|${p}`);
  const keepSs = (r: SsRow) =>
    mine.has(r.inode) ||
    (r.inode === '0' && ourPorts.some((p) => r.local.endsWith(p) || r.peer.endsWith(p)));
  return {
    ours: [
      ...snapshot.inet.filter(keepInet).map(inetTuple),
      ...snapshot.unix.filter((s) => mine.has(s.inode)).map(unixTuple),
    ].sort(),
    theirs: ss
      .filter(keepSs)
      .map((r) => (r.netid.startsWith('u_') ? ssUnixTuple(r) : ssInetTuple(r)))
      .sort(),
  };
}

describe.skipIf(!haveSs)('readSockets vs ss on live loopback sockets', () => {
  test('the (proto, local, remote, state, queues, inode) sets equal ss -tuanwxe', async () => {
    const mine = ownSocketInodes();
    let result: ReturnType<typeof restrict> | undefined;
    // ss and our read are not atomic together: retry while the kernel state moves.
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = runSs('tuanwxe');
      const snapshot = await readSockets({ kinds: 'all' });
      const after = runSs('tuanwxe');
      const a = restrict(snapshot, before, mine);
      const b = restrict(snapshot, after, mine);
      result = a;
      if (JSON.stringify(a.theirs) === JSON.stringify(b.theirs)) break;
    }
    expect(result!.ours).toEqual(result!.theirs);
    if (process.env.PROCNET_DEBUG) console.log(result!.ours.join('\n'));
    // The fixture really covers what it claims.
    const states = new Set(result!.ours.map((t) => t.split(' ')[3]));
    for (const state of [
      'LISTEN',
      'ESTABLISHED',
      'FIN_WAIT2',
      'CLOSE_WAIT',
      'TIME_WAIT',
      'CLOSE',
    ]) {
      expect(states).toContain(state);
    }
    expect(result!.ours.some((t) => t.includes('::ffff:127.0.0.1'))).toBe(true);
    expect(result!.ours.some((t) => t.includes(' 11/0 '))).toBe(true); // 11 unread bytes
    expect(result!.ours.some((t) => t.includes(`${live.unixPath} LISTEN`))).toBe(true);
    expect(result!.ours.some((t) => t.startsWith('u_str @procnet-test-'))).toBe(true);
  });

  test('process mapping gives the same (pid, fd) holders as ss -p', async () => {
    const mine = ownSocketInodes();
    const snapshot = await readSockets({ kinds: 'all', processes: true });
    const ss = runSs('tuanwxpe').filter((r) => mine.has(r.inode));
    expect(ss.length).toBeGreaterThanOrEqual(mine.size - 2);
    for (const row of ss) {
      const ours = snapshot.owners.holders(row.inode).map((p) => `${p.pid}/${p.fd}`);
      const theirs = row.users.map((u) => `${u.pid}/${u.fd}`);
      expect({ inode: row.inode, holders: ours.sort() }).toEqual({
        inode: row.inode,
        holders: theirs.sort(),
      });
      for (const holder of snapshot.owners.holders(row.inode)) {
        expect(holder.pid).toBe(process.pid);
      }
    }
    expect(snapshot.unidentified.denied).toBe(0);
  });

  test('ss rendering a captured /proc/net/tcp{,6} (PROC_NET_TCP=...) equals our parse of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-capture-'));
    try {
      const tcp = readFileSync('/proc/net/tcp', 'latin1');
      const tcp6 = readFileSync('/proc/net/tcp6', 'latin1');
      writeFileSync(join(dir, 'tcp'), tcp);
      writeFileSync(join(dir, 'tcp6'), tcp6);
      const rendered = runSs('tane', {
        PROC_NET_TCP: join(dir, 'tcp'),
        PROC_NET_TCP6: join(dir, 'tcp6'),
      });
      // From /proc, ss prints tx_queue as Send-Q for listeners too, so both queues compare.
      const theirs = rendered
        .map((r) =>
          [r.local, r.peer, SS_STATES[r.state] ?? r.state, r.recvQ, r.sendQ, r.inode].join(' '),
        )
        .sort();
      const ours = [...parseTcp(tcp), ...parseTcp6(tcp6)]
        .map((s) =>
          [
            endpointKey(s.local.address, s.local.port),
            endpointKey(s.remote.address, s.remote.port),
            s.state,
            s.rxQueue,
            s.txQueue,
            s.inode,
          ].join(' '),
        )
        .sort();
      expect(ours.length).toBeGreaterThan(5);
      expect(ours).toEqual(theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!haveNetstat)('process mapping vs netstat -p', () => {
  test('pid/program of each of our sockets equals netstat -tuanpeW', async () => {
    const mine = ownSocketInodes();
    const snapshot = await readSockets({ kinds: 'inet', processes: true });
    const output = execFileSync('netstat', ['-tuanpeW'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    let compared = 0;
    for (const line of output.split('\n')) {
      // ... User Inode PID/Program name: the program name may hold spaces.
      const m = /\s(\d+)\s+(\d+\/.*?|-)\s*$/.exec(line);
      if (!m || !mine.has(m[1]!)) continue;
      const holder = snapshot.inet.find((s) => s.inode === m[1])?.owner;
      expect(holder).toEqual(snapshot.owners.get(m[1]!));
      expect(holder).toBeDefined();
      // netstat cuts "pid/name" to 19 characters.
      expect(`${holder!.pid}/${holder!.command}`.slice(0, 19)).toBe(m[2]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });
});
