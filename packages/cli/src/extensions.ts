/**
 * The options netintro adds beyond netstat's: `--watch [secs]`,
 * `--metrics`, `--max-series N`, `--netns <pid|path|name>`, and for
 * `--json` (netstat's parser takes that one) `--compact` (one line per
 * document) and `--json-internals` (keep the parser's `line`, `slot` and
 * `pointer` fields). They are
 * taken out of the command line before netstat's parser sees the rest, so
 * netstat's options keep their exact meaning (none of these names is a
 * netstat option or an abbreviation of one).
 *
 * @module
 */

/**
 * The extension options found on a command line, and what is left for
 * netstat's parser.
 *
 * @example
 * ```ts
 * splitExtensions(['--watch', '2', '-tn']); // { ok: true, watch: 2, metrics: false, compact: false, internals: false, rest: ['-tn'] }
 * ```
 */
export type Extensions =
  | {
      ok: true;
      /** `--watch [secs]`: seconds between polls. */
      watch?: number;
      metrics: boolean;
      /** `--max-series N`: cap on netintro_connections series (with --metrics). */
      maxSeries?: number;
      /** `--netns X`: the namespace argument, unresolved. */
      netns?: string;
      /** `--compact`: JSON on one line. */
      compact: boolean;
      /** `--json-internals`: JSON keeps `line`, `slot` and `pointer`. */
      internals: boolean;
      rest: string[];
    }
  | { ok: false; message: string };

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Takes `--watch [secs]`, `--watch=secs`, `--metrics`, `--max-series N`
 * (`=N`), `--netns X` (`=X`), `--compact` and `--json-internals` out of
 * `argv` (up to a `--`).
 *
 * @example
 * ```ts
 * splitExtensions(['--netns', '4242', '-ant']).netns; // '4242'
 * ```
 */
export function splitExtensions(argv: readonly string[]): Extensions {
  const rest: string[] = [];
  let watch: number | undefined;
  let metrics = false;
  let maxSeries: number | undefined;
  let netns: string | undefined;
  let compact = false;
  let internals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const [name, inline] = arg.startsWith('--') ? splitOnce(arg) : [arg, undefined];
    if (name === '--watch') {
      const next = argv[i + 1];
      if (inline !== undefined) {
        if (!NUMBER.test(inline)) return bad(`--watch wants seconds, got '${inline}'`);
        watch = Number(inline);
      } else if (next !== undefined && NUMBER.test(next)) {
        watch = Number(next);
        i++;
      } else {
        watch = 1;
      }
      if (!(watch > 0)) return bad('--watch wants a number of seconds above 0');
    } else if (name === '--metrics') {
      if (inline !== undefined) return bad('--metrics takes no value');
      metrics = true;
    } else if (name === '--max-series') {
      const value = inline ?? argv[++i];
      if (value === undefined || !/^\d+$/.test(value)) {
        return bad(`--max-series wants a whole number, got '${value ?? ''}'`);
      }
      maxSeries = Number(value);
    } else if (name === '--compact' || name === '--json-internals') {
      if (inline !== undefined) return bad(`${name} takes no value`);
      if (name === '--compact') compact = true;
      else internals = true;
    } else if (name === '--netns') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') {
        return bad('--netns wants a pid, a /run/netns path or a namespace name');
      }
      netns = value;
    } else {
      rest.push(arg);
    }
  }
  if (maxSeries !== undefined && !metrics) return bad('--max-series goes with --metrics');
  if (watch !== undefined && metrics) return bad('give only one of --watch and --metrics');
  const out: Extensions = { ok: true, metrics, compact, internals, rest };
  if (watch !== undefined) out.watch = watch;
  if (maxSeries !== undefined) out.maxSeries = maxSeries;
  if (netns !== undefined) out.netns = netns;
  return out;
}

function splitOnce(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function bad(message: string): Extensions {
  return { ok: false, message };
}
