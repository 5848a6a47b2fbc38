/**
 * A connection's life, and the other flags' experiments: renders the
 * /proc/net captures of scripts/capture-life.mjs (src/data/life) through the
 * packages' public API, splits one machine's table into the client's and
 * the server's rows, and finds what changed from one step to the next.
 * Pure (no file system): the pages pass the captured text in, the tests too.
 */
import {
  type InetSocket,
  type InetTableName,
  parseDev,
  parseInetTable,
  parseNetstat,
  parsePasswd,
  parseRoute,
  parseSnmp,
  type SocketProcess,
} from '@netintro/procnet-reader';
import {
  formatReport,
  type InterfaceState,
  interfaceStateFromSysfs,
  parseNetstatArgs,
  type Resolvers,
} from '@netintro/socket-formatter';

/** A `users` resolver over parsePasswd's map. */
const usersOf = (map: Map<number, string>) => (uid: number) => map.get(uid);

/** The port the captured server listens on. */
export const LIFE_PORT = 1234;

/** Captured files of one step, by name: `tcp`, `udp`, `route`, `passwd.txt`, ... */
export type Capture = Record<string, string>;

const SOCKET_TABLES: InetTableName[] = ['tcp', 'tcp6', 'udp', 'udp6'];

/** The sockets of a capture (every table it has), in file order. */
export function captureSockets(capture: Capture): InetSocket[] {
  const out: InetSocket[] = [];
  for (const table of SOCKET_TABLES) {
    const text = capture[table];
    if (!text) continue;
    out.push(
      ...parseInetTable(table, text, {
        source: `/proc/net/${table}`,
        onInvalidLine: (issue) => {
          throw new Error(`capture: ${issue.message}`);
        },
      }),
    );
  }
  return out;
}

/**
 * The `inode -> process` map `netstat -p` builds by reading every
 * `/proc/<pid>/fd/*` link, from the capture's `fd-links.txt`
 * (`/proc/15212/fd/3 -> socket:[3849661] nc` per line).
 */
export function processesFromFdLinks(text: string): Map<string, SocketProcess> {
  const byInode = new Map<string, SocketProcess>();
  for (const line of text.split('\n')) {
    const m = line.match(/^\/proc\/(\d+)\/fd\/(\d+) -> socket:\[(\d+)\] (.+)$/);
    if (!m) continue;
    const [, pid, fd, inode, command] = m;
    const entry = { pid: Number(pid), fd: Number(fd), command: command ?? '' };
    const known = byInode.get(inode ?? '');
    // netstat keeps the first process it finds: the lowest pid in /proc order.
    if (!known || entry.pid < known.pid) byInode.set(inode ?? '', entry);
  }
  return byInode;
}

/**
 * What the real `netstat <command>` prints for a capture, computed by the
 * packages. `command` is netstat's arguments (`-tan`, `-rn`, `-i`, `-st`).
 * Host and service names are never resolved here: use numeric flags for
 * socket tables (user names come from the captured `passwd.txt`).
 */
export function renderCapture(
  capture: Capture,
  command: string,
  select?: (socket: InetSocket) => boolean,
): string {
  const args = parseNetstatArgs(command.split(/\s+/).filter(Boolean));
  if (!args.ok) throw new Error(`netstat ${command}: ${args.message}`);
  const all = captureSockets(capture);
  const processes = capture['fd-links.txt']
    ? processesFromFdLinks(capture['fd-links.txt'])
    : undefined;
  const resolvers: Resolvers = {
    hosts: () => undefined,
    services: () => undefined,
    ...(capture['passwd.txt'] ? { users: usersOf(parsePasswd(capture['passwd.txt'])) } : {}),
    ...(processes ? { processes: (inode: string) => processes.get(inode) } : {}),
  };
  const sysfs = capture['sysfs.json']
    ? (JSON.parse(capture['sysfs.json']) as Record<
        string,
        { mtu: string; flags: string; operstate: string }
      >)
    : {};
  const interfaceState = (iface: string): InterfaceState | undefined => {
    const s = sysfs[iface];
    return s
      ? interfaceStateFromSysfs({
          mtu: Number(s.mtu),
          flags: Number.parseInt(s.flags.trim(), 16),
          operstate: s.operstate,
        })
      : undefined;
  };
  return formatReport(
    args.mode,
    {
      inet: select ? all.filter(select) : all,
      unix: [],
      ...(capture.route ? { route: parseRoute(capture.route) } : {}),
      ...(capture.dev ? { dev: parseDev(capture.dev) } : {}),
      ...(capture.snmp ? { snmp: parseSnmp(capture.snmp) } : {}),
      ...(capture.netstat ? { netstat: parseNetstat(capture.netstat) } : {}),
      interfaceState,
    },
    args.flags,
    resolvers,
  );
}

export type Side = 'client' | 'server';

/** The server's sockets use port 1234 locally; the client's talk to port 1234. */
export function sideOf(socket: InetSocket): Side | undefined {
  if (socket.local.port === LIFE_PORT) return 'server';
  if (socket.remote.port === LIFE_PORT) return 'client';
  return undefined;
}

/** One row of netstat's text cut into cells (text) and the spaces between them. */
export interface Row {
  /** Proto, local and foreign address: the same socket from step to step. */
  key: string;
  /** The cells in order, each with the spaces that come before it. */
  cells: { lead: string; text: string }[];
  /** Spaces after the last cell (netstat pads its rows). */
  tail: string;
}

/** netstat's column names for the TCP table, in order. */
export const COLUMNS = ['Proto', 'Recv-Q', 'Send-Q', 'Local Address', 'Foreign Address', 'State'];

/** Cuts a netstat socket row into its cells. */
export function splitRow(line: string): Row {
  const cells: Row['cells'] = [];
  const re = /(\s*)(\S+)/g;
  let end = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    cells.push({ lead: m[1] ?? '', text: m[2] ?? '' });
    end = m.index + m[0].length;
  }
  const at = (i: number) => cells[i]?.text ?? '';
  return { key: `${at(0)} ${at(3)} ${at(4)}`, cells, tail: line.slice(end) };
}

/** What a step did to one side's table. */
export interface SideChange {
  /** Rows (netstat text) with, per cell, whether it changed since the step before. */
  rows: { row: Row; isNew: boolean; changed: boolean[] }[];
  /** Rows of the step before that are gone, as netstat printed them. */
  gone: string[];
  /** One line per change, in words (`State: SYN_SENT → ESTABLISHED`). */
  notes: string[];
}

const isHeader = (line: string) => line.startsWith('Active ') || line.startsWith('Proto ');

/** The rows of a socket table's text (headers and blank lines left out). */
export function tableRows(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() && !isHeader(line));
}

/**
 * Compares one side's netstat text with the step before (`undefined` for
 * the first step: nothing is marked).
 */
export function compareSide(before: string | undefined, after: string): SideChange {
  const previous = new Map(
    (before === undefined ? [] : tableRows(before)).map((l) => [splitRow(l).key, splitRow(l)]),
  );
  const rows: SideChange['rows'] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const line of tableRows(after)) {
    const row = splitRow(line);
    seen.add(row.key);
    const old = previous.get(row.key);
    if (before !== undefined && !old) {
      rows.push({ row, isNew: true, changed: row.cells.map(() => true) });
      notes.push(`new row: ${row.cells.map((c) => c.text).join(' ')}`);
      continue;
    }
    const changed = row.cells.map((c, i) => !!old && old.cells[i]?.text !== c.text);
    changed.forEach((yes, i) => {
      if (yes) {
        notes.push(
          `${row.cells[3]?.text}: ${COLUMNS[i] ?? `column ${i + 1}`} ${old?.cells[i]?.text} → ${row.cells[i]?.text}`,
        );
      }
    });
    rows.push({ row, isNew: false, changed });
  }
  const gone = [...previous.entries()]
    .filter(([key]) => !seen.has(key))
    .map(([, row]) => row.cells.map((c) => c.text).join(' '));
  for (const g of gone) notes.push(`row gone: ${g}`);
  return { rows, gone, notes };
}

/** /proc/net files a capture may hold (saved as `<step>.<name>.txt`). */
const PROC_FILES = new Set(['tcp', 'tcp6', 'udp', 'udp6', 'route', 'dev', 'snmp', 'netstat']);

/**
 * Groups captured files (path → text; paths end in `<scenario>/<step>.<name>`)
 * into one capture per `scenario/step`. /proc/net tables are keyed by
 * their name (`tcp`); other files keep theirs (`passwd.txt`, `sysfs.json`).
 */
export function groupCaptures(files: Record<string, string>): Map<string, Capture> {
  const out = new Map<string, Capture>();
  for (const [path, text] of Object.entries(files)) {
    const [scenario, file] = path.split('/').slice(-2);
    const dot = (file ?? '').indexOf('.');
    if (!scenario || !file || dot < 0) continue;
    const step = file.slice(0, dot);
    const name = file.slice(dot + 1);
    const table = name.replace(/\.txt$/, '');
    const key = `${scenario}/${step}`;
    const capture = out.get(key) ?? {};
    capture[PROC_FILES.has(table) ? table : name] = text;
    out.set(key, capture);
  }
  return out;
}
