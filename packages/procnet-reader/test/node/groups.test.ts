// readGroups: /proc/net/igmp and igmp6 of a root (live, a fixture tree, a
// root missing one or both files, a root that cannot be read).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { ProcNetReadError, parseIgmp, parseIgmp6, readGroups } from '../../src/node.js';

const fixtures = fileURLToPath(
  new URL('../../../socket-formatter/test/fixtures/groups', import.meta.url),
);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('readGroups', () => {
  test('reads both files of a root, IPv4 first, naming each file as the source', async () => {
    const groups = await readGroups({ root: fixtures, endianness: 'little' });
    const v4 = parseIgmp(readFileSync(join(fixtures, 'net/igmp'), 'latin1'));
    const v6 = parseIgmp6(readFileSync(join(fixtures, 'net/igmp6'), 'latin1'));
    expect(groups).toEqual([...v4, ...v6]);
    expect(groups.filter((g) => g.family === 4)).toHaveLength(4);
  });

  test('the live tables parse without issues', async () => {
    const issues: unknown[] = [];
    const groups = await readGroups({ onInvalidLine: (i) => issues.push(i) });
    expect(issues).toEqual([]);
    for (const g of groups) expect(g.iface).not.toBe('');
  });

  test('a missing file contributes nothing; a bad line names its file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'groups-'));
    dirs.push(root);
    mkdirSync(join(root, 'net'));
    expect(await readGroups({ root })).toEqual([]);
    writeFileSync(join(root, 'net/igmp6'), '1 lo nothex 1 0 0\n');
    await expect(readGroups({ root })).rejects.toThrow(`${root}/net/igmp6:1: expected`);
    expect(await readGroups({ root, onInvalidLine: 'skip' })).toEqual([]);
  });

  test('an unreadable file rejects with ProcNetReadError naming the path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'groups-'));
    dirs.push(root);
    mkdirSync(join(root, 'net/igmp'), { recursive: true }); // a directory, not a file
    const error = await readGroups({ root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcNetReadError);
    expect((error as ProcNetReadError).path).toBe(`${root}/net/igmp`);
  });
});
