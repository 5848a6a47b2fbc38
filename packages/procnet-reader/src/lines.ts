/** @internal Calls `fn(line, lineNumber)` for every line of `text` (without `\n` or a trailing `\r`). */
export function forEachLine(text: string, fn: (line: string, lineNumber: number) => void): void {
  const length = text.length;
  let start = 0;
  let lineNumber = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNumber++;
    let rawEnd = end;
    if (rawEnd > start && text.charCodeAt(rawEnd - 1) === 13) rawEnd--;
    fn(text.slice(start, rawEnd), lineNumber);
    start = end + 1;
  }
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
