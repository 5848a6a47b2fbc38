/**
 * The one control-character escaper of netintro: text from files, process
 * names and name services made safe for a terminal. The formatter uses it
 * for every name and path it prints.
 *
 * @module
 */

// With the `u` flag a surrogate pair is one character, so `\udc80-\udc9f`
// matches only a lone low surrogate, never the second half of a pair.
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\udc80-\udc9f]/u;
const UNSAFE_ALL = /[\\\u0000-\u001f\u007f-\u009f\udc80-\udc9f]/gu;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\udc80-\udc9f]/u;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\udc80-\udc9f]/gu;

function hexEscape(c: string): string {
  if (c === '\\') return '\\\\';
  let code = c.charCodeAt(0);
  if (code >= 0xdc80) code -= 0xdc00; // a byte that was not UTF-8 (see decodeBytes)
  return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Escapes characters that would corrupt a terminal or a table row.
 *
 * Escape form: every C0 control character (U+0000-U+001F), DEL (U+007F) and
 * C1 control character (U+0080-U+009F) becomes `\xHH` (two upper-case hex
 * digits), so does a byte 0x80-0x9F that was not UTF-8 (U+DC80-U+DC9F from
 * {@link decodeBytes}, a C1 control on an 8-bit terminal), and a backslash
 * becomes `\\`, so the result is printable and can be decoded back without
 * ambiguity. Everything else, including spaces, non-ASCII letters and other
 * bytes that were not UTF-8 (U+DCA0-U+DCFF, printed raw as netstat does),
 * is kept. (net-tools 2.10 prints control bytes raw, which is
 * CVE-2024-58251; its fix replaces them with `.`.)
 *
 * With `{ backslash: false }` backslashes are left alone: for text that is
 * already in this escaped form (a command from `readSockets`), which then
 * passes through unchanged while any control character is still escaped.
 *
 * @example
 * ```ts
 * escapeControlCharacters('ev\x1b[31mil\nname'); // 'ev\\x1B[31mil\\x0Aname'
 * escapeControlCharacters('C:\\tmp');            // 'C:\\\\tmp'
 * escapeControlCharacters('nginx: worker');      // 'nginx: worker'
 * escapeControlCharacters('ev\\x1B', { backslash: false }); // 'ev\\x1B' (already escaped)
 * ```
 */
export function escapeControlCharacters(text: string, options?: { backslash?: boolean }): string {
  if (options?.backslash === false) {
    return CONTROL.test(text) ? text.replace(CONTROL_ALL, hexEscape) : text;
  }
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, hexEscape) : text;
}
