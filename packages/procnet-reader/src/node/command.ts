/**
 * Turning `/proc/<pid>/cmdline` bytes into the program name netstat shows.
 * Pure functions: no file system access.
 *
 * @module
 */

import { decodeBytes } from '../bytes.js';
import { escapeControlCharacters } from '../escape.js';

/**
 * The program name netstat's `-p` column shows for a process, from the raw
 * contents of `/proc/<pid>/cmdline`: argv[0] (the bytes before the first NUL),
 * reduced to what follows its last `/` when argv[0] starts with `/` (the same
 * rule as net-tools, so `/usr/sbin/sshd: root@pts/0` gives `0`, exactly as
 * netstat does). When cmdline is empty (kernel threads, zombies), the
 * fallback `comm` (contents of `/proc/<pid>/comm`, trailing newline removed)
 * is used instead. The result passes through {@link escapeControlCharacters}.
 * Bytes are decoded with `decodeBytes` (bytes that are not UTF-8 are kept).
 *
 * @param cmdline - raw bytes (or already-decoded text) of `/proc/<pid>/cmdline`
 * @param comm - contents of `/proc/<pid>/comm`, used only when argv[0] is empty
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode('/usr/bin/python3\0-m\0http.server\0');
 * commandFromCmdline(bytes);                  // 'python3'
 * commandFromCmdline('nginx: worker process'); // 'nginx: worker process'
 * commandFromCmdline('', 'kworker/0:1\n');     // 'kworker/0:1'
 * ```
 */
export function commandFromCmdline(cmdline: Uint8Array | string, comm?: string): string {
  let argv0: string;
  if (typeof cmdline === 'string') {
    const nul = cmdline.indexOf('\0');
    argv0 = nul === -1 ? cmdline : cmdline.slice(0, nul);
  } else {
    const nul = cmdline.indexOf(0);
    // Bytes that are not UTF-8 are kept (U+DC80-U+DCFF, see decodeBytes).
    argv0 = decodeBytes(nul === -1 ? cmdline : cmdline.subarray(0, nul));
  }
  if (argv0.startsWith('/')) argv0 = argv0.slice(argv0.lastIndexOf('/') + 1);
  if (argv0 === '' && comm !== undefined) {
    argv0 = comm.endsWith('\n') ? comm.slice(0, -1) : comm;
  }
  return escapeControlCharacters(argv0);
}
