/**
 * Runs a fuzz target for a number of seeded cases and sorts what goes
 * wrong into crashes (an exception the API does not document), hangs (one
 * case over 1 s on an input under 1 MB, the fastest of three runs) and
 * disagreements (the reference said something else). Keeps the first few
 * examples of each.
 */
import { type Rng, rng } from './rng.js';

export interface Target<T> {
  name: string;
  /** Builds case number `i` from the generator. */
  generate(r: Rng, i: number): T;
  /**
   * Runs the code under test on one input: returns a disagreement text, or
   * undefined. Throwing is a crash.
   */
  check(input: T): string | undefined;
  /** The input's size in bytes, for the hang rule (default: JSON length). */
  size?(input: T): number;
}

export interface Finding {
  kind: 'crash' | 'hang' | 'disagreement';
  case: number;
  detail: string;
  input: string;
}

export interface TargetReport {
  target: string;
  cases: number;
  crashes: number;
  hangs: number;
  disagreements: number;
  slowestMs: number;
  totalMs: number;
  examples: Finding[];
}

export const HANG_MS = 1000;
const ONE_MB = 1 << 20;

export function runTarget<T>(target: Target<T>, cases: number, seed: number): TargetReport {
  const r = rng(seed);
  const report: TargetReport = {
    target: target.name,
    cases: 0,
    crashes: 0,
    hangs: 0,
    disagreements: 0,
    slowestMs: 0,
    totalMs: 0,
    examples: [],
  };
  const note = (kind: Finding['kind'], i: number, detail: string, input: T): void => {
    report[kind === 'crash' ? 'crashes' : kind === 'hang' ? 'hangs' : 'disagreements']++;
    if (report.examples.length < 5) {
      const text = typeof input === 'string' ? input : JSON.stringify(input);
      report.examples.push({ kind, case: i, detail, input: text.slice(0, 2000) });
    }
  };
  const started = performance.now();
  for (let i = 0; i < cases; i++) {
    const input = target.generate(r, i);
    const t0 = performance.now();
    let verdict: string | undefined;
    try {
      verdict = target.check(input);
    } catch (error) {
      note(
        'crash',
        i,
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        input,
      );
    }
    let ms = performance.now() - t0;
    // A slow case on a busy machine may be a pause, not the code: time it
    // twice more and keep the fastest before calling it a hang.
    for (let again = 0; again < 2 && ms > HANG_MS; again++) {
      const t1 = performance.now();
      try {
        target.check(input);
      } catch {
        // already noted
      }
      ms = Math.min(ms, performance.now() - t1);
    }
    report.slowestMs = Math.max(report.slowestMs, ms);
    const size = target.size ? target.size(input) : sizeOf(input);
    if (ms > HANG_MS && size < ONE_MB)
      note('hang', i, `${ms.toFixed(0)} ms on ${size} bytes`, input);
    if (verdict !== undefined) note('disagreement', i, verdict, input);
    report.cases++;
  }
  report.totalMs = performance.now() - started;
  return report;
}

function sizeOf(input: unknown): number {
  if (typeof input === 'string') return input.length;
  return JSON.stringify(input)?.length ?? 0;
}

/** How many cases per target: NETINTRO_FUZZ_RUNS (pnpm fuzz: 100000), else `fallback`. */
export function casesPerTarget(fallback: number): number {
  const n = Number(process.env.NETINTRO_FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
