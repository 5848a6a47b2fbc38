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
  type InetSocket,
  type InetTableName,
  type ParseIssue,
  parseHosts,
  parseInetTable,
} from '@netintro/procnet-reader';
import { createServicesDb, parseServices, type ServicesDb } from '@netintro/services-parser';
import {
  formatNetstat,
  hostsResolverFromEntries,
  parseNetstatArgs,
  type Resolvers,
  servicesResolverFromDb,
} from '@netintro/socket-formatter';

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
  /** netstat's arguments, e.g. `['-at']`. */
  argv: readonly string[];
  /** Byte order of the machine the tables came from (default little-endian). */
  endianness?: Endianness;
  /** Transforms the parsed sockets before formatting (used to redact addresses). */
  mapSockets?: (sockets: InetSocket[]) => InetSocket[];
}

export interface PipelineIssue {
  /** The file the line came from, e.g. `/proc/net/tcp`. */
  source: string;
  /** Which input box: a table name, `services` or `hosts`. */
  input: PlaygroundTable | 'services';
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
}

function toIssue(input: PipelineIssue['input'], issue: Omit<ParseIssue, 'code'>): PipelineIssue {
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

export function runPipeline(input: PipelineInput): PipelineResult {
  const issues: PipelineIssue[] = [];
  const args = parseNetstatArgs(input.argv);
  if (!args.ok) {
    return { ok: false, text: '', error: args.message, issues, sockets: 0 };
  }
  if (args.mode !== 'sockets' || args.json) {
    return {
      ok: false,
      text: '',
      error: 'The playground shows the socket tables only (no -r, -i, -s, -h, -V or --json).',
      issues,
      sockets: 0,
    };
  }
  let sockets: InetSocket[] = [];
  for (const table of PLAYGROUND_TABLES) {
    const text = input.tables[table];
    if (!text?.trim()) continue;
    const rows = parseInetTable(table as InetTableName, text, {
      source: `/proc/net/${table}`,
      endianness: input.endianness ?? 'little',
      onInvalidLine: (issue) => issues.push(toIssue(table, issue)),
    });
    sockets.push(...rows);
  }
  if (input.mapSockets) sockets = input.mapSockets(sockets);
  const db = input.servicesDb ?? servicesDbFromText(input.services ?? '', (i) => issues.push(i));
  const resolvers: Resolvers = {
    services: servicesResolverFromDb(db),
    hosts: hostsResolverFromEntries(parseHosts(input.hosts ?? '')),
  };
  // The playground has no /proc/net/unix box: leave the UNIX table out
  // unless the reader asked for it explicitly with -x.
  const flags = { ...args.flags };
  if (!flags.tcp && !flags.udp && !flags.udplite && !flags.raw && !flags.unix) {
    Object.assign(flags, { tcp: true, udp: true, udplite: true, raw: true });
  }
  const text = formatNetstat({ inet: sockets, unix: [] }, flags, resolvers);
  return { ok: true, text, issues, sockets: sockets.length };
}
