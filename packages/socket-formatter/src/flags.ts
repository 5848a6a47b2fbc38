/**
 * netstat's command-line flags as a plain object, and a pure parser for
 * netstat-style argument vectors.
 *
 * @module
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
  /** Which report: the socket tables unless `-r`, `-i`, `-s`, `-g`, `-h` or `-V` says otherwise. */
  mode: NetstatMode;
  flags: NetstatFlags;
  /** `-c`, `--continuous`: repeat every second (never for `-s`: netstat prints statistics once). */
  continuous: boolean;
  /**
   * Seconds between repeats: always 1. netstat's `-c` takes no argument
   * (`netstat -c 5` repeats every second and ignores the `5`), and neither
   * does ours: a number after `-c` is a positional argument, kept in `rest`.
   */
  interval: number;
  /** `--json`: print the JSON form instead of tables (not a netstat option). */
  json: boolean;
  /** `-C`, `--cache` with `-r` (the routing cache; accepted, Linux no longer has one). */
  cache: boolean;
  /** Positional arguments netstat ignores, kept for the caller. */
  rest: string[];
  /**
   * netstat's address-family string (afname) as a list, in command-line
   * order with repeats (`inet`, `inet6`, `unix`, `ax25`, `ddp`, `ec`, ...):
   * `-s` checks it (see `statisticsFamilyError`).
   */
  families: string[];
  /**
   * Lines netstat prints on stderr while it carries on (exit status 0), in
   * order: `Too much address family arguments.` when the family list passes
   * netstat's 255-byte buffer (the rest of that `-A` list is dropped),
   * ``netstat.c: Internal Error `longopts 1 range'.`` for `--tcpip` (a
   * net-tools bug: that option is outside its table and selects nothing),
   * and with `-v` alone the tables this system lacks (SCTP, IPX, ...).
   */
  warnings: string[];
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
  /**
   * netstat's exit status: 3 (`E_OPTERR`) for an unknown or malformed
   * option, `-?`, two report options, or a family `-r` cannot route; 1 for
   * an unknown address family or a feature this build lacks.
   */
  exitCode: 1 | 3;
  /**
   * The one-line message netstat prints on stderr, e.g. `netstat: invalid
   * option -- 'Q'`. For `-?` and for two of `-r -i -s -M` netstat prints
   * only its usage; the message then says why, in netstat's voice.
   */
  message: string;
  /** Whether netstat prints its usage text on stderr (it does for getopt errors). */
  usage: boolean;
  /** Lines netstat printed on stderr before it stopped (see {@link NetstatArgs.warnings}). */
  warnings: string[];
}

/** Parse state: netstat's flag_* counters, in the order getopt meets the options. */
interface ParseState {
  flags: NetstatFlags;
  families: string[];
  /** strlen(afname): netstat keeps the family names in a 256-byte buffer. */
  afnameLength: number;
  warnings: string[];
  /** -r, -i, -s, -M in order, each occurrence (netstat refuses two). */
  reports: ('route' | 'interfaces' | 'statistics' | 'masquerade')[];
  groups: boolean;
  continuous: boolean;
  json: boolean;
  cache: boolean;
  sctp: boolean;
  bluetooth: boolean;
  /** Families netstat knows but this build has no tables for (ipx, ax25, x25, netrom, rose). */
  exotic: Set<string>;
}

/** An option's effect; a returned value ends parsing (netstat exits there). */
type Action = (s: ParseState) => NetstatArgsError | 'stop' | undefined;

// The option tables below are built once at load time from these helpers;
// the annotations tell bundlers that building them has no other effect, so a
// program that never parses a command line leaves them out.
/* @__NO_SIDE_EFFECTS__ */
const setFlag =
  (key: keyof NetstatFlags): Action =>
  (s) => {
    (s.flags as Record<string, unknown>)[key] = true;
    return undefined;
  };
/* @__NO_SIDE_EFFECTS__ */
const report =
  (m: ParseState['reports'][number]): Action =>
  (s) => {
    s.reports.push(m);
    return undefined;
  };
/* @__NO_SIDE_EFFECTS__ */
const mark =
  (apply: (s: ParseState) => void): Action =>
  (s) => {
    apply(s);
    return undefined;
  };

/**
 * netstat's aftrans table (lib/af.c): the names `-A`, `--<af>`, `-4`, `-6`
 * and `-x` accept, the afname each adds, and the flag it raises. A Map, so
 * no name reaches Object.prototype (`-A toString` is an unknown family).
 */
const AFTRANS: ReadonlyMap<string, { afname: string; apply: (s: ParseState) => void }> =
  /* @__PURE__ */ new Map(
    /* @__PURE__ */ (
      [
        ['ax25', 'ax25'],
        ['ip', 'inet'],
        ['ip6', 'inet6'],
        ['ipx', 'ipx'],
        ['rose', 'rose'],
        ['appletalk', 'ddp'],
        ['netrom', 'netrom'],
        ['inet', 'inet'],
        ['inet6', 'inet6'],
        ['ddp', 'ddp'],
        ['unix', 'unix'],
        ['tcpip', 'inet'],
        ['econet', 'ec'],
        ['x25', 'x25'],
        ['ash', 'ash'],
        ['bluetooth', 'bluetooth'],
      ] as const
    ).map(([alias, afname]) => [
      alias,
      {
        afname,
        apply: (s: ParseState): void => {
          if (afname === 'inet') s.flags.inet4 = true;
          else if (afname === 'inet6') s.flags.inet6 = true;
          else if (afname === 'unix') s.flags.unix = true;
          else if (afname === 'bluetooth') s.bluetooth = true;
          else if (EXOTIC_MESSAGES.has(afname)) s.exotic.add(afname);
        },
      },
    ]),
  );

/** Socket-table families netstat knows and this system lacks, in netstat's table order. */
const EXOTIC_MESSAGES: ReadonlyMap<string, string> = new Map([
  ['ipx', "netstat: no support for `AF IPX' on this system."],
  ['ax25', "netstat: no support for `AF AX25' on this system."],
  ['x25', "netstat: no support for `AF X25' on this system."],
  ['netrom', "netstat: no support for `AF NETROM' on this system."],
  ['rose', "netstat: no support for `AF ROSE' on this system."],
]);

/** What `netstat -r` says for a family it cannot route: [exit status, first line that explains]. */
const ROUTE_FAMILY_ERRORS: ReadonlyMap<string, readonly [1 | 3, string]> = new Map([
  ['ax25', [1, 'AX.25 not configured in this system.']],
  ['ipx', [1, 'IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.']],
  ['ddp', [1, 'DDP (AppleTalk) not configured on this system.']],
  ['netrom', [1, 'NET/ROM not configured in this system.']],
  ['rose', [1, 'ROSE not configured in this system.']],
  ['x25', [1, 'X.25 not configured in this system.']],
  ['unix', [3, "No routing for address family `unix'."]],
  ['ec', [3, "No routing for address family `ec'."]],
  ['ash', [3, "No routing for address family `ash'."]],
  ['bluetooth', [3, "Address family `bluetooth' not supported."]],
]);

const SELINUX = 'SELinux is not enabled on this machine.';

/**
 * netstat's aftrans_opt: a comma list, cut to its 255-byte buffer; an
 * unknown name ends netstat (exit 1); a name that no longer fits the
 * 256-byte afname prints a warning and drops the rest of the list.
 */
function aftrans(s: ParseState, list: string): NetstatArgsError | undefined {
  for (const name of cutBytes(list, 255).split(',')) {
    const entry = AFTRANS.get(name);
    if (!entry) {
      return fail1(`Unknown address family \`${name}'.`);
    }
    if (entry.afname.length + s.afnameLength + 1 >= 256) {
      s.warnings.push('Too much address family arguments.');
      return undefined;
    }
    entry.apply(s);
    s.afnameLength += (s.afnameLength > 0 ? 1 : 0) + entry.afname.length;
    s.families.push(entry.afname);
  }
  return undefined;
}

/** The first `max` UTF-8 bytes of `text` (C's safe_strncpy into a buffer). */
function cutBytes(text: string, max: number): string {
  if (text.length * 3 <= max) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= max) return text;
  return new TextDecoder().decode(bytes.subarray(0, max));
}

/* @__NO_SIDE_EFFECTS__ */
const family =
  (name: string): Action =>
  (s) =>
    aftrans(s, name);

/** The short options of netstat's getopt string `A:CFMacdeghilnNoprsStuUvVWw2fx64?Z`, plus `--json`. */
const ACTIONS: ReadonlyMap<string, Action> = /* @__PURE__ */ new Map<string, Action>([
  ['a', setFlag('all')],
  ['l', setFlag('listening')],
  ['t', setFlag('tcp')],
  ['u', setFlag('udp')],
  ['U', setFlag('udplite')],
  ['w', setFlag('raw')],
  ['x', family('unix')],
  ['n', setFlag('numeric')],
  ['!', setFlag('numericHosts')],
  ['@', setFlag('numericPorts')],
  ['#', setFlag('numericUsers')],
  ['e', mark((s) => (s.flags.extend = (s.flags.extend ?? 0) + 1))],
  ['o', setFlag('timers')],
  ['p', setFlag('program')],
  ['W', setFlag('wide')],
  ['v', setFlag('verbose')],
  ['c', mark((s) => (s.continuous = true))],
  ['4', family('inet')],
  ['6', family('inet6')],
  ['r', report('route')],
  ['i', report('interfaces')],
  ['s', report('statistics')],
  ['M', report('masquerade')],
  ['g', mark((s) => (s.groups = true))],
  ['h', () => 'stop'],
  ['V', () => 'stop'],
  ['?', () => usageError('netstat: -? asks for the usage')],
  ['Z', () => fail1(SELINUX)],
  ['F', setFlag('fib')],
  [
    'C',
    mark((s) => {
      s.cache = true;
      s.flags.cache = true;
    }),
  ],
  ['N', () => undefined],
  ['d', () => undefined],
  ['S', mark((s) => (s.sctp = true))],
  ['2', mark((s) => (s.bluetooth = true))],
  ['f', mark((s) => (s.bluetooth = true))],
  ['json', mark((s) => (s.json = true))],
]);

/**
 * netstat 2.10's long options in its own table order (the order matters for
 * prefix matching and for the list in the "is ambiguous" message). The
 * address-family options share one id, so a prefix of two of them is not
 * ambiguous (`--ine` is `--inet`). `--json` is ours.
 */
const LONG_OPTIONS: readonly (readonly [name: string, id: string, hasArg: boolean])[] =
  /* @__PURE__ */ (() => [
    ...[
      'ax25',
      'x25',
      'ip',
      'ipx',
      'appletalk',
      'netrom',
      'inet',
      'inet6',
      'ddp',
      'rose',
      'unix',
      'bluetooth',
      'tcpip',
    ].map((name) => [name, 'AF', false] as const),
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
  ])();

/** netstat's getopt string (`A` takes an argument; `?` is an option that prints the usage). */
const SHORT = /* @__PURE__ */ 'A:CFMacdeghilnNoprsStuUvVWw2fx64?Z'.replace(':', '');

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
 * net-tools 2.10 does: combined short flags (`-antp`), long options and
 * unambiguous prefixes (`--listen` is `--listening`; `--num` is ambiguous),
 * `-A <families>` / `-A<families>` / `--protocol=<families>` with a comma
 * list, `--` ends the options, other positional arguments are ignored as
 * netstat ignores them. `--json` is an addition.
 *
 * Errors come back as a value, never thrown, in netstat's order: getopt
 * meets the options left to right and stops at the first that ends netstat
 * (an invalid option: exit 3 with usage; an unknown `-A` family or `-Z`:
 * exit 1; `-h` and `-V`: help and version, whatever follows). Then, as
 * netstat decides after its option loop: two of `-r -i -s -M` (exit 3);
 * `-M` (exit 1, no masquerading here); for `-r`, the first family it cannot
 * route; for the socket tables, the first of SCTP, IPX, AX.25, X.25,
 * NET/ROM, ROSE, Bluetooth asked for (exit 1, netstat's message). `-s`,
 * `-i` and `-r` ignore `-S`, `-2` and `-f`, as netstat does.
 *
 * @example
 * ```ts
 * const args = parseNetstatArgs(['-antp']);
 * if (args.ok) args.flags; // { all: true, numeric: true, tcp: true, program: true }
 * parseNetstatArgs(['-Q']); // { ok: false, exitCode: 3, message: "netstat: invalid option -- 'Q'", usage: true }
 * parseNetstatArgs(['-A', 'toString']); // { ok: false, exitCode: 1, message: "Unknown address family `toString'.", usage: false }
 * ```
 */
export function parseNetstatArgs(argv: readonly string[]): NetstatArgs | NetstatArgsError {
  const warnings: string[] = [];
  const result = parse(argv, warnings);
  if (!result.ok) result.warnings = warnings;
  return result;
}

function parse(argv: readonly string[], warnings: string[]): NetstatArgs | NetstatArgsError {
  const s: ParseState = {
    flags: {},
    families: [],
    afnameLength: 0,
    warnings,
    reports: [],
    groups: false,
    continuous: false,
    json: false,
    cache: false,
    sctp: false,
    bluetooth: false,
    exotic: new Set(),
  };
  const rest: string[] = [];
  const act = (id: string): NetstatArgsError | NetstatArgs | undefined => {
    const outcome = ACTIONS.get(id)?.(s);
    if (outcome === 'stop') return done(s, id === 'h' ? 'help' : 'version', rest);
    return outcome;
  };
  for (let i = 0; i < argv.length; i++) {
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
        const failed = aftrans(s, list);
        if (failed) return failed;
        continue;
      }
      if (value !== undefined) {
        return usageError(`netstat: option '--${option}' doesn't allow an argument`);
      }
      let outcome: NetstatArgsError | NetstatArgs | undefined;
      if (id !== 'AF') outcome = act(id);
      else if (option === 'tcpip') {
        // netstat's AFTRANS_CNT is 12 and --tcpip is the 13th: it only complains.
        s.warnings.push("netstat.c: Internal Error `longopts 1 range'.");
      } else outcome = aftrans(s, option);
      if (outcome) return outcome;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        if (c === ':' || !SHORT.includes(c)) {
          return usageError(`netstat: invalid option -- '${c}'`);
        }
        if (c === 'A') {
          const list = j + 1 < arg.length ? arg.slice(j + 1) : argv[i + 1];
          if (list === undefined) {
            return usageError(`netstat: option requires an argument -- 'A'`);
          }
          if (j + 1 >= arg.length) i++;
          const failed = aftrans(s, list);
          if (failed) return failed;
          break;
        }
        const outcome = act(c);
        if (outcome) return outcome;
      }
      continue;
    }
    rest.push(arg);
  }
  return afterOptions(s, rest);
}

/** What netstat decides after its option loop, in its order. */
function afterOptions(s: ParseState, rest: string[]): NetstatArgs | NetstatArgsError {
  if (s.reports.length > 1) {
    return usageError('netstat: give only one of -r, -i, -s and -M, once');
  }
  const chosen = s.reports[0];
  if (chosen === 'masquerade') {
    return fail1("netstat: no support for `ip_masquerade' on this system.");
  }
  if (chosen === 'route') {
    for (const name of s.families) {
      const refusal = ROUTE_FAMILY_ERRORS.get(name);
      if (refusal)
        return { ok: false, exitCode: refusal[0], message: refusal[1], usage: false, warnings: [] };
    }
  }
  if (chosen === undefined) {
    // The socket tables: netstat's loop meets SCTP first, then these, then Bluetooth.
    // SCTP reads its IPv4 table (and fails) unless only IPv6 is asked for.
    const ipv4 = !!s.flags.inet4 || !s.flags.inet6;
    if (s.sctp && ipv4) return fail1("netstat: no support for `AF INET (sctp)' on this system.");
    for (const [name, message] of EXOTIC_MESSAGES) if (s.exotic.has(name)) return fail1(message);
    if (s.bluetooth) return fail1("netstat: feature `AF BLUETOOTH' not supported.");
  }
  if (chosen === undefined && s.flags.verbose) verboseNotes(s);
  return done(s, chosen ?? (s.groups ? 'groups' : 'sockets'), rest);
}

/**
 * `-v` with no socket type and no family: netstat tries every table it
 * knows and says, without failing, which this system lacks (SCTP twice
 * with `-a`: its endpoint and association tables).
 */
function verboseNotes(s: ParseState): void {
  const f = s.flags;
  const anyType = f.tcp || f.udp || f.udplite || f.raw || f.unix || s.sctp || s.groups;
  if (anyType || s.exotic.size > 0 || s.bluetooth || f.inet4 || f.inet6) return;
  const sctp = "netstat: no support for `AF INET (sctp)' on this system.";
  if (f.all || f.listening) s.warnings.push(sctp);
  if (f.all || !f.listening) s.warnings.push(sctp);
  s.warnings.push(...EXOTIC_MESSAGES.values());
}

function done(s: ParseState, mode: NetstatMode, rest: string[]): NetstatArgs {
  return {
    ok: true,
    mode,
    flags: s.flags,
    continuous: s.continuous && mode !== 'statistics',
    interval: 1,
    json: s.json,
    cache: s.cache,
    rest,
    families: s.families,
    warnings: s.warnings,
  };
}

/** Errors are made without warnings; parseNetstatArgs adds them. */
function fail1(message: string): NetstatArgsError {
  return { ok: false, exitCode: 1, message, usage: false, warnings: [] };
}

function usageError(message: string): NetstatArgsError {
  return { ok: false, exitCode: 3, message, usage: true, warnings: [] };
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
