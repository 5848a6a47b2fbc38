/**
 * The permission notes netstat writes on stderr, before the table, when
 * `-p` could not inspect every process.
 *
 * @module
 */

/**
 * What the process scan found, as far as the notes are concerned.
 *
 * @example
 * ```ts
 * const outcome: ScanOutcome = { denied: scan.denied, socketsFound: scan.byInode.size };
 * ```
 */
export interface ScanOutcome {
  /** Processes whose `/proc/<pid>/fd` could not be opened (EACCES). */
  denied: number;
  /** Socket file descriptors found in the processes that could be read (any namespace). */
  socketsFound: number;
}

/**
 * The note netstat 2.10 prints for a scan, or `''` when it prints none.
 * netstat complains only when some fd directory was denied; it then says
 * "No info could be read" when it found no socket at all, and "Not all
 * processes could be identified" otherwise.
 *
 * @example
 * ```ts
 * permissionNote({ denied: 3, socketsFound: 0 }, 1000);
 * // '(No info could be read for "-p": geteuid()=1000 but you should be root.)\n'
 * permissionNote({ denied: 0, socketsFound: 9 }, 0); // ''
 * ```
 */
export function permissionNote(outcome: ScanOutcome, euid: number): string {
  if (outcome.denied === 0) return '';
  if (outcome.socketsFound === 0) {
    return `(No info could be read for "-p": geteuid()=${euid} but you should be root.)\n`;
  }
  return (
    '(Not all processes could be identified, non-owned process info\n' +
    ' will not be shown, you would have to be root to see it all.)\n'
  );
}
