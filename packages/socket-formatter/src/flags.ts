/**
 * netstat's command-line flags as a plain object, and a pure parser for
 * netstat-style argument vectors.
 *
 * @packageDocumentation
 */

/**
 * Which rows and columns to render, one field per netstat option. Every
 * field is optional; {@link resolveFlags} fills in netstat's defaults.
 *
 * @example
 * ```ts
 * const flags: NetstatFlags = { all: true, tcp: true, numeric: true, program: true }; // netstat -antp
 * ```
 */
export interface NetstatFlags {
  /** `-a`, `--all`: servers and established sockets. */
  all?: boolean;
  /** `-l`, `--listening`: only servers. */
  listening?: boolean;
  /** `-t`, `--tcp`. */
  tcp?: boolean;
  /** `-u`, `--udp`. */
  udp?: boolean;
  /** `-U`, `--udplite`. */
  udplite?: boolean;
  /** `-w`, `--raw`. */
  raw?: boolean;
  /** `-x`, `--unix`. */
  unix?: boolean;
  /** `-n`, `--numeric`: sets all three numeric flags below. */
  numeric?: boolean;
  /** `--numeric-hosts`. */
  numericHosts?: boolean;
  /** `--numeric-ports`. */
  numericPorts?: boolean;
  /** `--numeric-users`. */
  numericUsers?: boolean;
  /**
   * How many times `-e` was given: 1 adds User and Inode to the socket
   * tables; for `-r` the count picks the layout (see `routeLayout`).
   */
  extend?: number;
  /** `-o`, `--timers`. */
  timers?: boolean;
  /** `-p`, `--programs`. */
  program?: boolean;
  /** `-W`, `--wide`: never cut addresses. */
  wide?: boolean;
  /** `-4`, `-A inet`, `--inet`: IPv4 tables. */
  inet4?: boolean;
  /** `-6`, `-A inet6`, `--inet6`: IPv6 tables. */
  inet6?: boolean;
  /** `-v`, `--verbose` (accepted; changes nothing in the tables rendered here). */
  verbose?: boolean;
  /** `-F`, `--fib`: with `-r`, the routing table (the default; with `-C`, both). */
  fib?: boolean;
  /** `-C`, `--cache`: with `-r`, the routing cache instead of the table. */
  cache?: boolean;
}

/**
 * {@link NetstatFlags} with every field decided, as the formatters use them.
 *
 * @example
 * ```ts
 * const f: ResolvedFlags = resolveFlags({ tcp: true });
 * f.inet6; // true
 * ```
 */
export interface ResolvedFlags {
  all: boolean;
  listening: boolean;
  tcp: boolean;
  udp: boolean;
  udplite: boolean;
  raw: boolean;
  unix: boolean;
  numericHosts: boolean;
  numericPorts: boolean;
  numericUsers: boolean;
  extend: number;
  timers: boolean;
  program: boolean;
  wide: boolean;
  inet4: boolean;
  inet6: boolean;
}

/**
 * Applies netstat's defaults: with no socket type and no family selected,
 * every type (tcp, udp, udplite, raw, unix) is shown; a family (`-4`, `-6`,
 * `-A inet`) without an Internet type selects all Internet types (and, without
 * `-x`, no UNIX table); an Internet type without a family selects IPv4 and
 * IPv6; `-n` implies the three `--numeric-*` flags.
 *
 * @example
 * ```ts
 * resolveFlags({ tcp: true, numeric: true }).numericPorts; // true
 * resolveFlags({}).unix; // true
 * resolveFlags({ inet4: true }).unix; // false
 * resolveFlags({ unix: true, inet4: true }).udp; // true
 * ```
 */
export function resolveFlags(flags: NetstatFlags = {}): ResolvedFlags {
  if (RESOLVED.has(flags)) return flags as ResolvedFlags;
  const inetType = !!(flags.tcp || flags.udp || flags.udplite || flags.raw);
  const anyFamily = !!(flags.inet4 || flags.inet6);
  // netstat: a family without a socket type selects every Internet type; a
  // type without a family selects both families; nothing at all selects all.
  const allInet = anyFamily ? !inetType : !inetType && !flags.unix;
  const n = !!flags.numeric;
  const resolved: ResolvedFlags = {
    all: !!flags.all,
    listening: !!flags.listening,
    tcp: allInet || !!flags.tcp,
    udp: allInet || !!flags.udp,
    udplite: allInet || !!flags.udplite,
    raw: allInet || !!flags.raw,
    unix: !!flags.unix || (!inetType && !anyFamily),
    numericHosts: n || !!flags.numericHosts,
    numericPorts: n || !!flags.numericPorts,
    numericUsers: n || !!flags.numericUsers,
    extend: flags.extend ?? 0,
    timers: !!flags.timers,
    program: !!flags.program,
    wide: !!flags.wide,
    inet4: anyFamily ? !!flags.inet4 : true,
    inet6: anyFamily ? !!flags.inet6 : true,
  };
  RESOLVED.add(resolved);
  return resolved;
}

/** Objects resolveFlags made, so per-row calls with them cost nothing. */
const RESOLVED = new WeakSet<object>();

/**
 * What the command line asks netstat to show.
 *
 * @example
 * ```ts
 * const mode: NetstatMode = 'route'; // netstat -r
 * ```
 */
export type NetstatMode =
  | 'sockets'
  | 'route'
  | 'interfaces'
  | 'statistics'
  | 'groups'
  | 'masquerade'
  | 'help'
  | 'version';

/**
 * A successfully parsed command line.
 *
 * @example
 * ```ts
 * const args = parseNetstatArgs(['-rn']);
 * if (args.ok) args.mode; // 'route'
 * ```
 */
export interface NetstatArgs {
  ok: true;
  /** Which report: the socket tables unless `-r`, `-i`, `-s`, `-g`, `-M`, `-h` or `-V` says otherwise. */
  mode: NetstatMode;
  flags: NetstatFlags;
  /** `-c`, `--continuous`: repeat every {@link NetstatArgs.interval} seconds. */
  continuous: boolean;
  /**
   * Seconds between repeats: 1 like netstat, or the number given as the
   * argument right after `-c` (`-c 5`, an extension: netstat ignores it).
   */
  interval: number;
  /** `--json`: print the JSON form instead of tables (not a netstat option). */
  json: boolean;
  /** `-C`, `--cache` with `-r` (the routing cache; accepted, Linux no longer has one). */
  cache: boolean;
  /** Positional arguments netstat ignores, kept for the caller. */
  rest: string[];
  /**
   * Address families in command-line order, repeats kept (`inet`, `inet6`,
   * `unix`): netstat's afname, which `-s` checks (see `statisticsFamilyError`).
   */
  families: string[];
}

/**
 * A command line netstat would refuse.
 *
 * @example
 * ```ts
 * const bad = parseNetstatArgs(['--num']);
 * if (!bad.ok) process.exitCode = bad.exitCode; // 3
 * ```
 */
export interface NetstatArgsError {
  ok: false;
  /** netstat's exit status: 3 (`E_USAGE`) for an unknown option, 1 for an unknown address family. */
  exitCode: 1 | 3;
  /** The one-line message netstat prints on stderr, e.g. `netstat: invalid option -- 'Q'`. */
  message: string;
  /** Whether netstat follows the message with its usage text (it does for exit code 3). */
  usage: boolean;
}

type Action = (s: ParseState) => void;

const set =
  (key: keyof NetstatFlags): Action =>
  (s) => {
    (s.flags as Record<string, unknown>)[key] = true;
    // netstat also appends the family to its address-family string (afname).
    const family =
      key === 'inet4' ? 'inet' : key === 'inet6' ? 'inet6' : key === 'unix' ? 'unix' : '';
    if (family) s.families.push(family);
  };
const mode =
  (m: NetstatMode): Action =>
  (s) => {
    s.mode = m;
  };
const fail =
  (message: string): Action =>
  (s) => {
    s.failure ??= message;
  };
const noop: Action = () => {};

const ACTIONS: Record<string, Action> = {
  a: set('all'),
  l: set('listening'),
  t: set('tcp'),
  u: set('udp'),
  U: set('udplite'),
  w: set('raw'),
  x: set('unix'),
  n: set('numeric'),
  '!': set('numericHosts'),
  '@': set('numericPorts'),
  '#': set('numericUsers'),
  e: (s) => {
    s.flags.extend = (s.flags.extend ?? 0) + 1;
  },
  o: set('timers'),
  p: set('program'),
  W: set('wide'),
  v: set('verbose'),
  c: (s) => {
    s.continuous = true;
  },
  '4': set('inet4'),
  '6': set('inet6'),
  r: mode('route'),
  i: mode('interfaces'),
  s: mode('statistics'),
  g: mode('groups'),
  M: fail("netstat: no support for `ip_masquerade' on this system."),
  h: (s) => {
    s.help = true;
  },
  V: (s) => {
    s.version = true;
  },
  F: set('fib'),
  C: (s) => {
    s.cache = true;
    s.flags.cache = true;
  },
  N: noop,
  d: noop,
  S: fail("netstat: no support for `AF INET (sctp)' on this system."),
  Z: fail('SELinux is not enabled on this machine.'),
  '2': fail("netstat: feature `AF BLUETOOTH' not supported."),
  f: fail("netstat: feature `AF BLUETOOTH' not supported."),
  json: (s) => {
    s.json = true;
  },
};

/** Address families by the names `-A` and the `--<af>` options accept. */
const FAMILIES: Record<string, Action> = {
  ax25: fail("netstat: no support for `AF AX25' on this system."),
  ip: set('inet4'),
  ipx: fail("netstat: no support for `AF IPX' on this system."),
  appletalk: noop,
  netrom: fail("netstat: no support for `AF NETROM' on this system."),
  inet: set('inet4'),
  inet6: set('inet6'),
  ddp: noop,
  unix: set('unix'),
  tcpip: set('inet4'),
  rose: fail("netstat: no support for `AF ROSE' on this system."),
  x25: fail("netstat: no support for `AF X25' on this system."),
  bluetooth: fail("netstat: feature `AF BLUETOOTH' not supported."),
};

/**
 * netstat 2.10's long options in its own table order (the order matters for
 * prefix matching and for the list in the "is ambiguous" message). The
 * address-family options share one id, so a prefix of two of them is not
 * ambiguous (`--ine` is `--inet`).
 */
const LONG_OPTIONS: readonly (readonly [name: string, id: string, hasArg: boolean])[] = [
  ...Object.keys(FAMILIES).map((name) => [name, 'AF', false] as const),
  ['version', 'V', false],
  ['interfaces', 'i', false],
  ['help', 'h', false],
  ['route', 'r', false],
  ['masquerade', 'M', false],
  ['protocol', 'A', true],
  ['tcp', 't', false],
  ['sctp', 'S', false],
  ['udp', 'u', false],
  ['udplite', 'U', false],
  ['raw', 'w', false],
  ['unix', 'x', false],
  ['l2cap', '2', false],
  ['rfcomm', 'f', false],
  ['listening', 'l', false],
  ['all', 'a', false],
  ['timers', 'o', false],
  ['continuous', 'c', false],
  ['extend', 'e', false],
  ['programs', 'p', false],
  ['verbose', 'v', false],
  ['statistics', 's', false],
  ['wide', 'W', false],
  ['numeric', 'n', false],
  ['numeric-hosts', '!', false],
  ['numeric-ports', '@', false],
  ['numeric-users', '#', false],
  ['symbolic', 'N', false],
  ['cache', 'C', false],
  ['fib', 'F', false],
  ['groups', 'g', false],
  ['context', 'Z', false],
  ['json', 'json', false],
];

const SHORT = 'AaltuUwxneopWvc46rsigMhVFCNdSZ2f';

interface ParseState {
  flags: NetstatFlags;
  families: string[];
  mode: NetstatMode;
  help: boolean;
  version: boolean;
  continuous: boolean;
  json: boolean;
  cache: boolean;
  failure?: string;
}

/** glibc getopt_long's lookup: exact name first, then a unique (by id) prefix. */
function findLong(name: string): (typeof LONG_OPTIONS)[number] | string {
  const exact = LONG_OPTIONS.find(([n]) => n === name);
  if (exact) return exact;
  const found = LONG_OPTIONS.filter(([n]) => n.startsWith(name));
  const first = found[0];
  if (!first) return 'unrecognized';
  const differing = found.filter(([, id, hasArg]) => id !== first[1] || hasArg !== first[2]);
  if (differing.length === 0) return first;
  const list = found
    .filter((o) => o === first || differing.includes(o))
    .map(([n]) => ` '--${n}'`)
    .join('');
  return `ambiguous; possibilities:${list}`;
}

/**
 * Parses a netstat-style argument vector (without the program name) the way
 * net-tools 2.10's `getopt_long` does: combined short flags (`-antp`), long
 * options and unambiguous prefixes (`--listen` is `--listening`; `--num` is
 * ambiguous), `-A <families>` / `-A<families>` / `--protocol=<families>`
 * with a comma list, `--` ends the options, other positional arguments are
 * ignored as netstat ignores them. Additions: `--json`, and a number right
 * after `-c` sets the repeat interval.
 *
 * Errors come back as a value, never thrown: `exitCode` 3 with netstat's
 * message for an unknown or malformed option; 1 for an unknown `-A` family
 * or for a feature this build of netstat lacks (SCTP, AX.25, IPX, NET/ROM,
 * ROSE, X.25, Bluetooth, masquerading, SELinux contexts), with netstat's
 * message.
 *
 * @example
 * ```ts
 * const args = parseNetstatArgs(['-antp']);
 * if (args.ok) args.flags; // { all: true, numeric: true, tcp: true, program: true }
 * parseNetstatArgs(['-Q']); // { ok: false, exitCode: 3, message: "netstat: invalid option -- 'Q'", usage: true }
 * ```
 */
export function parseNetstatArgs(argv: readonly string[]): NetstatArgs | NetstatArgsError {
  const s: ParseState = {
    flags: {},
    families: [],
    mode: 'sockets',
    help: false,
    version: false,
    continuous: false,
    json: false,
    cache: false,
  };
  const rest: string[] = [];
  let interval = 1;
  let familyError: string | undefined;
  const addFamilies = (list: string): void => {
    for (const name of list.split(',')) {
      const action = FAMILIES[name];
      if (action) action(s);
      else familyError ??= `Unknown address family \`${name}'.`;
    }
  };
  const takeInterval = (i: number): number => {
    const next = argv[i + 1];
    if (next !== undefined && /^\d+(\.\d+)?$/.test(next) && Number(next) > 0) {
      skipNext = true;
      return Number(next);
    }
    return interval;
  };
  let skipNext = false;
  for (let i = 0; i < argv.length; i++) {
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const value = eq < 0 ? undefined : arg.slice(eq + 1);
      const found = findLong(name);
      if (typeof found === 'string') {
        return usageError(
          found === 'unrecognized'
            ? `netstat: unrecognized option '${arg}'`
            : `netstat: option '${eq < 0 ? arg : arg.slice(0, eq)}' is ${found}`,
        );
      }
      const [option, id, hasArg] = found;
      if (hasArg) {
        const list = value ?? argv[i + 1];
        if (list === undefined) {
          return usageError(`netstat: option '--${option}' requires an argument`);
        }
        if (value === undefined) i++;
        addFamilies(list);
        continue;
      }
      if (value !== undefined) {
        return usageError(`netstat: option '--${option}' doesn't allow an argument`);
      }
      if (id === 'AF') FAMILIES[option]!(s);
      else ACTIONS[id]!(s);
      if (s.help || s.version) return early(s, interval, rest);
      if (id === 'c') interval = takeInterval(i);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        if (!SHORT.includes(c)) return usageError(`netstat: invalid option -- '${c}'`);
        if (c === 'A') {
          const list = j + 1 < arg.length ? arg.slice(j + 1) : argv[i + 1];
          if (list === undefined) {
            return usageError(`netstat: option requires an argument -- 'A'`);
          }
          if (j + 1 >= arg.length) i++;
          addFamilies(list);
          break;
        }
        ACTIONS[c]!(s);
        if (s.help || s.version) return early(s, interval, rest);
        if (c === 'c' && j === arg.length - 1) interval = takeInterval(i);
      }
      continue;
    }
    rest.push(arg);
  }
  const failure = familyError ?? s.failure;
  if (failure) return { ok: false, exitCode: 1, message: failure, usage: false };
  return {
    ok: true,
    mode: s.mode,
    flags: s.flags,
    continuous: s.continuous,
    interval,
    json: s.json,
    cache: s.cache,
    rest,
    families: s.families,
  };
}

/** netstat acts on `-h` and `-V` as soon as getopt returns them. */
function early(s: ParseState, interval: number, rest: string[]): NetstatArgs {
  return {
    ok: true,
    mode: s.help ? 'help' : 'version',
    flags: s.flags,
    continuous: s.continuous,
    interval,
    json: s.json,
    cache: s.cache,
    rest,
    families: s.families,
  };
}

function usageError(message: string): NetstatArgsError {
  return { ok: false, exitCode: 3, message, usage: true };
}

/**
 * netstat 2.10's usage text (`netstat --help` prints it on stdout and exits
 * 0; an invalid option prints it on stderr and exits 3). The address-family
 * list that netstat appends on stderr is {@link NETSTAT_USAGE_FAMILIES}.
 *
 * @example
 * ```ts
 * NETSTAT_USAGE.split('\n')[0]; // 'usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}'
 * ```
 */
export const NETSTAT_USAGE = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
`;

/**
 * The address-family list netstat 2.10 prints on stderr after its usage text.
 *
 * @example
 * ```ts
 * NETSTAT_USAGE_FAMILIES.startsWith('    inet (DARPA Internet)'); // true
 * ```
 */
export const NETSTAT_USAGE_FAMILIES = `    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`;
