/**
 * Continuous mode (`-c [secs]`): a report printed again after each wait,
 * until the wait says stop (Ctrl-C in a terminal).
 *
 * @module
 */
import type { NetstatArgs } from '@netintro/socket-formatter';
import type { CliIo } from '../io.js';

function sleepSeconds(seconds: number): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(true), seconds * 1000));
}

/**
 * Prints one round of a report, and more rounds with `-c`: after each, waits
 * `args.interval` seconds through `io.wait` (default: a timer), and stops
 * when the wait resolves false. Returns the exit status (0).
 *
 * @example
 * ```ts
 * await repeat(args, io, () => showRoutes(args, io, state));
 * ```
 */
export async function repeat(
  args: NetstatArgs,
  io: CliIo,
  round: () => Promise<void>,
): Promise<number> {
  // Without -c one round; with it, rounds until the wait says stop (netstat -c never does).
  for (let iteration = 0; ; iteration++) {
    await round();
    if (!args.continuous) return 0;
    const wait = io.wait ?? sleepSeconds;
    if (!(await wait(args.interval, iteration))) return 0;
  }
}
