// "First programs" benchmark: the programs a user writes first, each run as a
// whole one-shot process, at N loopback connections (2N TCP sockets):
//
//   (a) listening TCP ports with the owning program's name
//   (f) every TCP socket with its owner, as JSON
//
// each written with @netintro/procnet-reader (as its README shows), psutil
// (Python, in a temporary venv; skipped with a note when pip cannot install
// it), systeminformation and node-netstat (both run `netstat`), beside a bare
// `node -e ''` and `netstat -antp`. Also a warm in-process call (the same
// work repeated in one process) for ours and psutil. The programs are in
// programs/; each is checked once per size (it must find every holder's
// listening port and owner, or at least 2N owned sockets) before it is timed.
//
//   pnpm bench                                   # from the repository root (builds first)
//   node bench/first-programs.mjs --sizes 1000 --reps 3
//   node bench/first-programs.mjs --no-psutil --no-write
//
// Wall times are medians of --reps runs (at 60k at most 3), commands
// interleaved round by round so machine load hits all of them alike.
// Results go to RESULTS.md beside this file (between the generated-results
// markers), unless --no-write.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countTcpRows,
  enterPrivateNetns,
  fmtMb,
  fmtMs,
  gnuTime,
  have,
  holdConnections,
  loadAverage,
  option,
  stopHolders,
  summarize,
  timeOnce,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const programs = join(here, 'programs');
const args = process.argv.slice(2);
const sizes = option(args, '--sizes', '1000,4000,60000')
  .split(',')
  .map((s) => Number(s.trim()));
const reps = Number(option(args, '--reps', '5'));
const warmRounds = Number(option(args, '--warm-rounds', '7'));
/** Longest time one command may run before it is killed (the benchmark fails). */
const TIMEOUT_MS = 300_000;

const readerDist = join(here, '../packages/procnet-reader/dist/node.js');
if (!existsSync(readerDist)) {
  console.error('bench: build first (pnpm run build): procnet-reader dist/node.js is missing');
  process.exit(1);
}
if (!have('netstat')) {
  console.error('bench: netstat is required (scripts/ensure-system.sh installs it)');
  process.exit(1);
}
enterPrivateNetns(import.meta.url, args);

/** A venv with psutil in a temporary folder, or undefined (with a printed note). */
function psutilPython() {
  if (args.includes('--no-psutil')) {
    console.log('note: psutil skipped (--no-psutil)');
    return undefined;
  }
  if (!have('python3')) {
    console.log('note: psutil skipped: no python3');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'netintro-psutil-'));
  const made = spawnSync('python3', ['-m', 'venv', dir], { encoding: 'utf8', timeout: 120_000 });
  const python = join(dir, 'bin/python');
  const pip =
    made.status === 0
      ? spawnSync(join(dir, 'bin/pip'), ['install', '--quiet', 'psutil'], {
          encoding: 'utf8',
          timeout: 180_000,
        })
      : made;
  if (pip.status !== 0) {
    console.log(
      `note: psutil skipped: could not install it (${(pip.stderr || pip.error?.message || '').trim().split('\n').pop()})`,
    );
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const version = spawnSync(python, ['-c', 'import psutil; print(psutil.__version__)'], {
    encoding: 'utf8',
  }).stdout.trim();
  return { python, dir, version };
}

const node = process.execPath;
const psutil = psutilPython();
const versionOf = (name) =>
  JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

/** The one-shot programs, by implementation; each has (a) and (f). */
const implementations = [
  {
    key: 'ours',
    label: '@netintro/procnet-reader',
    run: (p) => [node, join(programs, `ours-${p}.mjs`)],
  },
  ...(psutil
    ? [
        {
          key: 'psutil',
          label: `psutil ${psutil.version}`,
          run: (p) => [psutil.python, join(programs, `psutil_${p}.py`)],
        },
      ]
    : []),
  {
    key: 'si',
    label: `systeminformation ${versionOf('systeminformation')}`,
    run: (p) => [node, join(programs, `si-${p}.mjs`)],
  },
  {
    key: 'nn',
    label: `node-netstat ${versionOf('node-netstat')}`,
    run: (p) => [node, join(programs, `node-netstat-${p}.mjs`)],
  },
];
const PROGRAMS = [
  { key: 'listening', label: '(a) listening TCP ports + owner names' },
  { key: 'json', label: '(f) every TCP socket + owner, JSON' },
];

/**
 * Checks a program's output once: (a) must list every holder's listening
 * port with the holder's pid and name `node`; (f) must attribute at least
 * 2N sockets to the holders' pids.
 */
function validate(program, argv, holders, n) {
  const r = spawnSync(argv[0], argv.slice(1), {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: TIMEOUT_MS,
  });
  if (r.status !== 0) return `exit ${r.status ?? r.signal}: ${r.stderr.slice(-300)}`;
  if (program === 'listening') {
    const lines = r.stdout.split('\n');
    for (const h of holders) {
      const want = new RegExp(`:${h.port} ${h.pid} node$`);
      if (!lines.some((l) => want.test(l))) return `no line for port ${h.port} of pid ${h.pid}`;
    }
    return undefined;
  }
  let sockets;
  try {
    sockets = JSON.parse(r.stdout);
  } catch (error) {
    return `not one JSON document: ${error.message}`;
  }
  const pids = new Set(holders.map((h) => String(h.pid)));
  const owned = [...r.stdout.matchAll(/"pid":\s*"?(\d+)/g)].filter((m) => pids.has(m[1])).length;
  if (!Array.isArray(sockets)) return 'not a JSON array';
  if (owned < 2 * n) return `only ${owned} of ${2 * n} sockets attributed to the holders`;
  return undefined;
}

function warm(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()).ms;
}

const results = [];

async function runSize(n) {
  console.log(`\n== N = ${n} connections (${2 * n} TCP sockets), load ${loadAverage()} ==`);
  try {
    const { holders, seconds } = await holdConnections(n);
    console.log(
      `opened in ${seconds.toFixed(1)} s by ${holders.length} holders (pids ${holders.map((h) => h.pid).join(' ')}); ` +
        `${countTcpRows()} rows in tcp + tcp6`,
    );
    const commands = [
      { key: 'bare', label: "node -e ''", argv: [node, '-e', ''] },
      { key: 'netstat', label: 'netstat -antp', argv: ['netstat', '-antp'] },
    ];
    const invalid = {};
    for (const p of PROGRAMS) {
      for (const impl of implementations) {
        const argv = impl.run(p.key);
        const problem = validate(p.key, argv, holders, n);
        if (problem) {
          invalid[`${impl.key}:${p.key}`] = problem;
          console.log(`warning: ${impl.label} ${p.key}: ${problem}`);
        }
        commands.push({ key: `${impl.key}:${p.key}`, label: `${impl.label} ${p.key}`, argv });
      }
    }
    // Rounds: every command once per round, so load drifts hit all alike.
    const runs = n >= 20_000 ? Math.min(reps, 3) : reps;
    const samples = new Map(commands.map((c) => [c.key, []]));
    for (let round = 0; round < runs; round++) {
      for (const c of commands) {
        samples.get(c.key).push(timeOnce(c.argv, { timeoutMs: TIMEOUT_MS }));
      }
    }
    const m = Object.fromEntries(commands.map((c) => [c.key, summarize(samples.get(c.key))]));
    const warmMs = {};
    for (const p of PROGRAMS) {
      warmMs[`ours:${p.key}`] = warm([
        node,
        join(programs, 'ours-warm.mjs'),
        p.key,
        String(warmRounds),
      ]);
      if (psutil) {
        warmMs[`psutil:${p.key}`] = warm([
          psutil.python,
          join(programs, 'psutil_warm.py'),
          p.key,
          String(warmRounds),
        ]);
      }
    }
    const result = {
      n,
      rows: countTcpRows(),
      load: loadAverage(),
      commands,
      m,
      warmMs,
      invalid,
      runs,
    };
    results.push(result);
    console.log(tableText(result));
  } finally {
    await stopHolders();
  }
}

const pad = (text, width) => String(text).padStart(width);
const x = (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`);

/** One size's results as a text table plus the ratios of the targets. */
function tableText(r) {
  let out = `N = ${r.n} connections (${r.rows} TCP rows), medians of ${r.runs} runs, load after: ${r.load}\n`;
  out += `${'command'.padEnd(46)} ${pad('wall ms', 8)} ${pad('cpu ms', 8)} ${pad('peak RSS', 9)}\n`;
  for (const c of r.commands) {
    const v = r.m[c.key];
    const mark = r.invalid[c.key] ? ' (output check failed)' : '';
    out += `${(c.label + mark).padEnd(46)} ${pad(fmtMs(v.ms), 8)} ${pad(fmtMs(v.cpuMs), 8)} ${pad(gnuTime ? fmtMb(v.rssMb) : 'n/a', 9)}\n`;
  }
  out +=
    '\nratios ours / theirs: wall (cpu = user+sys, steadier on a busy machine); < 1: ours is faster\n';
  for (const p of PROGRAMS) {
    const ours = r.m[`ours:${p.key}`];
    const both = (other) =>
      other === undefined ? 'n/a' : `${x(ours.ms, other.ms)} (cpu ${x(ours.cpuMs, other.cpuMs)})`;
    const parts = [
      `psutil ${both(r.m[`psutil:${p.key}`])}`,
      `systeminformation ${both(r.m[`si:${p.key}`])}`,
      `node-netstat ${both(r.m[`nn:${p.key}`])}`,
      `bare node ${both(r.m.bare)}`,
      `netstat -antp ${both(r.m.netstat)}`,
    ];
    out += `  ${p.key}: ${parts.join(', ')}\n`;
    const warmOurs = r.warmMs[`ours:${p.key}`];
    const warmPsutil = r.warmMs[`psutil:${p.key}`];
    out += `  ${p.key}: warm in-process call: ours ${fmtMs(warmOurs)} ms, psutil ${warmPsutil === undefined ? 'n/a' : `${fmtMs(warmPsutil)} ms`} (${x(warmOurs, warmPsutil)})\n`;
  }
  return out;
}

/** The targets of issue 9 for this benchmark, checked against one size (wall time; cpu beside). */
function targetLines(r) {
  const lines = [];
  const check = (label, value, limit, atMost = true, cpu = undefined) => {
    if (value === undefined || Number.isNaN(value)) return;
    const ok = atMost ? value <= limit : value >= limit;
    const cpuText = cpu === undefined || Number.isNaN(cpu) ? '' : ` (cpu ${cpu.toFixed(2)}x)`;
    lines.push(
      `| ${r.n} | ${label} | ${value.toFixed(2)}x${cpuText} | ${atMost ? '<=' : '>='} ${limit}x | ${ok ? 'yes' : 'no'} |`,
    );
  };
  for (const p of PROGRAMS) {
    const o = r.m[`ours:${p.key}`];
    const vs = (label, other, limit) => {
      if (other) check(label, o.ms / other.ms, limit, true, o.cpuMs / other.cpuMs);
    };
    if (r.n <= 4000) {
      vs(`${p.key}: ours / psutil`, r.m[`psutil:${p.key}`], 1);
      vs(`${p.key}: ours / systeminformation`, r.m[`si:${p.key}`], 0.6);
      const wp = r.warmMs[`psutil:${p.key}`];
      if (wp !== undefined) {
        check(`${p.key}: warm call ours / psutil`, r.warmMs[`ours:${p.key}`] / wp, 0.5);
      }
    } else {
      const n = r.m.netstat;
      check(`${p.key}: netstat -antp / ours`, n.ms / o.ms, 1, false, n.cpuMs / o.cpuMs);
    }
  }
  return lines;
}

function resultsMarkdown() {
  const node20 = process.version;
  const netstatVersion = (spawnSync('netstat', ['-V'], { encoding: 'utf8' }).stdout.match(
    /net-tools \S+/,
  ) ?? ['net-tools ?'])[0];
  let md = `Generated by \`bench/first-programs.mjs\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: `;
  md += `Node ${node20}, ${netstatVersion}, ${psutil ? `psutil ${psutil.version}` : 'psutil skipped'}, `;
  md += `${implementations
    .map((i) => i.label)
    .slice(2)
    .join(', ')}; `;
  md += `${process.argv.includes('--in-netns') ? 'private network namespace' : 'host network namespace'}; `;
  md += `load average before: ${startLoad}.\n\n`;
  md += '```text\n';
  for (const r of results) md += `${tableText(r)}\n`;
  md += '```\n\n';
  md += '| N | target | measured wall (cpu) | limit | met? |\n| --- | --- | --- | --- | --- |\n';
  for (const r of results) md += `${targetLines(r).join('\n')}\n`;
  return md;
}

const START = '<!-- first-programs:start -->';
const END = '<!-- first-programs:end -->';

function writeResults() {
  const file = join(here, 'RESULTS.md');
  const text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : `# Benchmark results\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const body = `${START}\n${resultsMarkdown()}${END}`;
  writeFileSync(
    file,
    a >= 0 && b > a ? text.slice(0, a) + body + text.slice(b + END.length) : `${text}\n${body}\n`,
  );
  // The repository's formatter pads Markdown tables; keep the file as it wants it.
  const biome = join(here, '../node_modules/.bin/biome');
  if (existsSync(biome)) spawnSync(biome, ['format', '--write', file], { stdio: 'ignore' });
  console.log(`\nwrote ${file}`);
}

const startLoad = loadAverage();
try {
  for (const n of sizes) await runSize(n);
  console.log('\nTargets (issue 9): at 1k and 4k ours <= psutil and <= 0.6x systeminformation for');
  console.log(
    '(a) and (f), a warm in-process call <= 0.5x psutil; at 60k faster than netstat -antp.',
  );
  for (const r of results) for (const line of targetLines(r)) console.log(line);
  if (!args.includes('--no-write')) writeResults();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopHolders();
  if (psutil) rmSync(psutil.dir, { recursive: true, force: true });
}
