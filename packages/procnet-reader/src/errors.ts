/**
 * The parse-issue codes, `ProcNetParseError`, and `reportIssue`, which
 * applies a parser's `onInvalidLine` policy (throw, skip or a callback) to a
 * bad line.
 *
 * @module
 */

import type { OnInvalidLine, ParseIssue } from './types.js';

/**
 * Machine-readable reasons a line can be rejected, as found in
 * {@link ParseIssue.code} and {@link ProcNetParseError.code}.
 *
 * @example
 * ```ts
 * const issues: ParseIssue[] = [];
 * parseTcp(text, { onInvalidLine: (issue) => issues.push(issue) });
 * const truncated = issues.filter((i) => i.code === ('too-few-fields' satisfies ParseIssueCode));
 * ```
 */
export type ParseIssueCode =
  | 'too-few-fields'
  | 'bad-slot'
  | 'bad-address'
  | 'bad-port'
  | 'bad-state'
  | 'bad-queue'
  | 'bad-timer'
  | 'bad-number'
  | 'bad-inode'
  | 'bad-pointer'
  | 'bad-interface'
  | 'missing-values'
  | 'bad-group'
  | 'count-mismatch'
  | 'wrong-table'
  | 'not-kernel-layout';

/**
 * The error thrown by every parser when `onInvalidLine` is `'throw'` (the
 * default). It names the source, the 1-based line, the raw line and what was
 * expected there.
 *
 * @example
 * ```ts
 * import { parseTcp, ProcNetParseError } from '@netintro/procnet-reader';
 *
 * try {
 *   parseTcp('   0: nonsense\n');
 * } catch (error) {
 *   if (error instanceof ProcNetParseError) {
 *     error.code; // 'bad-address'
 *     error.line; // 1
 *     error.raw; // '   0: nonsense'
 *   }
 * }
 * ```
 */
export class ProcNetParseError extends Error {
  override readonly name = 'ProcNetParseError';
  /** Machine-readable reason, e.g. `'bad-address'`. */
  readonly code: ParseIssueCode | (string & {});
  /** Source name (file path or the name the caller gave). */
  readonly source: string;
  /** 1-based line number. */
  readonly line: number;
  /** The offending line, verbatim. */
  readonly raw: string;
  /** What was expected there. */
  readonly expected: string;

  constructor(issue: Omit<ParseIssue, 'message'> & { message?: string }, options?: ErrorOptions) {
    super(issue.message ?? formatIssueMessage(issue), options);
    this.code = issue.code;
    this.source = issue.source;
    this.line = issue.line;
    this.raw = issue.raw;
    this.expected = issue.expected;
  }

  /**
   * The same facts as a plain {@link ParseIssue} object.
   *
   * @example
   * ```ts
   * new ProcNetParseError({ code: 'bad-state', source: 'tcp', line: 2, raw: 'x', expected: 'a hex state' })
   *   .toIssue().line; // 2
   * ```
   */
  toIssue(): ParseIssue {
    return {
      code: this.code,
      source: this.source,
      line: this.line,
      raw: this.raw,
      expected: this.expected,
      message: this.message,
    };
  }
}

const MAX_RAW_IN_MESSAGE = 200;

function formatIssueMessage(issue: Omit<ParseIssue, 'message'>): string {
  const raw =
    issue.raw.length > MAX_RAW_IN_MESSAGE
      ? `${issue.raw.slice(0, MAX_RAW_IN_MESSAGE)}...`
      : issue.raw;
  return `${issue.source}:${issue.line}: expected ${issue.expected} (${issue.code}); got ${JSON.stringify(raw)}`;
}

/** @internal Applies the bad-line policy to one issue. */
export function reportIssue(
  policy: OnInvalidLine | undefined,
  code: string,
  source: string,
  line: number,
  raw: string,
  expected: string,
): void {
  if (policy === 'skip') return;
  const base = { code, source, line, raw, expected };
  const message = formatIssueMessage(base);
  if (policy === undefined || policy === 'throw') {
    throw new ProcNetParseError({ ...base, message });
  }
  if (typeof policy === 'function') {
    policy({ ...base, message });
    return;
  }
  throw new TypeError(
    `onInvalidLine must be 'throw', 'skip' or a function, got ${JSON.stringify(policy)}`,
  );
}
