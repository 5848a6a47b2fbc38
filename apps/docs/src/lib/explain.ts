/**
 * "Explain this row": everything the site can say about one netstat row,
 * computed from the raw `/proc/net` line it came from by the packages'
 * public API (procnet-reader's parseInetLine, socket-formatter's
 * isServerSocket). Pure and browser-safe: the row pickers run it in the
 * reader's browser (src/lib/explain-ui.ts); the annotated-row reference page
 * uses the same field texts at build time.
 */
import {
  type Endianness,
  type InetSocket,
  type InetTableName,
  parseInetLine,
} from '@netintro/procnet-reader';
import { isServerSocket } from '@netintro/socket-formatter';

/** One row of a netstat table, with the /proc/net line it was formatted from. */
export interface ExplainRow {
  /** The row exactly as netstat prints it. */
  text: string;
  /** The /proc/net table the line came from (`tcp`, `tcp6`, `udp`...). */
  table: InetTableName;
  /** The line of /proc/net/<table>, as the kernel printed it. */
  raw: string;
  /** `PID/Program name` when it is known (the live view), else absent. */
  program?: string;
  /** The user name netstat -e would print, when a passwd text was given. */
  user?: string;
}

/** One decoded field of the raw line. */
export interface DecodedField {
  /** Stable id, e.g. `local-port`. */
  id: string;
  /** The characters of the raw line. */
  raw: string;
  /** The field's name in the kernel's header (or ours when it has none). */
  name: string;
  /** What the characters mean, decoded. */
  value: string;
  /** A sentence or two on the field. */
  meaning: string;
  /** Kernel-internal columns netstat never shows. */
  internal?: boolean;
}

export interface RowExplanation {
  socket: InetSocket;
  fields: DecodedField[];
  /** State name as netstat prints it ('' for an unconnected UDP socket). */
  state: string;
  /** The state in plain words. */
  statePlain: string;
  /** What can happen next to a socket in this state. */
  next: string[];
  server: boolean;
  /** Why netstat counts it as a server or not, and which flags show it. */
  serverWhy: string;
  /** Who holds the socket, as far as the data says. */
  program: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface StateInfo {
  plain: string;
  next: string[];
}

/** TCP states in plain words, and where each can go next. */
export const TCP_STATE_INFO: Record<string, StateInfo> = {
  LISTEN: {
    plain:
      'A server socket, waiting for clients. It never carries data itself: every client that connects gets a new socket on the same port.',
    next: [
      "A client's opening message (SYN) arrives: the kernel answers and makes a new socket in SYN_RECV; this one stays in LISTEN.",
      'The program closes it: the row disappears and the port is free again.',
    ],
  },
  SYN_SENT: {
    plain:
      'This side is opening a connection: it sent the opening message (SYN) and waits for the answer (SYN-ACK).',
    next: [
      'The answer arrives: ESTABLISHED.',
      'Nobody listens there (a reset comes back) or nothing answers for a while: the attempt fails and the row disappears.',
    ],
  },
  SYN_RECV: {
    plain:
      "A client's SYN reached a listener here; this side answered with SYN-ACK and waits for the client's final ACK.",
    next: ['The ACK arrives: ESTABLISHED, ready for the program to accept.'],
  },
  ESTABLISHED: {
    plain: 'The connection is open: data can flow both ways.',
    next: [
      'This program closes first: it sends FIN and goes to FIN_WAIT1.',
      'The other side closes first: its FIN arrives and this socket goes to CLOSE_WAIT.',
    ],
  },
  FIN_WAIT1: {
    plain:
      'This program closed the connection first; its "I am done" (FIN) is on the way and not yet acknowledged.',
    next: [
      'The other side acknowledges it: FIN_WAIT2.',
      "The other side's FIN crosses ours: CLOSING.",
    ],
  },
  FIN_WAIT2: {
    plain:
      'This side closed first and the other side acknowledged it; now it waits for the other side to close too.',
    next: [
      "The other side's FIN arrives: TIME_WAIT.",
      'If the other side never closes, Linux drops the socket after tcp_fin_timeout (60 s by default).',
    ],
  },
  TIME_WAIT: {
    plain:
      'The connection is closed. The kernel keeps a small record for about a minute so that late packets of this connection are not taken for a new one. No program holds it any more.',
    next: ['After about 60 s on Linux the row disappears.'],
  },
  CLOSE: {
    plain: 'Not connected: a socket that was closed, or never opened a connection.',
    next: ['The program closes it, or connects it.'],
  },
  CLOSE_WAIT: {
    plain:
      'The other side has closed its end (its FIN arrived; Recv-Q counts it as 1 unread byte). The kernel waits for the local program to close the socket too.',
    next: [
      'The program closes it: it sends its own FIN and goes to LAST_ACK.',
      'A program that never closes leaves the row here for good: a common bug.',
    ],
  },
  LAST_ACK: {
    plain:
      'The other side closed first, then this program closed too; it waits for the acknowledgement of its FIN.',
    next: ['The ACK arrives: the row disappears.'],
  },
  CLOSING: {
    plain:
      'Both sides closed at the same moment; this side waits for the acknowledgement of its FIN.',
    next: ['The ACK arrives: TIME_WAIT.'],
  },
  UNKNOWN: {
    plain: 'A state code netstat does not know.',
    next: [],
  },
};

/** Decodes each field of the raw line, in the line's order. */
export function decodeFields(socket: InetSocket, raw: string): DecodedField[] {
  const t = raw.trim().split(/\s+/);
  const [localHex = '', localPortHex = ''] = (t[1] ?? '').split(':');
  const [remoteHex = '', remotePortHex = ''] = (t[2] ?? '').split(':');
  const [txHex = '', rxHex = ''] = (t[4] ?? '').split(':');
  const [trHex = '', whenHex = ''] = (t[5] ?? '').split(':');
  const s = socket;
  const v4 = s.family === 4;
  const tcp = s.protocol === 'tcp';
  const listener = tcp && s.remote.port === 0;
  const fields: DecodedField[] = [
    {
      id: 'sl',
      raw: t[0] ?? '',
      name: 'sl',
      value: String(s.slot),
      meaning: tcp
        ? 'The row number in this listing. It is not a stable id.'
        : 'A hash bucket, not a row number: several sockets can share it.',
    },
    {
      id: 'local-address',
      raw: localHex,
      name: 'local_address: IP',
      value: s.local.address,
      meaning: v4
        ? "This end's IPv4 address, one 32-bit hexadecimal number in the machine's byte order: on x86 and ARM read the bytes backwards."
        : "This end's IPv6 address, four 32-bit words, each in the machine's byte order.",
    },
    {
      id: 'local-port',
      raw: localPortHex,
      name: 'local_address: port',
      value: String(s.local.port),
      meaning: `Hexadecimal, not reversed: ${localPortHex} is ${s.local.port}.${s.local.port >= 32768 ? ' A port this high was most likely picked by the kernel for a client.' : ''}`,
    },
    {
      id: 'remote-address',
      raw: remoteHex,
      name: 'rem_address: IP',
      value: s.remote.address,
      meaning: /^0+$/.test(remoteHex)
        ? 'All zeros: there is no other end (yet).'
        : "The other end's address, decoded the same way.",
    },
    {
      id: 'remote-port',
      raw: remotePortHex,
      name: 'rem_address: port',
      value: String(s.remote.port),
      meaning:
        s.remote.port === 0
          ? 'Port 0: no other end. netstat prints it as *.'
          : `The other end's port: ${remotePortHex} is ${s.remote.port}.`,
    },
    {
      id: 'st',
      raw: t[3] ?? '',
      name: 'st',
      value: `${tcp ? s.state : s.state === 'CLOSE' ? 'CLOSE (unconnected)' : s.state} (code ${s.stateCode})`,
      meaning: tcp
        ? `The TCP state as a hexadecimal code: ${t[3] ?? ''} is ${s.state}.`
        : 'UDP uses only two codes: 07 unconnected (netstat leaves State empty) and 01 connected.',
    },
    {
      id: 'tx-queue',
      raw: txHex,
      name: 'tx_queue',
      value: plural(s.txQueue, 'byte'),
      meaning: 'Sent but not yet acknowledged by the other side: netstat prints it as Send-Q.',
    },
    {
      id: 'rx-queue',
      raw: rxHex,
      name: 'rx_queue',
      value: listener ? plural(s.rxQueue, 'connection') : plural(s.rxQueue, 'byte'),
      meaning: listener
        ? 'For a listening socket: connections complete but not yet accepted by the program. netstat prints it as Recv-Q.'
        : `Received but not yet read by the program: netstat prints it as Recv-Q.${s.state === 'CLOSE_WAIT' && s.rxQueue === 1 ? " Here 1: the other side's FIN counts as one unread byte." : ''}`,
    },
    {
      id: 'tr',
      raw: trHex,
      name: 'tr',
      value: s.timer,
      meaning:
        'Which kernel timer runs: 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe.',
    },
    {
      id: 'when',
      raw: whenHex,
      name: 'tm->when',
      value: `${plural(s.timerTicks, 'tick')} = ${(s.timerTicks / 100).toFixed(2)} s`,
      meaning: `When the timer fires, in clock ticks (100 per second), hexadecimal: ${whenHex} is ${s.timerTicks}.`,
    },
    {
      id: 'retrnsmt',
      raw: t[6] ?? '',
      name: 'retrnsmt',
      value: String(s.retransmits),
      meaning: 'How often the timer fired without an answer.',
    },
    {
      id: 'uid',
      raw: t[7] ?? '',
      name: 'uid',
      value: String(s.uid),
      meaning:
        'The user id that owns the socket, in decimal (netstat -e shows the name). Sockets in TIME_WAIT always show 0.',
    },
    {
      id: 'timeout',
      raw: t[8] ?? '',
      name: 'timeout',
      value: String(s.timeout),
      meaning: 'Unanswered keepalives or zero-window probes so far.',
    },
    {
      id: 'inode',
      raw: t[9] ?? '',
      name: 'inode',
      value: s.inode,
      meaning:
        s.inode === '0'
          ? 'Inode 0: no program holds this socket, only the kernel.'
          : `The socket's inode: a program holding it has a file descriptor linked to socket:[${s.inode}]; that is how netstat -p finds the program.`,
    },
  ];
  const more: [string, string, string][] = tcp
    ? [
        ['refcnt', 'ref count', 'Kernel reference count.'],
        ['pointer', 'pointer', 'Kernel address of the socket, hidden from normal users.'],
        ['rto', 'rto', 'Retransmission timeout, in ticks.'],
        ['ato', 'ato', 'Delayed-acknowledgement timeout, in ticks.'],
        ['quick', 'quick ack / ping-pong', 'Delayed-acknowledgement tuning flags.'],
        ['cwnd', 'cwnd', 'Congestion window: segments allowed in flight.'],
        ['ssthresh', 'ssthresh', 'Slow-start threshold; -1 while still in initial slow start.'],
      ]
    : [
        ['refcnt', 'ref count', 'Kernel reference count.'],
        ['pointer', 'pointer', 'Kernel address of the socket, hidden from normal users.'],
        ['drops', 'drops', 'Datagrams dropped because the receive buffer was full.'],
      ];
  more.forEach(([id, name, meaning], i) => {
    const value = t[10 + i];
    if (value !== undefined) fields.push({ id, raw: value, name, value, meaning, internal: true });
  });
  return fields;
}

/** Why netstat counts the socket as a server or not. */
function serverText(s: InetSocket, server: boolean): string {
  if (s.protocol === 'tcp') {
    if (server) {
      return 'netstat counts it as a server: its foreign port is 0, there is no other end. netstat -a and -l show it; without them it is hidden.';
    }
    const side =
      s.local.port < 1024 && s.remote.port >= 1024
        ? ` Its local port ${s.local.port} is a well-known one, so this is most likely the server's end of a connection.`
        : s.remote.port < 1024 && s.local.port >= 1024
          ? ` It talks to well-known port ${s.remote.port} from port ${s.local.port}: most likely the client's end.`
          : '';
    return `Not a server: it has another end (foreign port ${s.remote.port}). netstat shows it by default and with -a; -l hides it.${side}`;
  }
  return server
    ? 'netstat counts it as a server: its foreign address is all zeros, so it takes datagrams from anyone. netstat -a and -l show it.'
    : 'Not a server: it is connected to one other end. netstat shows it by default and with -a.';
}

function programTextFor(s: InetSocket, row: Pick<ExplainRow, 'program' | 'user'>): string {
  const owner = row.user ? `user ${row.user} (uid ${s.uid})` : `uid ${s.uid}`;
  if (row.program && row.program !== '-') {
    const [pid, ...name] = row.program.split('/');
    return `Process ${pid} (${name.join('/')}) holds it: netstat -p found the process whose /proc/${pid}/fd has a link to socket:[${s.inode}]. Owner: ${owner}.`;
  }
  if (s.inode === '0') {
    return 'No program: inode 0 means only the kernel still keeps this socket (closing connections end like this).';
  }
  return `The /proc/net line does not name the program; it says ${owner} owns the socket, with inode ${s.inode}. netstat -p searches every /proc/<pid>/fd for a link to socket:[${s.inode}]; a web page cannot read /proc, so it cannot say which program that is.`;
}

/**
 * Parses `row.raw` with procnet-reader and explains it.
 *
 * @example
 * ```ts
 * const e = explainRow({ text, table: 'tcp', raw: '   0: 0100007F:0035 00000000:0000 0A ...' });
 * e?.state; // 'LISTEN'
 * ```
 */
export function explainRow(
  row: ExplainRow,
  endianness: Endianness = 'little',
): RowExplanation | undefined {
  const socket = parseInetLine(row.table, row.raw, 1, { endianness });
  if (!socket) return undefined;
  const server = isServerSocket(socket);
  const tcp = socket.protocol === 'tcp';
  let state: string = socket.state;
  let info = TCP_STATE_INFO[socket.state] ?? (TCP_STATE_INFO.UNKNOWN as StateInfo);
  if (!tcp) {
    if (socket.state === 'CLOSE') {
      state = '';
      info = {
        plain: `${socket.protocol.toUpperCase()} has no connections: this socket is unconnected (netstat leaves State empty) and takes datagrams from anyone who sends to its port.`,
        next: [
          'The program connects it to one peer (then netstat prints ESTABLISHED) or closes it.',
        ],
      };
    } else if (socket.state === 'ESTABLISHED') {
      info = {
        plain:
          'A "connected" datagram socket: the program called connect(), so it only talks to one peer. Nothing was exchanged to set this up.',
        next: ['The program closes it, or connects it elsewhere.'],
      };
    }
  }
  return {
    socket,
    fields: decodeFields(socket, row.raw),
    state,
    statePlain: info.plain,
    next: info.next,
    server,
    serverWhy: serverText(socket, server),
    program: programTextFor(socket, row),
  };
}
