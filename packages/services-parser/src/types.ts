/**
 * The records and options of the package: entries, issues, issue codes.
 *
 * @module
 */
/**
 * One service line of a services(5) file.
 *
 * @example
 * ```ts
 * import type { ServiceEntry } from '@netintro/services-parser';
 * const https: ServiceEntry = { name: 'https', port: 443, protocol: 'tcp', aliases: [], line: 1 };
 * ```
 */
export interface ServiceEntry {
  /** Official service name (first field), case-sensitive, e.g. `http`. */
  name: string;
  /** Port number, 0-65535. */
  port: number;
  /** Protocol exactly as written after the slash, case-sensitive: `tcp`, `udp`, `sctp`, `ddp`... */
  protocol: string;
  /** Alternative names listed after `port/protocol`, in file order (may be empty). */
  aliases: string[];
  /** Text after `#` on the same line, with surrounding white space removed; absent if none. */
  comment?: string;
  /** 1-based line number in the parsed text. */
  line: number;
}

/**
 * Why a line was rejected.
 *
 * - `missing-port`: a name with nothing after it (`foo`).
 * - `bad-port`: the second field does not start with a number (`foo x/tcp`, `foo 80a/tcp`).
 * - `port-out-of-range`: a number outside 0-65535 (`foo 70000/tcp`, `foo -1/tcp`).
 * - `missing-protocol`: no `/protocol` after the port (`foo 80`, `foo 80/`, `foo 80 tcp`).
 *
 * @example
 * ```ts
 * import type { ServicesIssueCode } from '@netintro/services-parser';
 * const code: ServicesIssueCode = 'missing-protocol';
 * ```
 */
export type ServicesIssueCode =
  | 'missing-port'
  | 'bad-port'
  | 'port-out-of-range'
  | 'missing-protocol';

/**
 * A rejected line, as passed to an `onInvalidLine` callback and carried by {@link ServicesParseError}.
 *
 * @example
 * ```ts
 * import { parseServices, type ServicesIssue } from '@netintro/services-parser';
 * const issues: ServicesIssue[] = [];
 * parseServices('web 80\n', { onInvalidLine: (issue) => issues.push(issue) });
 * issues[0]?.code; // 'missing-protocol'
 * ```
 */
export interface ServicesIssue {
  code: ServicesIssueCode;
  /** Name of the input, from the `source` option (`'<input>'` by default). */
  source: string;
  /** 1-based line number. */
  line: number;
  /** The offending line as written, without its line ending. */
  raw: string;
  /** What the parser expected at that point, in words. */
  expected: string;
  /** One-line human message: source, line, what was expected, and the raw line quoted. */
  message: string;
}

/**
 * Options of {@link parseServices}.
 *
 * @example
 * ```ts
 * import { parseServices, type ParseServicesOptions } from '@netintro/services-parser';
 * const options: ParseServicesOptions = { source: 'services.txt', onInvalidLine: 'skip' };
 * parseServices('ssh 22/tcp\nbroken\n', options).length; // 1
 * ```
 */
export interface ParseServicesOptions {
  /** Name of the input used in errors and issues. Default `'<input>'`. */
  source?: string;
  /**
   * What to do with a line that has a name but no valid `port/protocol`:
   * `'throw'` (default) throws a {@link ServicesParseError}; `'skip'` ignores the line (as glibc
   * does); a function receives each {@link ServicesIssue} and parsing goes on.
   */
  onInvalidLine?: 'throw' | 'skip' | ((issue: ServicesIssue) => void);
}
