/**
 * Terminal blocks (`pre.ni-term`) size their monospace text so that the
 * longest line fits the column (see `.ni-term` in styles/custom.css): the
 * page tells the style sheet how many characters that line has.
 */

/**
 * The length of the longest line of `text`, in characters (at least 20).
 * Trailing spaces count: netstat pads its rows, and a <pre> keeps them.
 */
export function termCols(text: string): number {
  let longest = 20;
  for (const line of text.replace(/\n$/, '').split('\n')) longest = Math.max(longest, line.length);
  return longest;
}

/** The inline style that tells `.ni-term` how wide its text is. */
export function termStyle(text: string): string {
  return `--ni-cols: ${termCols(text)}`;
}
