// formatOpenMetrics, checked with a real OpenMetrics parser: Python
// prometheus_client's openmetrics parser, installed into a venv under
// node_modules/.cache on first run (skipped, with a note, where pip cannot
// reach its index). Expected numbers are counted here from the fixture
// records, independently of the formatter's grouping code.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InetSocket, SocketProcess } from '@netintro/procnet-reader';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeLabelValue, formatOpenMetrics, type MetricsInput } from '../src/index.js';
import { etcResolvers, loadCase, TEST_DIR } from './helpers.js';

const VENV = join(TEST_DIR, '..', 'node_modules', '.cache', 'openmetrics-venv');
const PYTHON = join(VENV, 'bin', 'python3');

/** Creates the venv once; returns why it could not, or undefined. */
function ensureParser(): string | undefined {
  const probe = () =>
    spawnSync(PYTHON, ['-c', 'import prometheus_client.openmetrics.parser'], { stdio: 'ignore' })
      .status === 0;
  if (existsSync(PYTHON) && probe()) return undefined;
  mkdirSync(join(VENV, '..'), { recursive: true });
  const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8' });
  if (venv.status !== 0) return `python3 -m venv failed: ${venv.stderr}`;
  const pip = spawnSync(
    join(VENV, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', 'prometheus_client'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (pip.status !== 0 || !probe()) return `pip install prometheus_client failed: ${pip.stderr}`;
  return undefined;
}

interface ParsedFamily {
  name: string;
  type: string;
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

const PARSE_SCRIPT = `
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
docs = []
for text in sys.stdin.buffer.read().decode('utf-8').split('\\0'):
    out = []
    for f in text_string_to_metric_families(text):
        out.append({'name': f.name, 'type': f.type,
                    'samples': [{'name': s.name, 'labels': s.labels, 'value': s.value} for s in f.samples]})
    docs.append(out)
print(json.dumps(docs))
`;

/** Parses with prometheus_client; throws with the parser's message when it rejects the text. */
function parse(text: string): ParsedFamily[] {
  return parseMany([text])[0] as ParsedFamily[];
}

/** Several texts in one parser process (NUL-separated on stdin). */
function parseMany(texts: string[]): ParsedFamily[][] {
  const r = spawnSync(PYTHON, ['-c', PARSE_SCRIPT], {
    input: Buffer.from(texts.join('\0'), 'utf8'),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`openmetrics parser rejected the text: ${r.stderr}`);
  return JSON.parse(r.stdout.toString('utf8')) as ParsedFamily[][];
}

let skip: string | undefined;
beforeAll(() => {
  skip = ensureParser();
  if (skip) console.log(`metrics.test: skipping the parser checks: ${skip}`);
}, 180_000);

const zoo = loadCase('zoo');
const stats = loadCase('stats-all');
const resolvers = etcResolvers();

/** Owners for some zoo inodes, with names built to break a careless exposition. */
const HOSTILE = ['say "hi"', 'back\\slash', 'two\nlines', 'lone \uD800 surrogate', 'nginx'];
function hostileOwners(): (inode: string) => SocketProcess | undefined {
  const inodes = [...new Set(zoo.inet.map((s) => s.inode).filter((i) => i !== '0'))];
  const map = new Map<string, SocketProcess>();
  inodes.forEach((inode, i) => {
    map.set(inode, { pid: 100 + i, fd: 3, command: HOSTILE[i % HOSTILE.length]! });
  });
  return (inode) => map.get(inode);
}

function input(): MetricsInput {
  return {
    inet: zoo.inet,
    unix: zoo.unix,
    snmp: stats.snmp,
    netstat: stats.netstat,
    snmp6: stats.snmp6,
  };
}

const family = (fams: ParsedFamily[], name: string): ParsedFamily => {
  const f = fams.find((x) => x.name === name);
  if (!f) throw new Error(`no family ${name}`);
  return f;
};

describe('formatOpenMetrics', { timeout: 120_000 }, () => {
  it('ends in # EOF and passes the real OpenMetrics parser, hostile program names included', () => {
    if (skip) return;
    const processes = hostileOwners();
    const text = formatOpenMetrics(input(), {
      resolvers: { services: resolvers.services, processes },
    });
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const fams = parse(text);
    const programs = family(fams, 'netintro_program_sockets');
    const names = new Set(programs.samples.map((s) => s.labels.program));
    // Quotes, backslashes and newlines come back exactly; the lone surrogate as U+FFFD.
    expect(names).toEqual(
      new Set(['say "hi"', 'back\\slash', 'two\nlines', 'lone \uFFFD surrogate', 'nginx']),
    );
    const expectedOwned = [...zoo.inet, ...zoo.unix].filter((s) => processes(s.inode)).length;
    expect(programs.samples.reduce((a, s) => a + s.value, 0)).toBe(expectedOwned);
  });

  it('counts sockets per protocol and state as the records say', () => {
    if (skip) return;
    const fams = parse(formatOpenMetrics(input()));
    const sockets = family(fams, 'netintro_sockets');
    expect(sockets.type).toBe('gauge');
    const total = sockets.samples.reduce((a, s) => a + s.value, 0);
    expect(total).toBe(zoo.inet.length + zoo.unix.length);
    const tcpListen = zoo.inet.filter((s) => s.table === 'tcp' && s.state === 'LISTEN').length;
    expect(tcpListen).toBeGreaterThan(0);
    expect(
      sockets.samples.find((s) => s.labels.protocol === 'tcp' && s.labels.state === 'LISTEN')
        ?.value,
    ).toBe(tcpListen);
    // No owners known and none asked for: no per-program family.
    expect(fams.some((f) => f.name === 'netintro_program_sockets')).toBe(false);
  });

  it('lists listening ports with their service names', () => {
    if (skip) return;
    const fams = parse(formatOpenMetrics(input(), { resolvers }));
    const listening = family(fams, 'netintro_listening_sockets');
    const tcpListeners = zoo.inet.filter(
      (s: InetSocket) => s.table === 'tcp' && s.state === 'LISTEN',
    );
    for (const s of tcpListeners) {
      const sample = listening.samples.find(
        (x) => x.labels.protocol === 'tcp' && x.labels.port === String(s.local.port),
      );
      expect(sample?.labels.service).toBe(resolvers.services?.(s.local.port, 'tcp') ?? '');
      expect(sample?.value).toBe(tcpListeners.filter((t) => t.local.port === s.local.port).length);
    }
  });

  it('caps connection series and folds the rest into local_port="other"', () => {
    if (skip) return;
    const caps = [1000, 0, 1, 3];
    // One parser process for all of them (each start costs seconds on a loaded machine).
    const [all, ...capped] = parseMany(
      caps.map((cap) => formatOpenMetrics(input(), { maxConnectionSeries: cap })),
    ).map((fams) => ({
      series: family(fams, 'netintro_connections'),
      folded: family(fams, 'netintro_connections_folded_series').samples[0]?.value,
    }));
    expect(all!.series.samples.some((s) => s.labels.local_port === 'other')).toBe(false);
    const sum = (f: ParsedFamily) => f.samples.reduce((a, s) => a + s.value, 0);
    capped.forEach(({ series, folded }, i) => {
      const cap = caps[i + 1] as number;
      const ports = series.samples.filter((s) => s.labels.local_port !== 'other');
      expect(ports.length).toBe(Math.min(cap, all!.series.samples.length));
      expect(sum(series)).toBe(sum(all!.series)); // nothing lost, only folded
      expect(folded).toBe(all!.series.samples.length - ports.length);
    });
    // The kept series (cap 1) is the largest one.
    const top = capped[1]!.series.samples.find((s) => s.labels.local_port !== 'other');
    expect(top?.value).toBe(Math.max(...all!.series.samples.map((s) => s.value)));
  });

  it('exposes every netstat -s counter, counters as _total, RTO in seconds', () => {
    if (skip) return;
    const fams = parse(formatOpenMetrics(input()));
    const active = family(fams, 'netintro_snmp_Tcp_ActiveOpens');
    expect(active.type).toBe('counter');
    expect(active.samples[0]).toMatchObject({
      name: 'netintro_snmp_Tcp_ActiveOpens_total',
      value: stats.snmp.Tcp?.ActiveOpens,
    });
    expect(family(fams, 'netintro_snmp_Tcp_CurrEstab').type).toBe('gauge');
    expect(family(fams, 'netintro_snmp_Tcp_RtoMin_seconds').samples[0]?.value).toBe(
      (stats.snmp.Tcp?.RtoMin ?? Number.NaN) / 1000,
    );
    const expectedCount =
      Object.values(stats.snmp).reduce((a, g) => a + Object.keys(g).length, 0) +
      Object.values(stats.netstat).reduce((a, g) => a + Object.keys(g).length, 0) +
      Object.values(stats.snmp6).reduce((a, g) => a + Object.keys(g).length, 0);
    expect(fams.filter((f) => /^netintro_(snmp|netstat|snmp6)_/.test(f.name)).length).toBe(
      expectedCount,
    );
  });

  it('the parser is strict: it rejects a text without # EOF or with a bad escape', () => {
    if (skip) return;
    const good = formatOpenMetrics({ inet: zoo.inet });
    expect(() => parse(good.replace('# EOF\n', ''))).toThrow(/rejected/);
    expect(() => parse(`${good.replace('# EOF\n', '')}x{a="\n"} 1\n# EOF\n`)).toThrow(/rejected/);
    expect(() => parse(good)).not.toThrow();
  });
});

describe('escapeLabelValue', () => {
  it('escapes backslash, quote and newline and repairs lone surrogates', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('x\uDC00y\uD83D\uDE00')).toBe('x\uFFFDy\uD83D\uDE00');
  });
});

it('the venv python really is what the parser checks run on', () => {
  if (skip) return;
  expect(
    execFileSync(PYTHON, ['-c', 'import prometheus_client; print("ok")'], { encoding: 'utf8' }),
  ).toBe('ok\n');
});

describe('README "Metrics for a fleet" example', { timeout: 120_000 }, () => {
  it('runs: its server answers with an exposition the parser accepts', async () => {
    const { readFileSync, writeFileSync, rmSync } = await import('node:fs');
    const readme = readFileSync(join(TEST_DIR, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Metrics for a fleet'));
    // `no-run`: the package's README test skips it (it would serve or watch for a minute).
    const code = /```ts no-run\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toContain("server.listen(9464, '127.0.0.1');");
    // Same code, but importing this package's source and listening on a free port.
    const file = join(TEST_DIR, `.readme-metrics-${process.pid}.ts`);
    writeFileSync(
      file,
      code!
        .replace("from '@netintro/socket-formatter'", "from '../src/index.js'")
        .replace("server.listen(9464, '127.0.0.1');", 'export { server };'),
    );
    try {
      const { server } = (await import(file)) as { server: import('node:http').Server };
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`);
      const text = await response.text();
      await new Promise((resolve) => server.close(resolve));
      expect(response.headers.get('content-type')).toMatch(/^application\/openmetrics-text/);
      expect(text.endsWith('# EOF\n')).toBe(true);
      if (skip) return;
      const fams = parse(text);
      expect(fams.map((f) => f.name)).toContain('netintro_snmp_Tcp_ActiveOpens');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
