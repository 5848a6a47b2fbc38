/**
 * `netintro`: the netstat-compatible command. Wires procnet-reader (the
 * tables, processes, users), services-parser (service names, netstat's
 * last-match rule) and socket-formatter (netstat's exact layout) together,
 * resolves host names asynchronously, and prints.
 *
 * @packageDocumentation
 */
import { run } from './cli.js';
import { stopLookups } from './resolver.js';

// getnameinfo runs in libuv's thread pool (4 threads by default); a few
// stuck DNS lookups must not leave file reads waiting behind them. Read by
// libuv when the pool starts, which is after this line (nothing above uses it).
process.env.UV_THREADPOOL_SIZE ??= '16';

// A closed pipe (`netintro -a | head -1`) ends the command quietly, the way
// SIGPIPE ends netstat (status 128 + 13, as a shell reports it). Writes to a
// pipe complete later, so the error can also reach finish() first.
const BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(BROKEN_PIPE);
    throw error;
  });
}

run(process.argv.slice(2)).then(
  (code) => finish(code),
  (error: unknown) => {
    process.stderr.write(`netintro: ${error instanceof Error ? error.message : String(error)}\n`);
    finish(1);
  },
);

/**
 * Exits once stdout is flushed. DNS lookups run in a helper process (see
 * systemReverseLookup), killed here: a lookup still waiting for a silent
 * DNS server cannot hold the exit.
 */
function finish(code: number): void {
  process.exitCode = code;
  void stopLookups();
  process.stdout.write('', (error?: NodeJS.ErrnoException | null) =>
    process.exit(error?.code === 'EPIPE' ? BROKEN_PIPE : code),
  );
}
