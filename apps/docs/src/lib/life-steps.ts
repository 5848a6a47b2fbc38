/**
 * The words for each captured step of a connection's life (the captures
 * are in src/data/life, made by scripts/capture-life.mjs), and the states
 * each step's capture must show: the tests re-parse the captures and check
 * them against `expect`.
 */

export interface LifeStep {
  /** The capture's file prefix, e.g. `02-syn`. */
  id: string;
  title: string;
  /** Paragraphs; `code` in backticks, **bold** in double stars. */
  text: string[];
  /** The states netstat shows, client's rows then server's, in table order. */
  expect: { client: string[]; server: string[] };
}

export type Scenario = 'client-closes' | 'server-closes';

export const LIFE_STEPS: Record<Scenario, LifeStep[]> = {
  'client-closes': [
    {
      id: '01-listen',
      title: 'The server listens',
      text: [
        'A server program asks its kernel for a TCP socket on `127.0.0.1` port `1234` and calls `listen()`. One row: `LISTEN`, with no other end yet (`0.0.0.0:*`). The client has not started, so its table is empty.',
      ],
      expect: { client: [], server: ['LISTEN'] },
    },
    {
      id: '02-syn',
      title: 'SYN: the client asks to connect',
      text: [
        'The client calls `connect()`. Its kernel sends a **SYN** ("synchronise"): a segment with no data that says "I want to talk, and I will number my bytes starting from here". Until an answer comes, the client\'s socket is `SYN_SENT`. Its Send-Q is 1: a SYN uses up one sequence number, so it counts as one byte the other side has not acknowledged yet.',
        "The SYN has arrived. The server's kernel keeps a small entry for the half-open connection under the listening socket, shown as `SYN_RECV`. The server program does not know about it yet: it holds no file for it (its inode is 0).",
      ],
      expect: { client: ['SYN_SENT'], server: ['LISTEN', 'SYN_RECV'] },
    },
    {
      id: '03-synack',
      title: 'SYN-ACK: the server answers',
      text: [
        'The server\'s kernel answers with a **SYN-ACK**: its own SYN, plus an **ACK** ("acknowledge": "I got everything up to here") for the client\'s SYN. That is all the client needed: its socket is `ESTABLISHED`, and it sends one more ACK back.',
        'Until that last ACK arrives, the server side still shows `SYN_RECV`.',
      ],
      expect: { client: ['ESTABLISHED'], server: ['LISTEN', 'SYN_RECV'] },
    },
    {
      id: '04-established',
      title: 'ACK: connected',
      text: [
        'The ACK arrives. SYN, SYN-ACK, ACK: this three-message opening is the **three-way handshake**. Both ends are `ESTABLISHED`, and the server program has accepted the connection.',
        "The server now has **two** rows on port 1234: the listening socket, still waiting for more clients, and a new socket for this one connection. One port, several sockets, told apart by the other end's address and port.",
      ],
      expect: { client: ['ESTABLISHED'], server: ['LISTEN', 'ESTABLISHED'] },
    },
    {
      id: '05-data',
      title: 'Data waits in Recv-Q',
      text: [
        "The client sends six bytes, `hello` and a newline. The server's kernel received them and acknowledged them, so the client's Send-Q is back to 0. But the server program has not read them yet: they wait in the server's **Recv-Q**, `6`.",
      ],
      expect: { client: ['ESTABLISHED'], server: ['LISTEN', 'ESTABLISHED'] },
    },
    {
      id: '06-window-full',
      title: "The server's window is full",
      text: [
        "The client writes 8 MiB more, and the server still reads nothing. The server's kernel stores what it can (Recv-Q, about 125 KiB here), then tells the client that it has no room left: every ACK carries a **window**, the number of bytes the sender may still send, and that window is now 0.",
        "The client's kernel keeps the rest in its own buffer: those bytes are sent or waiting to be sent, and not acknowledged, so they count in the client's **Send-Q** (several MiB). Nothing is lost; everything waits. A Send-Q that stays high on a real machine means the other side is not keeping up.",
      ],
      expect: { client: ['ESTABLISHED'], server: ['LISTEN', 'ESTABLISHED'] },
    },
    {
      id: '07-read',
      title: 'The server reads',
      text: [
        'The server program reads everything. Its Recv-Q empties, its window opens again, the client sends the rest, and both queues are back to 0.',
      ],
      expect: { client: ['ESTABLISHED'], server: ['LISTEN', 'ESTABLISHED'] },
    },
    {
      id: '08-fin',
      title: 'FIN: the client closes',
      text: [
        'The client program closes its socket. Its kernel sends a **FIN** ("finish": "I will send nothing more"). Until the FIN is acknowledged the client is `FIN_WAIT1`, and, like the SYN, the FIN uses one sequence number: Send-Q 1.',
        "The server's kernel got the FIN: its socket is `CLOSE_WAIT`, waiting for the server **program** to close too. Its Recv-Q shows 1: the FIN uses a sequence number too, and counts as one byte of input that the program has not read yet.",
      ],
      expect: { client: ['FIN_WAIT1'], server: ['LISTEN', 'CLOSE_WAIT'] },
    },
    {
      id: '09-fin-acked',
      title: 'The FIN is acknowledged',
      text: [
        "The server's ACK of the FIN arrives: the client is `FIN_WAIT2`, waiting for the server's own FIN. The connection is half closed: the server could still send data, the client can no longer. The server program has meanwhile read the end of the data (a read that returns nothing), which takes the FIN out of its Recv-Q: back to 0, but still `CLOSE_WAIT` until the program closes its socket.",
        'The client program has already closed its socket, so this row belongs to no program any more (its inode is 0): the kernel finishes the closing on its own. A `CLOSE_WAIT` that stays for minutes on a real machine usually means a program forgot to close its socket.',
      ],
      expect: { client: ['FIN_WAIT2'], server: ['LISTEN', 'CLOSE_WAIT'] },
    },
    {
      id: '10-server-fin',
      title: 'The server closes: its FIN',
      text: [
        'The server program closes its socket, and its kernel sends its own FIN: the server is `LAST_ACK`, waiting for the last ACK, with its FIN in Send-Q. The client got the FIN and sent that ACK: the client is `TIME_WAIT`.',
      ],
      expect: { client: ['TIME_WAIT'], server: ['LISTEN', 'LAST_ACK'] },
    },
    {
      id: '11-time-wait',
      title: 'TIME_WAIT',
      text: [
        "The last ACK arrives and the server's connection socket is gone; its listening socket stays. The client's row stays in `TIME_WAIT` for a minute on Linux: if a late copy of an old segment, or the server's FIN sent again, turns up, the kernel still knows this connection and will not mix it up with a new one on the same ports.",
        'The side that closed **first** is the one that ends in `TIME_WAIT`: here the client.',
      ],
      expect: { client: ['TIME_WAIT'], server: ['LISTEN'] },
    },
    {
      id: '12-gone',
      title: 'A minute later',
      text: [
        'The TIME_WAIT row has expired. Only the listening socket is left, as at the start, ready for the next client.',
      ],
      expect: { client: [], server: ['LISTEN'] },
    },
  ],
  'server-closes': [
    {
      id: '01-established',
      title: 'Connected',
      text: [
        'A new connection, opened with the same handshake: both ends `ESTABLISHED`, the listening socket still there.',
      ],
      expect: { client: ['ESTABLISHED'], server: ['LISTEN', 'ESTABLISHED'] },
    },
    {
      id: '02-server-fin',
      title: 'The server closes first',
      text: [
        "This time the server program closes first. Its kernel sends a FIN: the server side is `FIN_WAIT1`, with the FIN counted in its Send-Q. The client's kernel received the FIN: the client is `CLOSE_WAIT` with Recv-Q 1.",
      ],
      expect: { client: ['CLOSE_WAIT'], server: ['LISTEN', 'FIN_WAIT1'] },
    },
    {
      id: '03-fin-acked',
      title: 'The FIN is acknowledged',
      text: [
        "The client's ACK arrives: the server side is `FIN_WAIT2`. The client program has read the end of the data (its Recv-Q is 0 again) but stays in `CLOSE_WAIT` for as long as it keeps its socket open.",
      ],
      expect: { client: ['CLOSE_WAIT'], server: ['LISTEN', 'FIN_WAIT2'] },
    },
    {
      id: '04-client-fin',
      title: 'The client closes too',
      text: [
        'The client program closes: its FIN goes out and the client is `LAST_ACK`. The server side got the FIN, answered with an ACK, and is now in `TIME_WAIT`.',
      ],
      expect: { client: ['LAST_ACK'], server: ['LISTEN', 'TIME_WAIT'] },
    },
    {
      id: '05-time-wait',
      title: 'TIME_WAIT on the server',
      text: [
        "The last ACK arrives; the client's socket is gone. The `TIME_WAIT` row is on the **server** this time, because the server closed first. A busy server that closes its connections itself collects many of these rows.",
      ],
      expect: { client: [], server: ['LISTEN', 'TIME_WAIT'] },
    },
  ],
};

/** Escapes text for HTML (element content). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for HTML and turns `code` and **bold** into elements. */
export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}
