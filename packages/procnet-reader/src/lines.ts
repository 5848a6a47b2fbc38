/**
 * Line and field helpers every parser shares: the one line loop
 * ({@link LineSpans}), field splitting and number tokens.
 *
 * @module
 */

/**
 * @internal
 * The lines of a text as index spans, without slicing: `while (lines.next())`
 * visits each line; `start`/`end` bound it (`end` at the `\n` or the end of
 * the text), `number` is 1-based. A last line without `\n` counts; an empty
 * text has no lines.
 */
export class LineSpans {
  /** Index of the line's first character. */
  start = 0;
  /** Index of the line's `\n` (or the text's length). */
  end = -1;
  /** 1-based number of the line. */
  number = 0;
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** Moves to the next line; false when there is none. */
  next(): boolean {
    const text = this.text;
    const start = this.end + 1;
    if (start >= text.length) return false;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    this.start = start;
    this.end = end;
    this.number++;
    return true;
  }

  /** End of the line without a trailing `\r`. */
  contentEnd(): number {
    const end = this.end;
    return end > this.start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }
}

/** @internal Calls `fn(line, lineNumber)` for every line of `text` (without `\n` or a trailing `\r`). */
export function forEachLine(text: string, fn: (line: string, lineNumber: number) => void): void {
  const lines = new LineSpans(text);
  while (lines.next()) fn(text.slice(lines.start, lines.contentEnd()), lines.number);
}

/** @internal Splits a line on runs of spaces and tabs, dropping empty tokens. */
export function splitFields(line: string): string[] {
  const out: string[] = [];
  const length = line.length;
  let i = 0;
  while (i < length) {
    while (i < length && line.charCodeAt(i) <= 32) i++;
    if (i >= length) break;
    const start = i;
    while (i < length && line.charCodeAt(i) > 32) i++;
    out.push(line.slice(start, i));
  }
  return out;
}

const HEX = /^[0-9A-Fa-f]{1,16}$/;
const DEC = /^-?[0-9]{1,20}$/;

/** @internal Hex text to number, or NaN. */
export function hexNumber(token: string | undefined): number {
  return token !== undefined && HEX.test(token) ? Number.parseInt(token, 16) : Number.NaN;
}

/** @internal Decimal text (optionally negative) to number, or NaN. */
export function decNumber(token: string | undefined): number {
  return token !== undefined && DEC.test(token) ? Number(token) : Number.NaN;
}
