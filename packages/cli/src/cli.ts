/**
 * The body of the `netintro` command, separate from the entry point so
 * tests can run it in-process with injected I/O. `run` parses the
 * arguments and hands over to one report module: sockets, routes,
 * interfaces or statistics, repeated by continuous mode with `-c`.
 *
 * @module
 */

import { parseNetstatArgs } from '@netintro/socket-formatter';
import { splitExtensions } from './extensions.js';
import { HELP_TEXT, versionText } from './help.js';
import { type CliArgs, type CliIo, defaultIo, type State } from './io.js';
import { resolveNetns } from './netns.js';
import { repeat } from './reports/continuous.js';
import { showGroups } from './reports/groups.js';
import { showInterfaces } from './reports/interfaces.js';
import { metricsReport } from './reports/metrics.js';
import { showRoutes } from './reports/routes.js';
import { showSockets } from './reports/sockets.js';
import { showStatistics } from './reports/statistics.js';
import { watchReport } from './reports/watch.js';

export type { CliIo } from './io.js';

/**
 * Runs `netintro` with the given arguments and returns the exit status.
 *
 * @example
 * ```ts
 * const status = await run(['-ant']); // prints the table, returns 0
 * ```
 */
export async function run(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const ext = splitExtensions(argv);
  if (!ext.ok) {
    io.stderr(`netintro: ${ext.message} (try 'netintro --help')\n`);
    return 3;
  }
  argv = ext.rest;
  const parsed = parseNetstatArgs(argv);
  // What netstat prints on stderr and carries on with (--tcpip, -v, a long -A list).
  for (const warning of parsed.warnings)
    io.stderr(`netintro: ${warning.replace(/^netstat: /, '')}\n`);
  if (!parsed.ok) {
    const message = parsed.message.replace(/^netstat: /, '');
    const hint = parsed.exitCode === 3 ? " (try 'netintro --help')" : '';
    io.stderr(`netintro: ${message}${hint}\n`);
    return parsed.exitCode;
  }
  const args: CliArgs = { ...parsed, compact: ext.compact, internals: ext.internals };
  if (args.mode === 'help') {
    io.stdout(HELP_TEXT);
    return 0;
  }
  if (args.mode === 'version') {
    io.stdout(versionText());
    return 0;
  }
  if (args.mode === 'masquerade') {
    io.stderr('netintro: -M is not supported\n');
    return 1;
  }
  if ((ext.compact || ext.internals) && !args.json) {
    io.stderr(
      `netintro: ${ext.compact ? '--compact' : '--json-internals'} goes with --json (try 'netintro --help')\n`,
    );
    return 3;
  }
  if (ext.netns !== undefined) {
    const ns = resolveNetns(ext.netns, io.procRoot ?? '/proc');
    if (!ns.ok) {
      io.stderr(`netintro: ${ns.message}\n`);
      return 1;
    }
    io = { ...io, netRoot: ns.root };
  }
  if ((ext.watch !== undefined || ext.metrics) && args.mode !== 'sockets') {
    io.stderr(
      `netintro: --${ext.metrics ? 'metrics' : 'watch'} goes with the socket tables, not -r, -i or -s\n`,
    );
    return 3;
  }
  const state: State = {};
  if (ext.metrics) return metricsReport(args, ext.maxSeries, io, state);
  if (ext.watch !== undefined) {
    // --watch runs until SIGINT/SIGTERM and then exits cleanly, status 0
    // (-c keeps netstat's way: the signal ends it).
    const seconds = ext.watch;
    return withStopSignal(io, (stoppable) => watchReport(args, seconds, stoppable, state));
  }
  return dispatch(args, io, state);
}

async function dispatch(args: CliArgs, io: CliIo, state: State): Promise<number> {
  // Statistics are printed once, even with -c.
  if (args.mode === 'statistics') return showStatistics(args, io);
  if (args.mode === 'route') return repeat(args, io, () => showRoutes(args, io, state));
  if (args.mode === 'groups') return repeat(args, io, () => showGroups(args, io, state));
  if (args.mode === 'interfaces') {
    let status = 0;
    const code = await repeat(args, io, async () => {
      status = await showInterfaces(args, io);
    });
    return status || code;
  }
  return repeat(args, io, () => showSockets(args, io, state));
}

/**
 * Runs `body` with `io.signal` set: the caller's, or one that SIGINT and
 * SIGTERM abort (the handlers are removed afterwards).
 */
async function withStopSignal(io: CliIo, body: (io: CliIo) => Promise<number>): Promise<number> {
  if (io.signal) return body(io);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await body({ ...io, signal: controller.signal });
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
