/**
 * The quiz question on the reader's own playground table. Browser-safe and
 * small (no services list): the quiz page runs it again on what the
 * playground saved in this browser.
 */
import { parseInetLine } from '@netintro/procnet-reader';
import { isServerSocket } from '@netintro/socket-formatter';
import type { ExplainRow } from './explain';

export interface QuizQuestion {
  id: string;
  prompt: string;
  options: string[];
  answer: string;
  explanation: string;
  /** Where the lesson explains it: linked from the feedback of a wrong answer. */
  learnMore: { href: string; label: string };
  /** The table the question is about, shown above it: the icebox figure or the reader's playground. */
  table?: 'icebox' | 'playground';
}

/** Rows netstat counts as servers (TCP: foreign port 0; UDP: no other end). */
export function countServers(rows: readonly ExplainRow[]): number {
  let n = 0;
  for (const row of rows) {
    const socket = parseInetLine(row.table, row.raw, 1);
    if (socket && isServerSocket(socket)) n++;
  }
  return n;
}

/**
 * The question on the reader's own playground table: how many of its rows
 * are servers. Four options around the answer, never below 0.
 *
 * @example
 * ```ts
 * playgroundQuestion(result.rows).answer; // '3' for the icebox sample with -at
 * ```
 */
export function playgroundQuestion(rows: readonly ExplainRow[]): QuizQuestion {
  const servers = countServers(rows);
  const first = Math.max(0, servers - 1);
  const options = [first, first + 1, first + 2, first + 3].map(String);
  const names = rows
    .filter((r) => {
      const s = parseInetLine(r.table, r.raw, 1);
      return s !== undefined && isServerSocket(s);
    })
    .map((r) => r.text.trim().split(/\s+/)[3] ?? '');
  return {
    id: 'playground-servers',
    prompt: "Your playground table (above): how many of its rows are servers, in netstat's sense?",
    options,
    answer: String(servers),
    explanation:
      servers === 0
        ? `None of its ${rows.length} rows has a foreign port of 0 (TCP) or an all-zero foreign address (UDP), so none is a server. Without -a or -l netstat hides servers anyway.`
        : `${servers} of its ${rows.length} rows have no other end (foreign port * for TCP, an all-zero foreign address for UDP): ${names.join(', ')}. netstat -l would show exactly these.`,
    learnMore: {
      href: '/lesson/netstat/#which-rows-does--a-add',
      label: 'Which rows does -a add?',
    },
    table: 'playground',
  };
}
