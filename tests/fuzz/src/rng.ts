/**
 * A seeded generator (xorshift32) and the mutations the fuzz targets use.
 * Same seed, same cases: a finding is reproduced by its target and case number.
 */

export interface Rng {
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability 1/n. */
  one(n: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function rng(seed: number): Rng {
  let x = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return {
    int: (n) => (n <= 1 ? 0 : next() % n),
    one: (n) => next() % n === 0,
    pick: (items) => items[next() % items.length]!,
  };
}

/** Characters that matter to the parsers: separators, digits, hex, signs, controls, non-ASCII. */
const ALPHABET = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\0',
  ':',
  '.',
  '/',
  '#',
  '@',
  '-',
  '+',
  ',',
  '0',
  '1',
  '7',
  '9',
  'A',
  'F',
  'f',
  'x',
  'G',
  '\x1b',
  '\x7f',
  '\x85',
  'é',
  '\udce9',
  '\ud800',
  '🦊',
  'ffffffff',
  '00000000',
  '4294967296',
  '18446744073709551616',
  '-1',
  '99999999999999999999',
];

/**
 * One mutation of a text: replace, insert, delete or duplicate characters
 * or whitespace-separated tokens, swap or duplicate lines, cut the text,
 * or (rarely) blow a token up to a long run. `big` allows runs of up to
 * 200 KB (the hang check's inputs stay below 1 MB).
 */
export function mutate(r: Rng, text: string, big = false): string {
  const n = text.length;
  const at = r.int(n + 1);
  switch (r.int(12)) {
    case 0:
      return text.slice(0, at) + r.pick(ALPHABET) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + r.pick(ALPHABET) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + r.int(8));
    case 3: {
      const tokens = text.split(/( +|\t|\n)/);
      const i = r.int(tokens.length);
      tokens[i] = r.pick(ALPHABET).repeat(1 + r.int(3));
      return tokens.join('');
    }
    case 4: {
      const tokens = text.split(/( +|\t|\n)/);
      const i = r.int(tokens.length);
      tokens.splice(i, 0, tokens[r.int(tokens.length)] ?? '', ' ');
      return tokens.join('');
    }
    case 5: {
      const lines = text.split('\n');
      const i = r.int(lines.length);
      const j = r.int(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 6: {
      const lines = text.split('\n');
      lines.splice(r.int(lines.length), 0, lines[r.int(lines.length)]!);
      return lines.join('\n');
    }
    case 7:
      return text.slice(0, at);
    case 8:
      return (
        text.slice(0, at) + text.slice(at).replace(/[0-9A-F]/, r.pick(['G', 'z', '', ' ', '-']))
      );
    case 9: {
      const run = big && r.one(50) ? 100_000 + r.int(100_000) : 1 + r.int(300);
      return text.slice(0, at) + r.pick(ALPHABET).repeat(run) + text.slice(at);
    }
    case 10:
      return text.replace(/ +/, r.pick(['', '\t', '  ', '\v']));
    default:
      return text.toLowerCase() === text ? text.toUpperCase() : text.toLowerCase();
  }
}

/** Several mutations in a row (1 to `max`). */
export function mutateMany(r: Rng, text: string, max = 4, big = false): string {
  let out = text;
  const count = 1 + r.int(max);
  for (let i = 0; i < count; i++) out = mutate(r, out, big);
  return out;
}
