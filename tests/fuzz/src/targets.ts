/**
 * The fuzz targets: every /proc/net parser, the services parser, the
 * argument parser, the text resolvers, the IGMP parsers, the formatter on
 * hostile names, and decodeBytes. Each checks the documented contract
 * (which errors may be thrown) and, where a line is well formed by a
 * simple regex model of the kernel's format, that the parser returns it
 * with the same fields (never drops it silently).
 */
import {
  decodeBytes,
  encodeBytes,
  INET_TABLES,
  type InetSocket,
  type ParseIssue,
  ProcNetParseError,
  parseHosts,
  parseIgmp,
  parseIgmp6,
  parseNetworks,
  parseProcNet,
  type UnixSocket,
} from '@netintro/procnet-reader';
import { parseServices, ServicesParseError } from '@netintro/services-parser';
import {
  formatNetstat,
  hostsResolverFromEntries,
  networksResolverFromEntries,
  parseNetstatArgs,
} from '@netintro/socket-formatter';
import { etcSeed, servicesSeeds, type Table, tableSeeds } from './corpus.js';
import type { Target } from './harness.js';
import { mutateMany, type Rng } from './rng.js';

const INET = new Set<string>(INET_TABLES);

/** The kernel's inet line (tcp_seq_show and friends), as a regex model. */
function inetModel(table: string): RegExp {
  const addr = table.endsWith('6') ? '[0-9A-F]{32}' : '[0-9A-F]{8}';
  return new RegExp(
    // After the inode the kernel always writes ' %d %pK', then ' %u' (udp, raw: drops) or
    // ' %u %u %u %u %d' (a full tcp socket); lines are padded with spaces.
    `^ *\\d{1,10}: (${addr}):([0-9A-F]{4}) (${addr}):([0-9A-F]{4}) ([0-9A-F]{2}) [0-9A-F]{8}:[0-9A-F]{8} [0-9A-F]{2}:[0-9A-F]{8} [0-9A-F]{8} +(0|[1-9]\\d{0,8}) +(0|-?[1-9]\\d{0,8}) (0|[1-9]\\d{0,18}) (0|[1-9]\\d{0,8}) (?:[0-9a-f]{16}|[0-9a-f]{8})(?: (?:0|[1-9]\\d{0,8})| (?:0|[1-9]\\d{0,8}) (?:0|[1-9]\\d{0,8}) (?:0|[1-9]\\d{0,8}) (?:0|[1-9]\\d{0,8}) (?:0|-?[1-9]\\d{0,8}))? *$`,
  );
}

/** /proc/net/unix in the kernel's fixed layout. */
const UNIX_MODEL =
  /^[0-9A-Fa-f]+: [0-9A-F]{8} [0-9A-F]{8} ([0-9A-F]{8}) ([0-9A-F]{4}) ([0-9A-F]{2}) (?: {4}(\d)| {3}(\d\d)| {2}(\d{3})| (\d{4})|(\d{5,}))(?: ([^\n]*))?$/;

/** /proc/net/route data lines. */
const ROUTE_MODEL =
  /^([^\0- ]+)\t([0-9A-F]{8})\t([0-9A-F]{8})\t([0-9A-F]{4})\t(\d{1,9})\t(\d{1,9})\t(\d{1,9})\t([0-9A-F]{8})\t(\d{1,9})\t(\d{1,9})\t(\d{1,9})[\t ]*$/;

function tableTarget(table: Table): Target<string> {
  const seeds = tableSeeds(table);
  return {
    name: `procnet:${table}`,
    generate: (r, i) => (i % 50 === 0 ? r.pick(seeds) : mutateMany(r, r.pick(seeds), 4, true)),
    check(text) {
      // The documented contract: 'throw' throws ProcNetParseError only.
      try {
        parseProcNet(table as 'tcp', text);
      } catch (error) {
        if (!(error instanceof ProcNetParseError)) throw error;
      }
      const issues: ParseIssue[] = [];
      const records = parseProcNet(table as 'tcp', text, {
        onInvalidLine: (issue) => issues.push(issue),
      }) as unknown;
      if (INET.has(table)) return checkInet(table, text, records as InetSocket[], issues);
      if (table === 'unix') return checkUnix(text, records as UnixSocket[], issues);
      if (table === 'route') return checkRoute(text, records as { iface: string; line: number }[]);
      return undefined;
    },
  };
}

function lines(text: string): string[] {
  return text.split('\n');
}

function checkInet(table: string, text: string, records: InetSocket[], issues: ParseIssue[]) {
  const model = inetModel(table);
  const byLine = new Map(records.map((r) => [r.line, r]));
  const issueLines = new Set(issues.map((i) => i.line));
  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    const m = model.exec(line);
    if (!m) continue;
    const record = byLine.get(n + 1);
    if (!record) {
      return `line ${n + 1} matches the kernel model but ${issueLines.has(n + 1) ? 'was reported' : 'vanished'}: ${JSON.stringify(line)}`;
    }
    if (record.inode !== m[8] || record.local.port !== Number.parseInt(m[2]!, 16)) {
      return `line ${n + 1}: inode ${record.inode} / port ${record.local.port}, model ${m[8]} / ${Number.parseInt(m[2]!, 16)}`;
    }
  }
  return accountFor(all, records.length, issues.length, (l) => /^[\0- ]*sl/.test(l));
}

function checkUnix(text: string, records: UnixSocket[], issues: ParseIssue[]) {
  const byLine = new Map(records.map((r) => [r.line, r]));
  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    const m = UNIX_MODEL.exec(line);
    const record = byLine.get(n + 1);
    if (!m) {
      if (record)
        return `line ${n + 1} breaks the kernel layout but became a socket: ${JSON.stringify(line)}`;
      continue;
    }
    if (!record)
      return `line ${n + 1} matches the kernel layout but vanished: ${JSON.stringify(line)}`;
    const inode = m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8];
    const path = m[9] === '' ? undefined : m[9];
    if (record.inode !== inode || record.path !== path) {
      return `line ${n + 1}: inode ${record.inode} path ${JSON.stringify(record.path)}, model ${inode} ${JSON.stringify(path)}`;
    }
  }
  return accountFor(all, records.length, issues.length, (l) => /^[\0- ]*Num[ \t]/.test(l));
}

function checkRoute(text: string, records: { iface: string; line: number }[]) {
  const byLine = new Map(records.map((r) => [r.line, r]));
  const all = lines(text);
  for (let n = 1; n < all.length; n++) {
    const m = ROUTE_MODEL.exec(all[n]!);
    if (!m) continue;
    const record = byLine.get(n + 1);
    if (!record)
      return `line ${n + 1} matches the route model but vanished: ${JSON.stringify(all[n])}`;
    if (record.iface !== m[1]) return `line ${n + 1}: iface ${record.iface}, model ${m[1]}`;
  }
  return undefined;
}

/**
 * Every line that is not blank is a record or an issue, except lines that
 * look like the header (those may be either, or skipped): nothing that
 * could be a socket is dropped silently. The parsers treat characters up to
 * the space (C0 controls, NUL) as blank.
 */
function accountFor(
  all: string[],
  records: number,
  issues: number,
  isHeader: (line: string) => boolean,
): string | undefined {
  const nonBlank = all.filter((l) => !/^[\0- ]*$/.test(l));
  const headers = nonBlank.filter(isHeader).length;
  const seen = records + issues;
  return seen <= nonBlank.length && seen >= nonBlank.length - headers
    ? undefined
    : `${nonBlank.length} lines (${headers} like the header), ${records} records + ${issues} issues`;
}

/** services(5) lines the model is sure about: decimal port without leading zeros, [ \t] separators. */
const SERVICE_MODEL =
  /^[ \t]*([^\s#\0]+)[ \t]+(0|[1-9]\d{0,4})\/([^\s#\0/]+)((?:[ \t]+[^\s#\0]+)*)[ \t]*(?:#[^\n]*)?$/;

const servicesTarget: Target<string> = {
  name: 'services',
  generate: (() => {
    const seeds = servicesSeeds();
    return (r: Rng, i: number) =>
      i % 50 === 0 ? r.pick(seeds) : mutateMany(r, r.pick(seeds), 4, true);
  })(),
  check(text) {
    try {
      parseServices(text);
    } catch (error) {
      if (!(error instanceof ServicesParseError)) throw error;
    }
    let issues = 0;
    const entries = parseServices(text, { onInvalidLine: () => issues++ });
    const byLine = new Map(entries.map((e) => [e.line, e]));
    const all = text.split('\n');
    for (let n = 0; n < all.length; n++) {
      const m = SERVICE_MODEL.exec(all[n]!.replace(/\r$/, ''));
      if (!m || Number(m[2]) > 65535) continue;
      const e = byLine.get(n + 1);
      if (!e) return `line ${n + 1} is a valid entry but vanished: ${JSON.stringify(all[n])}`;
      if (e.name !== m[1] || e.port !== Number(m[2]) || e.protocol !== m[3]) {
        return `line ${n + 1}: ${e.name} ${e.port}/${e.protocol}, model ${m[1]} ${m[2]}/${m[3]}`;
      }
    }
    return undefined;
  },
};

const ARG_PIECES = [
  ...'-a -l -t -u -U -w -x -n -e -p -o -W -v -c -4 -6 -r -i -s -g -M -h -V -Z -S -2 -f -C -F -N -d -? -Q -: -A -'.split(
    ' ',
  ),
  ...['inet', 'inet6', 'unix', 'ax25,ipx', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'],
  ...['constructor', '__defineGetter__', 'inet,', ',', '', '--', '--tcpip', '--in', '--protocol'],
  ...['--protocol=inet6', '--json', '--json=1', '--route', '--num', '--x', '--=', '---', '-A\0'],
];

const argsTarget: Target<string[]> = {
  name: 'args',
  generate: (r) =>
    Array.from({ length: r.int(7) }, () =>
      r.one(8) ? mutateMany(r, r.pick(ARG_PIECES), 2) : r.pick(ARG_PIECES),
    ),
  check(argv) {
    const result = parseNetstatArgs(argv);
    if (result.ok) {
      if (!Array.isArray(result.rest) || !Array.isArray(result.warnings)) return 'bad shape';
      if (result.interval !== 1) return `interval ${result.interval}`;
      return undefined;
    }
    if (result.exitCode !== 1 && result.exitCode !== 3) return `exit code ${result.exitCode}`;
    if (typeof result.message !== 'string' || result.message === '') return 'no message';
    return undefined;
  },
};

function resolverTarget(kind: 'hosts' | 'networks'): Target<{ text: string; keys: string[] }> {
  const seed = etcSeed(kind);
  return {
    name: `resolver:${kind}`,
    generate: (r) => ({
      text: mutateMany(r, seed, 6, true),
      keys: Array.from({ length: 4 }, () =>
        r.one(3)
          ? r.pick(['::1', '::', 'fe80::1', '::ffff:10.0.0.4', '2001:db8::5'])
          : [r.int(256), r.int(4), r.int(4), r.int(256)].join('.'),
      ),
    }),
    size: (input) => input.text.length,
    check({ text, keys }) {
      if (kind === 'hosts') {
        const resolve = hostsResolverFromEntries(parseHosts(text));
        for (const k of keys) {
          const name = resolve(k, k.includes(':') ? 6 : 4);
          if (name !== undefined && typeof name !== 'string') return 'not a string';
        }
      } else {
        const resolve = networksResolverFromEntries(parseNetworks(text));
        for (const k of keys) if (typeof (resolve(k) ?? '') !== 'string') return 'not a string';
      }
      return undefined;
    },
  };
}

function igmpTarget(kind: 'igmp' | 'igmp6'): Target<string> {
  const seed = etcSeed(kind);
  return {
    name: `groups:${kind}`,
    generate: (r) => mutateMany(r, seed, 4, true),
    check(text) {
      const issues: ParseIssue[] = [];
      const options = { onInvalidLine: (issue: ParseIssue) => issues.push(issue) };
      const groups = kind === 'igmp' ? parseIgmp(text, options) : parseIgmp6(text, options);
      if (!Array.isArray(groups)) return 'not an array';
      for (const issue of issues)
        if (!(issue.line >= 1) || !issue.expected) return 'an issue without line or expectation';
      return undefined;
    },
  };
}

/** Hostile names everywhere, and paths: nothing that reaches the terminal may hold a control character. */
const HOSTILE = ['\x1b[31m', '\n', '\r', '\x9b', '\udc9b', '\x07', '\\', '\0', '\u0085', 'ok'];
const seedsOf = (() => {
  const cache = new Map<Table, string[]>();
  return (table: Table): string[] => {
    const known = cache.get(table);
    if (known) return known;
    const seeds = tableSeeds(table);
    cache.set(table, seeds);
    return seeds;
  };
})();

const formatTarget: Target<{ tcp: string; unix: string; names: string[]; flags: number }> = {
  name: 'format:hostile-names',
  generate: (r) => ({
    tcp: mutateMany(r, r.pick(seedsOf('tcp')), 2),
    unix: mutateMany(r, r.pick(seedsOf('unix')), 2),
    names: Array.from({ length: 5 }, () =>
      Array.from({ length: 1 + r.int(4) }, () => r.pick(HOSTILE)).join(''),
    ),
    flags: r.int(64),
  }),
  check({ tcp, unix, names, flags }) {
    const inet = parseProcNet('tcp', tcp, { onInvalidLine: 'skip' });
    const sockets = parseProcNet('unix', unix, { onInvalidLine: 'skip' });
    const text = formatNetstat(
      { inet, unix: sockets },
      {
        all: true,
        tcp: true,
        unix: true,
        extend: flags & 1 ? 2 : 0,
        program: !!(flags & 2),
        wide: !!(flags & 4),
        timers: !!(flags & 8),
        numericHosts: !!(flags & 16),
        numericPorts: !!(flags & 32),
      },
      {
        hosts: () => names[0],
        services: () => names[1],
        users: () => names[2],
        networks: () => names[3],
        processes: () => ({ pid: 42, fd: 3, command: names[4]! }),
      },
    );
    const bad = /[\x00-\x09\x0b-\x1f\x7f-\x9f\udc80-\udc9f]/.exec(text);
    return bad
      ? `control character U+${bad[0].charCodeAt(0).toString(16)} reached the output`
      : undefined;
  },
};

const bytesTarget: Target<number[]> = {
  name: 'decodeBytes',
  generate: (r) =>
    Array.from({ length: r.int(40) }, () => (r.one(3) ? r.int(128) : 128 + r.int(128))),
  check(bytes) {
    const back = encodeBytes(decodeBytes(Uint8Array.from(bytes)));
    return back.length === bytes.length && back.every((b, i) => b === bytes[i])
      ? undefined
      : 'bytes changed in a round trip';
  },
};

export function allTargets(tables: readonly Table[]): Target<never>[] {
  return [
    ...tables.map(tableTarget),
    servicesTarget,
    argsTarget,
    resolverTarget('hosts'),
    resolverTarget('networks'),
    igmpTarget('igmp'),
    igmpTarget('igmp6'),
    formatTarget,
    bytesTarget,
  ] as Target<never>[];
}
