/**
 * The loop of the whitespace-separated tables (`route`, `ipv6_route`,
 * `if_inet6`, `igmp`, `igmp6`): each non-blank line split into fields, with
 * a reporter that applies the bad-line policy to that line.
 *
 * @module
 */
import { reportIssue } from './errors.js';
import { forEachLine, splitFields } from './lines.js';
import type { ParseOptions } from './types.js';

/** @internal One non-blank line of a table, split on blanks. */
export interface FieldLine {
  /** The line's fields (never empty). */
  fields: string[];
  /** The line as read, without its line end. */
  line: string;
  /** 1-based line number. */
  lineNumber: number;
  /** Reports this line as bad (or throws, per `onInvalidLine`); returns nothing, so `return bad(...)` skips it. */
  bad: (code: string, expected: string) => undefined;
}

/**
 * @internal Calls `parse` for each non-blank line of `text` and keeps what
 * it returns (`undefined`: no record). Issues name `options.source`, or
 * `defaultSource`.
 */
export function mapFieldLines<T>(
  text: string,
  options: ParseOptions | undefined,
  defaultSource: string,
  parse: (l: FieldLine) => T | undefined,
): T[] {
  const source = options?.source ?? defaultSource;
  const out: T[] = [];
  forEachLine(text, (line, lineNumber) => {
    const fields = splitFields(line);
    if (fields.length === 0) return;
    const bad = (code: string, expected: string): undefined => {
      reportIssue(options?.onInvalidLine, code, source, lineNumber, line, expected);
      return undefined;
    };
    const record = parse({ fields, line, lineNumber, bad });
    if (record !== undefined) out.push(record);
  });
  return out;
}
