/**
 * The quiz questions. The first one is the lesson's own. The next ones are
 * answered by reading the icebox table (computed by the packages from the
 * icebox snapshot, like the lesson's figure); one by reading the reader's
 * own playground output (`playgroundQuestion`, run again in the browser on
 * what the playground saved); the last ones come from the same services
 * data the lesson shows (the embedded netbase copy, so the quiz is the same
 * on every build machine) and from classifyPort.
 */
import { classifyPort, type PortClass } from '@netintro/services-parser';
import { getDefaultServicesDb } from '@netintro/services-parser/default-db';
import type { ExplainRow } from './explain';
import { runPipeline } from './pipeline';
import { countServers, playgroundQuestion, type QuizQuestion } from './quiz-playground';
import { ICEBOX, SAMPLES } from './samples';

export type { QuizQuestion };

/** The icebox table as the lesson shows it. */
export function iceboxRows(flags = '-at'): { text: string; rows: ExplainRow[] } {
  const result = runPipeline({
    tables: { tcp: ICEBOX.tcp, tcp6: ICEBOX.tcp6 },
    services: ICEBOX.services,
    hosts: ICEBOX.hosts,
    argv: [flags],
  });
  return { text: result.text, rows: result.rows };
}

const CLASS_LABEL: Record<PortClass, string> = {
  'well-known': 'well-known (0-1023)',
  registered: 'registered (1024-49151)',
  dynamic: 'dynamic (49152-65535)',
};

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`quiz: the services data has no entry for ${what}`);
  return value;
}

/**
 * The table the playground question uses before the reader has used the
 * playground (and without JavaScript): the playground's web-server sample.
 */
export function playgroundFallback(): {
  text: string;
  head: string;
  rows: ExplainRow[];
  argv: string[];
} {
  const sample = SAMPLES.find((s) => s.id === 'server') ?? ICEBOX;
  const result = runPipeline({
    tables: { tcp: sample.tcp, tcp6: sample.tcp6, udp: sample.udp },
    servicesDb: getDefaultServicesDb({ match: 'last' }),
    hosts: sample.hosts,
    argv: sample.argv,
  });
  return { text: result.text, head: result.head, rows: result.rows, argv: sample.argv };
}

export function buildQuiz(): QuizQuestion[] {
  const db = getDefaultServicesDb();
  const dns = must(db.byPort(53, 'tcp'), '53/tcp');
  const httpAlt = 8080;
  const icebox = iceboxRows();
  const servers = countServers(icebox.rows);
  const cut = icebox.rows.findIndex((r) => r.text.includes('economy.canonical.:'));
  const table = 'icebox' as const;
  const netstat = (hash: string, label: string) => ({ href: `/lesson/netstat/#${hash}`, label });

  return [
    {
      id: 'https',
      prompt: 'What port is used for HTTPS?',
      options: ['6969', '22', '80', '443'],
      answer: '443',
      explanation:
        'HTTPS is the secure, encrypted form of HTTP and uses port 443, while plain HTTP uses port 80. Traffic on 443 is protected by TLS, the successor of SSL.',
      learnMore: { href: '/lesson/well-known-ports/', label: 'Well-known ports' },
    },
    {
      id: 'icebox-servers',
      prompt:
        'In the icebox table, how many rows are servers (rows that netstat -lt would still show)?',
      options: ['1', '2', '3', '5'],
      answer: String(servers),
      explanation: `The ${servers} LISTEN rows: icebox:domain, localhost:ipp and the tcp6 row on [::]:*. Their foreign port is 0, printed *: nobody is on the other end yet. Every other row (TIME_WAIT, CLOSE_WAIT, FIN_WAIT2) has another end, so it is not a server.`,
      learnMore: netstat('which-rows-does--a-add', 'Which rows does -a add?'),
      table,
    },
    {
      id: 'icebox-closed-first',
      prompt:
        'The last two rows are the two ends of one connection over ::1. Which end closed the connection first?',
      options: [
        'The end on port 35094 (CLOSE_WAIT)',
        'The end on ipp, port 631 (FIN_WAIT2)',
        'Both ends at the same moment',
        'Neither: the connection is still open',
      ],
      answer: 'The end on ipp, port 631 (FIN_WAIT2)',
      explanation:
        'FIN_WAIT2 means "I closed, the other side acknowledged it, now I wait for it to close too": the ipp end closed first. CLOSE_WAIT on port 35094 is the other half of the story: its peer has closed, and it waits for its own program to close the socket.',
      learnMore: netstat('socket-states', 'Socket states'),
      table,
    },
    {
      id: 'icebox-recvq',
      prompt: 'The CLOSE_WAIT row shows Recv-Q 1. What is that one byte?',
      options: [
        'A byte of data that was lost in the network',
        'The other side\'s FIN (its "I am done"), counted as one unread byte',
        'One client waiting to be accepted',
        'One retransmission so far',
      ],
      answer: 'The other side\'s FIN (its "I am done"), counted as one unread byte',
      explanation:
        "The peer's FIN sits in the receive queue like one byte that the program has not read yet: when the program reads it, it sees end-of-file. Counting waiting clients is what Recv-Q means on a LISTEN row, not on a connection.",
      learnMore: netstat('the-columns', 'The columns'),
      table,
    },
    {
      id: 'icebox-cut',
      prompt: `Row ${cut + 1} shows economy.canonical.:http. Why does the host name end with a dot?`,
      options: [
        'The host is really called economy.canonical.',
        'netstat cut a long host name so the address fits its 23-character column',
        'The name server sent back only part of the name',
        'The /proc/net/tcp line was cut short',
      ],
      answer: 'netstat cut a long host name so the address fits its 23-character column',
      explanation:
        'Without -W (--wide) netstat squeezes host:port into 23 characters, keeping the port name whole and cutting the host: economy.canonical.com lost "com". netstat -atW prints the whole name.',
      learnMore: netstat('why-is-one-row-cut-short', 'Why is one row cut short?'),
      table,
    },
    playgroundQuestion(playgroundFallback().rows),
    {
      id: 'dns-name',
      prompt: 'DNS servers listen on port 53. Which name does /etc/services give to 53/tcp?',
      options: ['dns', 'domain', 'named', 'resolve'],
      answer: dns.name,
      explanation: `The entry is "${dns.name} ${dns.port}/${dns.protocol}": the file calls DNS, the Domain Name System, "${dns.name}". That is why netstat shows a name server's socket as something like icebox:${dns.name}.`,
      learnMore: { href: '/lesson/well-known-ports/', label: 'Well-known ports' },
    },
    {
      id: 'listen-state',
      prompt:
        'Which State does netstat on Linux print for a TCP socket that waits for incoming connections?',
      options: ['LISTENING', 'LISTEN', 'ESTABLISHED', 'SYN_SENT'],
      answer: 'LISTEN',
      explanation:
        'Linux netstat prints LISTEN for TCP (some texts write LISTENING, which netstat uses only for UNIX domain sockets). ESTABLISHED is an open connection and SYN_SENT a connection attempt in progress.',
      learnMore: netstat('socket-states', 'Socket states'),
    },
    {
      id: 'port-class',
      prompt: `Port ${httpAlt} (${must(db.byPort(httpAlt, 'tcp'), `${httpAlt}/tcp`).name}) is in which IANA range?`,
      options: Object.values(CLASS_LABEL),
      answer: CLASS_LABEL[classifyPort(httpAlt)],
      explanation: `IANA divides ports into well-known (0-1023), registered (1024-49151) and dynamic (49152-65535) ranges; ${httpAlt} is ${classifyPort(httpAlt)}.`,
      learnMore: { href: '/lesson/well-known-ports/', label: 'Well-known ports' },
    },
  ];
}
