/**
 * Seed texts for the mutators: the fixture trees committed in the repo and,
 * when readable, this machine's own /proc/net tables and /etc/services.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROC_NET_TABLES, type ProcNetTableName } from '@netintro/procnet-reader';

const repo = join(import.meta.dirname, '../../..');

const read = (path: string): string | undefined => {
  try {
    return existsSync(path) ? readFileSync(path, 'latin1') : undefined;
  } catch {
    return undefined;
  }
};

/** Up to `max` lines of a text, header kept: mutations stay fast. */
const head = (text: string, max: number): string => text.split('\n').slice(0, max).join('\n');

/** Every /proc/net table the parsers read: the package's own list. */
export const TABLES: readonly ProcNetTableName[] = PROC_NET_TABLES;
export type Table = ProcNetTableName;

/** Seeds per table: the zoo fixture, the live table, the formatter's fixtures. */
export function tableSeeds(table: Table): string[] {
  const dirs = [
    join(repo, 'packages/procnet-reader/fixtures/zoo/proc/net'),
    '/proc/net',
    ...['zoo', 'live', 'odd', 'unix', 'route', 'stats-all', 'iface'].map((c) =>
      join(repo, 'packages/socket-formatter/test/fixtures', c, 'net'),
    ),
  ];
  const seeds = dirs
    .map((d) => read(join(d, table)))
    .filter((t): t is string => t !== undefined && t.trim() !== '')
    .map((t) => head(t, 12));
  return seeds.length > 0 ? seeds : [''];
}

export function servicesSeeds(): string[] {
  return [
    read(join(repo, 'packages/socket-formatter/test/fixtures/etc/services')),
    read('/etc/services'),
  ]
    .filter((t): t is string => t !== undefined)
    .flatMap((t) => {
      // Windows of 15 lines from all over the file.
      const lines = t.split('\n');
      const out: string[] = [];
      for (let i = 0; i < lines.length; i += 15) out.push(lines.slice(i, i + 15).join('\n'));
      return out;
    });
}

export function etcSeed(name: 'hosts' | 'networks' | 'igmp' | 'igmp6'): string {
  const fixture =
    name === 'igmp' || name === 'igmp6'
      ? read(join(repo, 'packages/socket-formatter/test/fixtures/groups/net', name))
      : read(join(repo, 'packages/socket-formatter/test/fixtures/etc', name));
  return fixture ?? read(`/proc/net/${name}`) ?? '';
}
