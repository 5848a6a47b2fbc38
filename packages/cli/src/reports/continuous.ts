/**
 * Continuous mode (`-c [secs]`): a report printed again after each wait,
 * until the wait says stop (Ctrl-C in a terminal).
 *
 * @module
 */
import type { NetstatArgs } from '@netintro/socket-formatter';
import type { CliIo } from '../io.js';

/** Waits, or resolves false at once when `signal` aborts (Ctrl-C, SIGTERM). */
function sleepSeconds(seconds: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const stop = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, seconds * 1000);
    signal?.addEventListener('abort', stop, { once: true });
  });
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
    if (io.signal?.aborted) return 0;
    const wait = io.wait ?? ((seconds: number) => sleepSeconds(seconds, io.signal));
    if (!(await wait(args.interval, iteration))) return 0;
  }
}
