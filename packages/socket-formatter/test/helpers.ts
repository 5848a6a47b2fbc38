// Shared test helpers: load a fixture case (parsed with the real
// procnet-reader parsers) and the controlled /etc files the goldens used.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type GroupMembership,
  type InetSocket,
  type InetTableName,
  type InterfaceCounters,
  type Ipv4Route,
  type Ipv6Route,
  type ProtocolStatistics,
  parseHosts,
  parseIgmp,
  parseIgmp6,
  parseNetworks,
  parsePasswd,
  parseProcNet,
  parseProtocols,
  type UnixSocket,
} from '@netintro/procnet-reader';
import { createServicesDb, parseServices } from '@netintro/services-parser';
import {
  hostsResolverFromEntries,
  networksResolverFromEntries,
  protocolsResolverFromEntries,
  type Resolvers,
  servicesResolverFromDb,
} from '../src/index.js';

export const TEST_DIR = import.meta.dirname;
export const FIXTURES = join(TEST_DIR, 'fixtures');
export const GOLDEN = join(TEST_DIR, 'golden');

const INET: InetTableName[] = ['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6'];

export interface LoadedCase {
  inet: InetSocket[];
  unix: UnixSocket[];
  route: Ipv4Route[];
  ipv6Route: Ipv6Route[];
  dev: InterfaceCounters[];
  snmp: ProtocolStatistics;
  netstat: ProtocolStatistics;
  snmp6: ProtocolStatistics;
  groups: GroupMembership[];
  dir: string;
}

export function loadCase(name: string): LoadedCase {
  const dir = join(FIXTURES, name, 'net');
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
  const inet = INET.flatMap((t) => parseProcNet(t, read(t)));
  const unix = parseProcNet('unix', read('unix'));
  const route = parseProcNet('route', read('route'));
  const ipv6Route = parseProcNet('ipv6_route', read('ipv6_route'));
  const dev = parseProcNet('dev', read('dev'));
  const snmp = parseProcNet('snmp', read('snmp'));
  const netstat = parseProcNet('netstat', read('netstat'));
  const snmp6 = parseProcNet('snmp6', read('snmp6'));
  const groups = [...parseIgmp(read('igmp')), ...parseIgmp6(read('igmp6'))];
  return { inet, unix, route, ipv6Route, dev, snmp, netstat, snmp6, groups, dir };
}

/** Resolvers built from test/fixtures/etc, the files make-goldens.sh bind-mounts. */
export function etcResolvers(): Resolvers {
  const etc = (f: string) => readFileSync(join(FIXTURES, 'etc', f), 'utf8');
  const db = createServicesDb(parseServices(etc('services')), { match: 'last' });
  const users = parsePasswd(etc('passwd'), { onInvalidLine: 'skip' });
  return {
    hosts: hostsResolverFromEntries(parseHosts(etc('hosts'))),
    services: servicesResolverFromDb(db),
    protocols: protocolsResolverFromEntries(parseProtocols(etc('protocols'))),
    users: (uid) => users.get(uid),
    networks: networksResolverFromEntries(parseNetworks(etc('networks'))),
    processes: () => undefined,
  };
}

export interface GoldenCase {
  caseName: string;
  flags: string;
  file: string;
}

export function goldenMatrix(): GoldenCase[] {
  return readFileSync(join(GOLDEN, 'matrix.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [caseName, ...flags] = l.trim().split(/\s+/);
      const f = flags.join(' ');
      return {
        caseName: caseName!,
        flags: f,
        file: join(GOLDEN, caseName!, `netstat_${flags.join('_')}.txt`),
      };
    });
}
