import {
  parseHosts,
  parseNetworks,
  parsePasswd,
  parseProcNet,
  parseProtocols,
} from '@netintro/procnet-reader';
import { describe, expect, it } from 'vitest';
import {
  addressColumn,
  formatInetRow,
  formatInetTable,
  formatReport,
  formatUnixTable,
  hostsResolverFromEntries,
  networksResolverFromEntries,
  programText,
  protocolsResolverFromEntries,
  statisticsFamilyError,
  timerText,
} from '../src/index.js';
import { loadCase } from './helpers.js';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const tcp = (body: string) => parseProcNet('tcp', `${TCP_HEADER}\n${body}\n`);

describe('deliberate differences from netstat 2.10', () => {
  it('prints UNKNOWN for TCP states netstat cannot name', () => {
    for (const st of ['00', '0C', '0D', 'FF']) {
      const [s] = tcp(
        `   0: 0100007F:0016 0200007F:D431 ${st} 00000000:00000000 00:00000000 00000000     0        0 7 1 0 20 4 30 10 -1`,
      );
      expect(formatInetRow(s!, { numeric: true })).toBe(
        'tcp        0      0 127.0.0.1:22            127.0.0.2:54321         UNKNOWN    ',
      );
    }
  });

  it('escapes control characters in program names (CVE-2024-58251)', () => {
    expect(programText({ pid: 342, command: 'ev\u001b[31mil\nname' })).toBe('342/ev\\x1B[31mil');
    expect(programText({ pid: 1, command: 'a\u0085b\u007f' })).toBe('1/a\\x85b\\x7F');
    // already escaped by procnet-reader: unchanged
    expect(programText({ pid: 1, command: 'ev\\x1B' })).toBe('1/ev\\x1B');
  });

  it('keeps spaces in UNIX paths', () => {
    const unix = loadCase('unix').unix;
    const text = formatUnixTable(unix, { all: true });
    expect(text).toContain(' /tmp/demo/with space.sock\n');
  });
});

describe('-p column', () => {
  const [s] = tcp(
    '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 20 4 30 10 -1',
  );
  it('prints pid/program cut to 19 characters, padded to 20', () => {
    const row = formatInetRow(
      s!,
      { numeric: true, listening: true, program: true },
      {
        processes: (ino) =>
          ino === '4242' ? { pid: 459, fd: 3, command: 'a-really-long-program' } : undefined,
      },
    );
    expect(row.endsWith('LISTEN      459/a-really-long-p ')).toBe(true);
  });
  it('prints - when nobody owns the inode', () => {
    const row = formatInetRow(s!, { numeric: true, program: true }, { processes: () => undefined });
    expect(row.endsWith('LISTEN      -                   ')).toBe(true);
  });
  it('never cuts a multi-byte character in half', () => {
    expect(programText({ pid: 12345, command: 'ééééééééééé' })).toBe('12345/éééééé');
  });
});

describe('address column', () => {
  it('cuts host and port to 23 characters without -W', () => {
    expect(addressColumn('economy.canonical.example.com', 'http', false)).toBe(
      'economy.canonical.:http',
    );
    expect(addressColumn('198.51.100.123', 'clc-build-daemon', false)).toBe(
      '198.51:clc-build-daemon',
    );
    expect(addressColumn('1.2.3.4', 'a-really-long-service-name', false)).toBe(
      '1.2.:a-really-long-serv',
    );
    expect(addressColumn('economy.canonical.example.com', 'http', true)).toBe(
      'economy.canonical.example.com:http',
    );
  });
});

describe('timers', () => {
  it('formats TCP timers with clock ticks and UDP with 100', () => {
    const base = { retransmits: 2, timeout: 1 };
    expect(timerText({ ...base, protocol: 'tcp', timerCode: 1, timerTicks: 250 })).toBe(
      'on (2.50/2/1)',
    );
    expect(
      timerText({ ...base, protocol: 'tcp', timerCode: 1, timerTicks: 250 }, { clockTicks: 1000 }),
    ).toBe('on (0.25/2/1)');
    expect(
      timerText({ ...base, protocol: 'udp', timerCode: 2, timerTicks: 250 }, { clockTicks: 1000 }),
    ).toBe('on2 (2.50/0/1)'); // netstat: retr = 0 for UDP
    expect(timerText({ ...base, protocol: 'tcp', timerCode: 0, timerTicks: 99 })).toBe(
      'off (0.00/2/1)',
    );
    expect(timerText({ ...base, protocol: 'tcp', timerCode: 9, timerTicks: 1 })).toBe(
      'unkn-9 (0.01/2/1)',
    );
  });
});

describe('resolvers', () => {
  it('hosts: first line wins, IPv6 compared by value', () => {
    const hosts = hostsResolverFromEntries(
      parseHosts(
        '# c\n127.0.0.1 localhost lh\n127.0.0.1 other\n2001:0db8:0:0::5 v6host # x\nbad line\n',
      ),
    );
    expect(hosts('127.0.0.1', 4)).toBe('localhost');
    expect(hosts('2001:db8::5', 6)).toBe('v6host');
    expect(hosts('10.0.0.1', 4)).toBeUndefined();
    expect(parseHosts('::ffff:1.2.3.4 mapped\n')[0]).toMatchObject({ family: 6, name: 'mapped' });
  });
  it('protocols: last entry wins like netstat, first on request', () => {
    const text = 'ip 0 IP\nhopopt 0 HOPOPT\nicmp 1 ICMP\n';
    expect(protocolsResolverFromEntries(parseProtocols(text))(0)).toBe('hopopt');
    expect(protocolsResolverFromEntries(parseProtocols(text), { match: 'first' })(0)).toBe('ip');
  });
  it('networks: short numbers are padded like glibc', () => {
    const networks = networksResolverFromEntries(
      parseNetworks('loopback 127\nlink-local 169.254.0.0\n'),
    );
    expect(networks('127.0.0.0')).toBe('loopback');
    expect(networks('169.254.0.0')).toBe('link-local');
  });
  it('users: first line for a uid wins', () => {
    const users = parsePasswd('root:x:0:0::/:/bin/sh\ntoor:x:0:0::/:/bin/sh\n');
    expect(users.get(0)).toBe('root');
    expect(users.get(1)).toBeUndefined();
  });
  it('does not resolve IPv4-mapped addresses or wildcards', () => {
    const zoo = loadCase('zoo').inet;
    const calls: string[] = [];
    formatInetTable(
      zoo,
      { all: true },
      {
        hosts: (a) => {
          calls.push(a);
          return 'x';
        },
      },
    );
    expect(calls).not.toContain('::ffff:127.0.0.1');
    expect(calls).not.toContain('0.0.0.0');
    expect(calls).not.toContain('::');
  });
});

describe('formatReport', () => {
  it('dispatches by mode and refuses what it does not render', () => {
    const c = loadCase('route');
    expect(formatReport('route', c, { numeric: true })).toMatch(/^Kernel IP routing table\n/);
    expect(() => formatReport('masquerade', c, {})).toThrow(/masquerade/);
  });
  it('knows which -s families netstat refuses', () => {
    expect(statisticsFamilyError({})).toBeUndefined();
    expect(statisticsFamilyError({ inet6: true })).toBeUndefined();
    expect(statisticsFamilyError({ inet4: true, inet6: true })).toBe(
      'netstat: No statistics support for specified address family: inet,inet6',
    );
    expect(statisticsFamilyError({ unix: true })).toBe(
      'netstat: No statistics support for specified address family: unix',
    );
  });
});

describe('inetNtop6', () => {
  it('writes IPv6 as glibc inet_ntop does', async () => {
    const { inetNtop6 } = await import('../src/index.js');
    expect(inetNtop6('::a00:1')).toBe('::10.0.0.1');
    expect(inetNtop6('::ffff:ffff')).toBe('::255.255.255.255');
    expect(inetNtop6('::1')).toBe('::1');
    expect(inetNtop6('::')).toBe('::');
    expect(inetNtop6('::1:0')).toBe('::0.1.0.0');
    expect(inetNtop6('::ffff:0:a00:1')).toBe('::ffff:0:a00:1');
    expect(inetNtop6('fe80::1')).toBe('fe80::1');
  });
});
