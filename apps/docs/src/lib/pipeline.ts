/**
 * The whole netstat pipeline on pasted text, using only the packages' pure
 * entry points (no Node built-ins): it runs in the browser playground, at
 * build time for the icebox figure and the experiments, and in the tests.
 *
 * /proc/net text --parseTcp...--> InetSocket[] --+
 * /etc/services ---parseServices -> ServicesDb --+--> formatNetstat --> text
 * /etc/hosts ------parseHosts -> entries --------+
 *
 * Bad lines never stop the pipeline: each is collected as an issue with its
 * source, line number, the raw line and what was expected.
 */
import {
  type Endianness,
  encodeAddress,
  type InetSocket,
  type InetTableName,
  type ParseIssue,
  parseHosts,
  parseInetTable,
  parsePasswd,
} from '@netintro/procnet-reader';
import { createServicesDb, parseServices, type ServicesDb } from '@netintro/services-parser';
import {
  formatNetstat,
  hostsResolverFromEntries,
  inetSocketSelected,
  type NetstatFlags,
  parseNetstatArgs,
  type Resolvers,
  resolveFlags,
  servicesResolverFromDb,
  sortInetSockets,
} from '@netintro/socket-formatter';
import type { ExplainRow } from './explain';

/** The /proc/net tables the playground accepts, in netstat's order. */
export const PLAYGROUND_TABLES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;
export type PlaygroundTable = (typeof PLAYGROUND_TABLES)[number];

export interface PipelineInput {
  /** Text of `/proc/net/<table>`; missing or blank tables are empty. */
  tables: Partial<Record<PlaygroundTable, string>>;
  /** `/etc/services` text. Ignored when `servicesDb` is given. */
  services?: string;
  /** A ready services database (for example the embedded netbase copy). */
  servicesDb?: ServicesDb;
  /** `/etc/hosts` text. */
  hosts?: string;
  /** `/etc/passwd` text, for the user names of `-e`. */
  passwd?: string;
  /** `/proc/net/route` text, for `-r`. */
  route?: string;
  /** `/proc/net/dev` text, for `-i`. */
  dev?: string;
  /** `/proc/net/snmp` text, for `-s`. */
  snmp?: string;
  /** `/proc/net/netstat` text, for `-s` (the TcpExt and IpExt sections). */
  netstat?: string;
  /** netstat's arguments, e.g. `['-at']`. */
  argv: readonly string[];
  /** Byte order of the machine the tables came from (default little-endian). */
  endianness?: Endianness;
  /** Transforms the parsed sockets before formatting (used to redact addresses). */
  mapSockets?: (sockets: InetSocket[]) => InetSocket[];
}

/** The inputs of the reports beside the socket table (`-r`, `-i`, `-s`). */
export type ExtraInput = 'route' | 'dev' | 'snmp' | 'netstat';

export interface PipelineIssue {
  /** The file the line came from, e.g. `/proc/net/tcp`. */
  source: string;
  /** Which input box: a table name, `services`, or one of the extra files. */
  input: PlaygroundTable | ExtraInput | 'services' | 'passwd';
  line: number;
  raw: string;
  expected: string;
  message: string;
}

export interface PipelineResult {
  /** False when the arguments were refused; `text` is then empty. */
  ok: boolean;
  /** What netstat prints on standard output. */
  text: string;
  /** netstat's complaint about the arguments, when `ok` is false. */
  error?: string;
  issues: PipelineIssue[];
  /** How many socket lines were parsed. */
  sockets: number;
  /**
   * The socket table split for the row pickers: `head` is the text before
   * the first row (heading and column header), `rows` one entry per row with
   * the /proc/net line it came from. Empty for the other reports.
   */
  head: string;
  rows: ExplainRow[];
}

export function toIssue(
  input: PipelineIssue['input'],
  issue: Omit<ParseIssue, 'code'>,
): PipelineIssue {
  return {
    input,
    source: issue.source,
    line: issue.line,
    raw: issue.raw,
    expected: issue.expected,
    message: issue.message,
  };
}

/** Splits a command line such as `netstat -at` into netstat's arguments. */
export function splitArgs(commandLine: string): string[] {
  const words = commandLine.trim().split(/\s+/).filter(Boolean);
  return words[0] === 'netstat' ? words.slice(1) : words;
}

/** Parses services text with netstat's rule: the last line for a port wins. */
export function servicesDbFromText(
  text: string,
  onIssue?: (issue: PipelineIssue) => void,
): ServicesDb {
  const entries = parseServices(text, {
    source: '/etc/services',
    onInvalidLine: (issue) => onIssue?.(toIssue('services', issue)),
  });
  return createServicesDb(entries, { match: 'last' });
}

/** The /proc/net line a (possibly redacted) socket came from, with redacted addresses re-encoded. */
function rawLine(s: InetSocket, text: string, endianness: Endianness): string {
  const line = text.split('\n')[s.line - 1] ?? '';
  return line.replace(
    /^(\s*\S+\s+)([0-9A-Fa-f]+)(:\S+\s+)([0-9A-Fa-f]+)(:)/,
    (_m, a, l, b, r, c) => {
      const fix = (hex: string, e: InetSocket['local']) =>
        e.addressHex === hex ? hex : encodeAddress(e.address, s.family, endianness);
      return `${a}${fix(l, s.local)}${b}${fix(r, s.remote)}${c}`;
    },
  );
}

/**
 * Splits netstat's socket-table text into its head (heading and column
 * header) and one row per socket, each with what `extra` adds (the raw
 * line, the program...). The rows are matched to the sockets netstat
 * prints, in its order; when the count does not match (a UNIX table too),
 * there are no rows and the text stays whole.
 */
export function splitRows<E extends Omit<ExplainRow, 'text' | 'table'>>(
  text: string,
  sockets: readonly InetSocket[],
  flags: NetstatFlags,
  extra: (s: InetSocket) => E,
): { head: string; rows: (E & Pick<ExplainRow, 'text' | 'table'>)[] } {
  const resolved = resolveFlags(flags);
  const lines = text.split('\n');
  const shown = sortInetSockets(sockets).filter((s) => inetSocketSelected(s, resolved));
  if (resolved.unix || lines.length !== shown.length + 3) return { head: '', rows: [] };
  return {
    head: `${lines.slice(0, 2).join('\n')}\n`,
    rows: shown.map((s, i) => ({ text: lines[i + 2] ?? '', table: s.table, ...extra(s) })),
  };
}

const EMPTY = { head: '', rows: [] as ExplainRow[] };

export function runPipeline(input: PipelineInput): PipelineResult {
  const issues: PipelineIssue[] = [];
  const args = parseNetstatArgs(input.argv);
  if (!args.ok) {
    return { ok: false, text: '', error: args.message, issues, sockets: 0, ...EMPTY };
  }
  const endianness = input.endianness ?? 'little';
  const passwd = input.passwd?.trim()
    ? parsePasswd(input.passwd, { onInvalidLine: (i) => issues.push(toIssue('passwd', i)) })
    : undefined;
  const users = passwd ? (uid: number) => passwd.get(uid) : undefined;
  if (args.json || !['sockets', 'route', 'interfaces', 'statistics'].includes(args.mode)) {
    return {
      ok: false,
      text: '',
      error:
        'The playground shows the socket tables, -r, -i and -s only (no -g, -h, -V or --json).',
      issues,
      sockets: 0,
      ...EMPTY,
    };
  }
  if (args.mode !== 'sockets') {
    // -r, -i and -s live in ./reports (loaded only when asked for): see runReport.
    return {
      ok: false,
      text: '',
      error: 'netstat -r, -i and -s need runReport from src/lib/reports.ts.',
      issues,
      sockets: 0,
      ...EMPTY,
    };
  }
  let sockets: InetSocket[] = [];
  for (const table of PLAYGROUND_TABLES) {
    const text = input.tables[table];
    if (!text?.trim()) continue;
    const rows = parseInetTable(table as InetTableName, text, {
      source: `/proc/net/${table}`,
      endianness,
      onInvalidLine: (issue) => issues.push(toIssue(table, issue)),
    });
    sockets.push(...rows);
  }
  if (input.mapSockets) sockets = input.mapSockets(sockets);
  const db = input.servicesDb ?? servicesDbFromText(input.services ?? '', (i) => issues.push(i));
  const resolvers: Resolvers = {
    services: servicesResolverFromDb(db),
    hosts: hostsResolverFromEntries(parseHosts(input.hosts ?? '')),
    ...(users ? { users } : {}),
  };
  // The playground has no /proc/net/unix box: leave the UNIX table out
  // unless the reader asked for it explicitly with -x.
  const flags = { ...args.flags };
  if (!flags.tcp && !flags.udp && !flags.udplite && !flags.raw && !flags.unix) {
    Object.assign(flags, { tcp: true, udp: true, udplite: true, raw: true });
  }
  const text = formatNetstat({ inet: sockets, unix: [] }, flags, resolvers);
  const { head, rows } = splitRows(text, sockets, flags, (s) => ({
    raw: rawLine(s, input.tables[s.table as PlaygroundTable] ?? '', endianness),
    ...(users && !resolveFlags(flags).numericUsers ? { user: users(s.uid) ?? String(s.uid) } : {}),
  }));
  return { ok: true, text, issues, sockets: sockets.length, head, rows };
}
