/**
 * What every report of the command shares: where it writes and what it may
 * look up ({@link CliIo}), and the caches that live across `-c` rounds.
 *
 * @module
 */
import { encodeBytes } from '@netintro/procnet-reader';
import type { JsonOptions, NetstatArgs, Resolvers } from '@netintro/socket-formatter';
import type { HostResolver, ReverseLookup } from './resolver.js';

/**
 * Where the command writes, and what it may look up (injectable for tests).
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), procRoot: '/tmp/fixture' };
 * await run(['-atn'], io);
 * ```
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reverse DNS (default: getnameinfo through `dns.lookupService`). */
  lookup?: ReverseLookup;
  /** procfs root (default `/proc`): processes are scanned here, and `net/` is read here unless `netRoot`. */
  procRoot?: string;
  /** Directory whose `net/` is read, when it is not `procRoot` (`--netns`: `/proc/<pid>`). */
  netRoot?: string;
  /** Stops `--watch` and `-c` (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
  /** sysfs mount for interface MTU and flags (default `/sys`). */
  sysRoot?: string;
  /** Directory holding `services`, `protocols`, `passwd` (default `/etc`). */
  etc?: string;
  /** Effective uid for the permission note (default `process.geteuid()`). */
  euid?: number;
  /** Waits between `-c` listings; resolves false to stop (default: a timer, forever). */
  wait?: (seconds: number, iteration: number) => Promise<boolean>;
}

/**
 * The real terminal: `process.stdout` and `process.stderr`.
 *
 * @example
 * ```ts
 * await run(['-ant'], defaultIo());
 * ```
 */
export function defaultIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(bytesOf(text));
    },
    stderr: (text) => {
      process.stderr.write(bytesOf(text));
    },
  };
}

/**
 * Text as it goes out: a byte that was not UTF-8 in its file (kept as
 * U+DC80-U+DCFF by procnet-reader's decodeBytes) is written as that raw
 * byte again, as netstat prints it; everything else as UTF-8.
 */
function bytesOf(text: string): string | Uint8Array {
  return NOT_UTF8.test(text) ? encodeBytes(text) : text;
}

const NOT_UTF8 = /[\udc80-\udcff]/;

/**
 * Caches that live across `-c` rounds (like netstat's): name tables are
 * read once, host names looked up once.
 *
 * @example
 * ```ts
 * const state: State = {};
 * state.hosts ??= createHostResolver();
 * ```
 */
export interface State {
  hosts?: HostResolver;
  networks?: Promise<Resolvers['networks']>;
  services?: Promise<Resolvers['services']>;
  protocols?: Promise<Resolvers['protocols']>;
}

/**
 * A file of the `/etc` directory the command reads (injectable for tests).
 *
 * @example
 * ```ts
 * etcPath({ stdout, stderr, etc: '/tmp/etc' }, 'services'); // '/tmp/etc/services'
 * ```
 */
export function etcPath(io: CliIo, name: string): string {
  return `${io.etc ?? '/etc'}/${name}`;
}

/**
 * The directory whose `net/` the reports read: `io.netRoot`, else
 * `io.procRoot`, else `/proc`.
 *
 * @example
 * ```ts
 * netRoot({ stdout, stderr, netRoot: '/proc/4242' }); // '/proc/4242'
 * ```
 */
export function netRoot(io: CliIo): string {
  return io.netRoot ?? io.procRoot ?? '/proc';
}

/**
 * netstat's parsed command line plus the JSON choices of netintro's own
 * options: `--compact` and `--json-internals`.
 *
 * @example
 * ```ts
 * const args: CliArgs = { ...parsed, compact: true, internals: false };
 * ```
 */
export type CliArgs = NetstatArgs & {
  /** `--compact`: each JSON document on one line. */
  compact?: boolean;
  /** `--json-internals`: JSON keeps the parser's `line`, `slot` and `pointer`. */
  internals?: boolean;
};

/**
 * The JSON builders' options for a command line.
 *
 * @example
 * ```ts
 * routesJson(routes, jsonOptions(args));
 * ```
 */
export function jsonOptions(args: CliArgs): JsonOptions {
  return { internals: args.internals === true };
}

/**
 * Text for a JSON document: indented for one listing, one compact line
 * with `--compact` or when the command repeats (`-c`), so the output is
 * NDJSON.
 *
 * @example
 * ```ts
 * jsonText({ version: 1 }, { ...args, compact: true }); // '{"version":1}\n'
 * ```
 */
export function jsonText(value: unknown, args: CliArgs): string {
  const compact = args.compact === true || args.continuous;
  return `${compact ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`;
}
