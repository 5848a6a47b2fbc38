/**
 * The error thrown for a bad line in `'throw'` mode.
 *
 * @module
 */
import type { ServicesIssue, ServicesIssueCode } from './types.js';

/**
 * Thrown by {@link parseServices} (with the default `onInvalidLine: 'throw'`) for a line that
 * names a service but has no valid `port/protocol`.
 *
 * @example
 * ```ts
 * import { parseServices, ServicesParseError } from '@netintro/services-parser';
 * try {
 *   parseServices('ok 1/tcp\nweb 70000/tcp\n', { source: 'my-services' });
 * } catch (err) {
 *   if (err instanceof ServicesParseError) {
 *     err.code; // 'port-out-of-range'
 *     err.line; // 2
 *     err.message; // 'my-services:2: expected a port from 0 to 65535, got "web 70000/tcp"'
 *   }
 * }
 * ```
 */
export class ServicesParseError extends Error {
  override readonly name = 'ServicesParseError';
  /** Machine-readable reason. */
  readonly code: ServicesIssueCode;
  /** Name of the input (the `source` option). */
  readonly source: string;
  /** 1-based line number. */
  readonly line: number;
  /** The offending line, without its line ending. */
  readonly raw: string;
  /** What was expected, in words. */
  readonly expected: string;

  constructor(issue: ServicesIssue) {
    super(issue.message);
    this.code = issue.code;
    this.source = issue.source;
    this.line = issue.line;
    this.raw = issue.raw;
    this.expected = issue.expected;
  }

  /** The same data as a plain {@link ServicesIssue} object. */
  toIssue(): ServicesIssue {
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
