/**
 * The quiz questions. The first one is the lesson's own; the others are
 * built from the same services data the lesson shows (the embedded netbase
 * copy in @netintro/services-parser, so the quiz is the same on every build
 * machine), and from classifyPort.
 */
import { classifyPort, type PortClass } from '@netintro/services-parser';
import { getDefaultServicesDb } from '@netintro/services-parser/default-db';

export interface QuizQuestion {
  id: string;
  prompt: string;
  options: string[];
  answer: string;
  explanation: string;
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

export function buildQuiz(): QuizQuestion[] {
  const db = getDefaultServicesDb();
  const dns = must(db.byPort(53, 'tcp'), '53/tcp');
  const ssh = must(db.byName('ssh', 'tcp'), 'ssh/tcp');
  const smtp = must(db.byPort(25, 'tcp'), '25/tcp');
  const lessonPorts = [21, 22, 25, 53, 80, 443];
  const lessonNames = lessonPorts.map((port) => must(db.byPort(port, 'tcp'), `${port}/tcp`).name);
  const httpAlt = 8080;

  return [
    {
      id: 'https',
      prompt: 'What port is used for HTTPS?',
      options: ['6969', '22', '80', '443'],
      answer: '443',
      explanation:
        'HTTPS is the secure, encrypted form of HTTP and uses port 443, while plain HTTP uses port 80. Traffic on 443 is protected by TLS, the successor of SSL.',
    },
    {
      id: 'ssh-port',
      prompt: `Which TCP port does ${ssh.name} (secure remote login) use?`,
      options: ['21', '22', '25', '80'],
      answer: String(ssh.port),
      explanation: `/etc/services has the line "${ssh.name} ${ssh.port}/${ssh.protocol}": SSH listens on port ${ssh.port}. Port 21 is ${lessonNames[0]}, 25 is ${lessonNames[2]} and 80 is ${lessonNames[4]}.`,
    },
    {
      id: 'dns-name',
      prompt: 'DNS servers listen on port 53. Which name does /etc/services give to 53/tcp?',
      options: ['dns', 'domain', 'named', 'resolve'],
      answer: dns.name,
      explanation: `The entry is "${dns.name} ${dns.port}/${dns.protocol}": the file calls DNS, the Domain Name System, "${dns.name}". That is why netstat shows a name server's socket as something like icebox:${dns.name}.`,
    },
    {
      id: 'smtp-service',
      prompt: 'Which service is registered on port 25/tcp?',
      options: ['ftp', 'ssh', 'smtp', 'http'],
      answer: smtp.name,
      explanation: `Port 25 is ${smtp.name}, the Simple Mail Transfer Protocol that mail servers use to pass mail on${smtp.aliases.length > 0 ? ` (alias: ${smtp.aliases.join(', ')})` : ''}.`,
    },
    {
      id: 'listen-state',
      prompt:
        'Which State does netstat on Linux print for a TCP socket that waits for incoming connections?',
      options: ['LISTENING', 'LISTEN', 'ESTABLISHED', 'SYN_SENT'],
      answer: 'LISTEN',
      explanation:
        'Linux netstat prints LISTEN for TCP (some texts write LISTENING, which netstat uses only for UNIX domain sockets). ESTABLISHED is an open connection and SYN_SENT a connection attempt in progress.',
    },
    {
      id: 'port-class',
      prompt: `Port ${httpAlt} (${must(db.byPort(httpAlt, 'tcp'), `${httpAlt}/tcp`).name}) is in which IANA range?`,
      options: Object.values(CLASS_LABEL),
      answer: CLASS_LABEL[classifyPort(httpAlt)],
      explanation: `IANA divides ports into well-known (0-1023), registered (1024-49151) and dynamic (49152-65535) ranges; ${httpAlt} is ${classifyPort(httpAlt)}.`,
    },
  ];
}
