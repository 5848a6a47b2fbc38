/**
 * netstat's other reports on pasted text: `-r` (from /proc/net/route), `-i`
 * (/proc/net/dev) and `-s` (/proc/net/snmp and netstat), through the
 * packages' pure entries. The playground loads this module, and then the
 * one report's formatter it needs, only when the reader asks for a report;
 * socket tables go to runPipeline as before.
 */
import type { ParseIssue } from '@netintro/procnet-reader';
import { parseNetstatArgs } from '@netintro/socket-formatter';
import {
  type ExtraInput,
  type PipelineInput,
  type PipelineIssue,
  type PipelineResult,
  runPipeline,
  toIssue,
} from './pipeline';

/** Parse options for one pasted /proc/net file: its name in issues, the byte order, where issues go. */
export type ExtraOptions = (name: ExtraInput) => {
  source: string;
  endianness: 'little' | 'big';
  onInvalidLine: (issue: Omit<ParseIssue, 'code'>) => void;
};

/** Runs whatever report `input.argv` asks for: a socket table, `-r`, `-i` or `-s`. */
export async function runReport(input: PipelineInput): Promise<PipelineResult> {
  const args = parseNetstatArgs(input.argv);
  if (!args.ok || args.json || !['route', 'interfaces', 'statistics'].includes(args.mode)) {
    return runPipeline(input);
  }
  const issues: PipelineIssue[] = [];
  const endianness = input.endianness ?? 'little';
  const extra: ExtraOptions = (name) => ({
    source: `/proc/net/${name}`,
    endianness,
    onInvalidLine: (issue) => issues.push(toIssue(name, issue)),
  });
  // One chunk per report (not formatReport, which lives beside formatNetstat and
  // would pull every report's tables into the chunk the playground always loads).
  let text: string;
  if (args.mode === 'route') {
    text = (await import('./report-route')).runRoute(input, args.flags, extra);
  } else if (args.mode === 'interfaces') {
    text = (await import('./report-interfaces')).runInterfaces(input, args.flags, extra);
  } else {
    text = (await import('./report-statistics')).runStatistics(input, args.flags, extra);
  }
  return { ok: true, text, issues, sockets: 0, head: '', rows: [] };
}
