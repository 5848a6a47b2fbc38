import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getDefaultServicesEntries } from '../src/default-db.js';
import { ServicesParseError } from '../src/index.js';
import {
  loadServicesDb,
  loadServicesDbSync,
  readServices,
  readServicesSync,
  ServicesReadError,
} from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'services-parser-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = join(dir, 'services');
writeFileSync(good, 'web 8081/tcp w # mine\nweb 8081/udp\nweb2 8081/tcp\n');
const bad = join(dir, 'bad-services');
writeFileSync(bad, 'ok 1/tcp\nbroken 99999/tcp\n');
const missing = join(dir, 'missing');

describe('readServices / readServicesSync', () => {
  it('read and parse a file', async () => {
    const expected = [
      { name: 'web', port: 8081, protocol: 'tcp', aliases: ['w'], comment: 'mine', line: 1 },
      { name: 'web', port: 8081, protocol: 'udp', aliases: [], line: 2 },
      { name: 'web2', port: 8081, protocol: 'tcp', aliases: [], line: 3 },
    ];
    expect(await readServices(good)).toEqual(expected);
    expect(readServicesSync(good)).toEqual(expected);
  });

  it('default to /etc/services', async () => {
    const read = await readServices().catch((err: unknown) => err);
    if (read instanceof ServicesReadError) expect(read.path).toBe('/etc/services');
    else expect(read).toEqual(readServicesSync('/etc/services'));
  });

  it('name the path in parse errors and honour onInvalidLine', async () => {
    await expect(readServices(bad)).rejects.toMatchObject({
      name: 'ServicesParseError',
      source: bad,
      line: 2,
      code: 'port-out-of-range',
    });
    expect(() => readServicesSync(bad)).toThrow(ServicesParseError);
    expect(readServicesSync(bad, { onInvalidLine: 'skip' })).toHaveLength(1);
    expect(() => readServicesSync(bad, { source: 'custom' })).toThrow(/^custom:2: /);
  });

  it.each([
    ['a missing file', missing, 'ENOENT', 'no such file or directory'],
    ['a directory', dir, 'EISDIR', 'is a directory'],
    ['a path under a file', join(good, 'x'), 'ENOTDIR', 'a parent is not a directory'],
  ])('throw ServicesReadError naming the path for %s', async (_label, path, code, words) => {
    const message = `cannot read services file ${path}: ${code} (${words})`;
    const asyncErr = await readServices(path).catch((err: unknown) => err);
    const syncErr = (() => {
      try {
        readServicesSync(path);
      } catch (err) {
        return err;
      }
    })();
    for (const err of [asyncErr, syncErr]) {
      expect(err).toBeInstanceOf(ServicesReadError);
      expect(err).toMatchObject({ name: 'ServicesReadError', path, code, message });
      expect((err as Error).cause).toBeInstanceOf(Error);
    }
  });
});

describe('loadServicesDb / loadServicesDbSync', () => {
  it('use the file when it exists', async () => {
    for (const loaded of [
      await loadServicesDb({ path: good }),
      loadServicesDbSync({ path: good }),
    ]) {
      expect(loaded.source).toBe(good);
      expect(loaded.fallback).toBe(false);
      expect(loaded.entries).toHaveLength(3);
      expect(loaded.db.byPort(8081, 'tcp')?.name).toBe('web');
    }
    const last = loadServicesDbSync({ path: good, match: 'last' });
    expect(last.db.byPort(8081, 'tcp')?.name).toBe('web2');
  });

  it('fall back to the embedded netbase database when the file is absent, and say so', async () => {
    for (const loaded of [
      await loadServicesDb({ path: missing }),
      loadServicesDbSync({ path: missing, match: 'last' }),
    ]) {
      expect(loaded.source).toBe('embedded');
      expect(loaded.fallback).toBe(true);
      expect(loaded.entries).toBe(getDefaultServicesEntries());
      expect(loaded.db.byPort(22, 'tcp')?.name).toBe('ssh');
    }
    expect(loadServicesDbSync({ path: missing, match: 'last' }).db.match).toBe('last');
  });

  it('do not hide a file that exists but cannot be read, nor a bad line', async () => {
    await expect(loadServicesDb({ path: dir })).rejects.toMatchObject({
      code: 'EISDIR',
      path: dir,
    });
    expect(() => loadServicesDbSync({ path: bad })).toThrow(ServicesParseError);
    expect(loadServicesDbSync({ path: bad, onInvalidLine: 'skip' }).entries).toHaveLength(1);
  });
});

describe('./node re-exports the root API', () => {
  it('every root export, the same value', async () => {
    const root = await import('../src/index.js');
    const node = await import('../src/node.js');
    const names = Object.keys(root);
    expect(names.length).toBeGreaterThan(4);
    for (const name of names) {
      expect(node[name as keyof typeof node], name).toBe(root[name as keyof typeof root]);
    }
  });
});
