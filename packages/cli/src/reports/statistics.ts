/**
 * The protocol statistics report (`-s`, narrowed by `-t`, `-u`, `-w`, `-6`),
 * as text or `--json`.
 *
 * @module
 */
import { readStatistics } from '@netintro/procnet-reader/node';
import {
  formatStatistics,
  statisticsFamilyError,
  statisticsJson,
} from '@netintro/socket-formatter';
import { type CliArgs, type CliIo, jsonText, netRoot } from '../io.js';

/**
 * Prints the counters of `/proc/net/snmp`, `snmp6` and `netstat` the way
 * `netstat -s` does, and returns the exit status (1 for a family `-s`
 * cannot show, with netstat's message on stdout).
 *
 * @example
 * ```ts
 * await showStatistics(args, io); // netintro -st
 * ```
 */
export async function showStatistics(args: CliArgs, io: CliIo): Promise<number> {
  const familyError = statisticsFamilyError(args.flags);
  if (familyError !== undefined) {
    // netstat prints this one on stdout, with exit status 1.
    io.stdout(`${familyError.replace(/^netstat: /, 'netintro: ')}\n`);
    return 1;
  }
  const statistics = await readStatistics({ root: netRoot(io) });
  if (args.json) {
    io.stdout(jsonText(statisticsJson(statistics), args));
    return 0;
  }
  io.stdout(formatStatistics(statistics, args.flags));
  return 0;
}
