import { describe, expect, it } from 'vitest';
import {
  formatNetstat,
  type InetSocketJson,
  SOCKETS_JSON_SCHEMA,
  socketsJson,
  toJson,
} from '../src/index.js';
import { etcResolvers, loadCase } from './helpers.js';

const resolvers = etcResolvers();

describe('JSON form', () => {
  const zoo = loadCase('zoo');
  const unix = loadCase('unix');
  const input = { inet: zoo.inet, unix: unix.unix };

  it('has one object per row the table shows, in the same order', () => {
    for (const flags of [{ all: true }, { listening: true }, {}, { tcp: true, inet6: true }]) {
      const table = formatNetstat(input, flags, resolvers)
        .split('\n')
        .filter((l) => /^(tcp|udp|raw|unix)/.test(l));
      const doc = socketsJson(input, flags, resolvers);
      expect(doc.sockets).toHaveLength(table.length);
      doc.sockets.forEach((s, i) => {
        expect(table[i]!.startsWith(s.kind === 'unix' ? 'unix' : s.table.replace('lite', 'l')));
      });
    }
  });

  it('keeps every record field but the parser internals, and adds resolved names', () => {
    const doc = socketsJson(input, { all: true, tcp: true }, resolvers);
    const first = doc.sockets[0] as InetSocketJson;
    const record = zoo.inet[0]!;
    for (const key of Object.keys(record)) {
      if (['slot', 'line', 'pointer'].includes(key)) expect(first).not.toHaveProperty(key);
      else expect(first).toHaveProperty(key);
    }
    const full = socketsJson(input, { all: true, tcp: true }, resolvers, { internals: true });
    for (const key of Object.keys(record)) expect(full.sockets[0]).toHaveProperty(key);
    expect(first).toMatchObject({
      kind: 'inet',
      server: true,
      user: 'root',
      local: { address: '0.0.0.0', port: 22, service: 'ssh' },
    });
    expect(first.local.host).toBeUndefined();
    const mapped = doc.sockets.find(
      (s) => s.kind === 'inet' && s.local.address === '::ffff:127.0.0.1',
    ) as InetSocketJson;
    expect(mapped.local.host).toBeUndefined();
    expect(mapped.local.service).toBe('https');
  });

  it('leaves names out with -n', () => {
    const doc = socketsJson(input, { all: true, tcp: true, numeric: true }, resolvers);
    for (const s of doc.sockets as InetSocketJson[]) {
      expect(s.local.host).toBeUndefined();
      expect(s.local.service).toBeUndefined();
      expect(s.user).toBeUndefined();
    }
  });

  it('matches the documented schema (required keys and kinds)', () => {
    const doc = JSON.parse(toJson(input, { all: true }, resolvers));
    expect(doc.version).toBe(SOCKETS_JSON_SCHEMA.properties.version.const);
    const [inetSchema, unixSchema] = SOCKETS_JSON_SCHEMA.properties.sockets.items.oneOf;
    for (const s of doc.sockets) {
      const schema = s.kind === 'inet' ? inetSchema : unixSchema;
      for (const key of schema.required) expect(s, `${s.kind} ${key}`).toHaveProperty(key);
      for (const key of Object.keys(s)) {
        expect(Object.keys(schema.properties), `${s.kind} has undocumented ${key}`).toContain(key);
      }
    }
    expect(doc.sockets.some((s: { kind: string }) => s.kind === 'unix')).toBe(true);
  });

  it('is stable text ending in a newline', () => {
    const a = toJson(input, { all: true }, resolvers);
    expect(a.endsWith('}\n')).toBe(true);
    expect(toJson(input, { all: true }, resolvers)).toBe(a);
  });
});
