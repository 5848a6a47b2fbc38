// The published JSON Schema files (schemas/*.json) against real documents:
// this machine's /proc read by procnet-reader, and the fixture cases, with
// and without parser internals. ajv validates; every field must say what
// it is (a description), and the version constants match the files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIfInet6 } from '@netintro/procnet-reader';
import {
  readGroups,
  readInterfaceDetails,
  readInterfaceSysfs,
  readInterfaces,
  readRoutes,
  readStatistics,
} from '@netintro/procnet-reader/node';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import {
  GROUPS_JSON_VERSION,
  groupsJson,
  INTERFACES_JSON_VERSION,
  interfaceDetailsJson,
  interfaceStateFromSysfs,
  interfacesJson,
  ROUTES_JSON_VERSION,
  routesJson,
  SOCKETS_JSON_SCHEMA,
  SOCKETS_JSON_VERSION,
  STATISTICS_JSON_VERSION,
  socketsJson,
  statisticsJson,
} from '../src/index.js';
import { etcResolvers, FIXTURES, loadCase } from './helpers.js';

const schema = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../schemas', name), 'utf8'));
const compiled = new Map<string, ReturnType<Ajv2020['compile']>>();
const ajv = new Ajv2020({ allErrors: true, strict: true });
function validator(name: string): ReturnType<Ajv2020['compile']> {
  const known = compiled.get(name);
  if (known) return known;
  const v = ajv.compile(schema(name));
  compiled.set(name, v);
  return v;
}

function expectValid(validate: ReturnType<typeof validator>, doc: unknown): void {
  const ok = validate(JSON.parse(JSON.stringify(doc)));
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
  expect(ok).toBe(true);
}

/** Every schema that describes a value (a property, an item, a map value) has a description. */
function undescribed(node: unknown, path: string, out: string[]): string[] {
  if (typeof node !== 'object' || node === null) return out;
  const n = node as Record<string, unknown>;
  for (const [key, sub] of Object.entries((n.properties as object) ?? {})) {
    if (typeof (sub as { description?: unknown }).description !== 'string')
      out.push(`${path}.${key}`);
    undescribed(sub, `${path}.${key}`, out);
  }
  for (const alt of [...((n.oneOf as unknown[]) ?? []), ...((n.anyOf as unknown[]) ?? [])]) {
    undescribed(alt, `${path}|`, out);
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const sub = n[key];
    if (typeof sub === 'object' && sub !== null) {
      if (typeof (sub as { description?: unknown }).description !== 'string')
        out.push(`${path}[${key}]`);
      undescribed(sub, `${path}[${key}]`, out);
    }
  }
  return out;
}

const FILES = {
  'sockets-v1.json': SOCKETS_JSON_VERSION,
  'routes-v1.json': ROUTES_JSON_VERSION,
  'interfaces-v1.json': INTERFACES_JSON_VERSION,
  'interface-details-v1.json': INTERFACES_JSON_VERSION,
  'statistics-v1.json': STATISTICS_JSON_VERSION,
  'groups-v1.json': GROUPS_JSON_VERSION,
};

describe('schema files', () => {
  it.each(Object.entries(FILES))(
    '%s: every field described, version constant matches',
    (name, version) => {
      const s = schema(name);
      expect(undescribed(s, '$', [])).toEqual([]);
      expect(s.properties.version.const).toBe(version);
      expect(s.$id.endsWith(`/${name}`)).toBe(true);
    },
  );

  it('sockets-v1.json is SOCKETS_JSON_SCHEMA (regenerate: node scripts/write-sockets-schema.mjs after a build)', () => {
    expect(schema('sockets-v1.json')).toEqual(JSON.parse(JSON.stringify(SOCKETS_JSON_SCHEMA)));
  });

  it('are published: in files and exports', () => {
    expect(pkg.files).toContain('schemas');
    expect(pkg.exports['./schemas/*.json']).toBe('./schemas/*.json');
    expect(pkg.publishConfig.exports['./schemas/*.json']).toBe('./schemas/*.json');
  });

  it('reject what they must (a document is not valid by accident)', () => {
    const routes = validator('routes-v1.json');
    expect(routes({ version: 2, routes: {} })).toBe(false);
    expect(routes({ version: 1, routes: { ipv4: [{ iface: 'lo' }] } })).toBe(false);
    expect(groupsJson([]).groups).toEqual([]);
    expect(validator('groups-v1.json')({ version: 1, groups: [{ family: 5 }] })).toBe(false);
  });
});

describe('real documents validate', () => {
  for (const internals of [false, true]) {
    const options = { internals };
    it(`routes, this machine and the fixtures (internals: ${internals})`, async () => {
      const validate = validator('routes-v1.json');
      const live = await readRoutes();
      expectValid(validate, routesJson(live, options));
      const c = loadCase('route');
      const doc = routesJson({ ipv4: c.route, ipv6: c.ipv6Route }, options);
      expect(doc.routes.ipv4?.length).toBeGreaterThan(0);
      expect(doc.routes.ipv4?.[0]?.line !== undefined).toBe(internals);
      expectValid(validate, doc);
    });

    it(`interfaces -i and -ie, this machine (internals: ${internals})`, async () => {
      const counters = await readInterfaces();
      const state = (name: string) => {
        const sys = readInterfaceSysfs(name);
        return sys && interfaceStateFromSysfs(sys);
      };
      const doc = interfacesJson(counters, state, options);
      expect(doc.interfaces.some((i) => i.mtu !== undefined)).toBe(true);
      expectValid(validator('interfaces-v1.json'), doc);
      const { interfaces, ipv6 } = readInterfaceDetails();
      const details = interfaceDetailsJson(interfaces, ipv6, options);
      expectValid(validator('interface-details-v1.json'), details);
      const fixtureV6 = parseIfInet6(readFileSync(join(FIXTURES, 'ifdetail/net/if_inet6'), 'utf8'));
      expectValid(
        validator('interface-details-v1.json'),
        interfaceDetailsJson([], fixtureV6, options),
      );
    });

    it(`groups, this machine and the fixture (internals: ${internals})`, async () => {
      const validate = validator('groups-v1.json');
      expectValid(validate, groupsJson(await readGroups(), options));
      const doc = groupsJson(loadCase('groups').groups, options);
      expect(doc.groups).toHaveLength(16);
      expect('line' in doc.groups[0]!).toBe(internals);
      expectValid(validate, doc);
    });
  }

  it('statistics, this machine and the fixture', async () => {
    const validate = validator('statistics-v1.json');
    expectValid(validate, statisticsJson(await readStatistics()));
    expectValid(validate, statisticsJson(loadCase('stats')));
    expect(
      validate({ version: 1, statistics: { snmp: { Tcp: { x: 'y' } }, netstat: {}, snmp6: {} } }),
    ).toBe(false);
  });

  it('sockets: SOCKETS_JSON_SCHEMA, internals only when asked for', () => {
    const validate = new Ajv2020({ strict: false }).compile(SOCKETS_JSON_SCHEMA);
    const input = { inet: loadCase('zoo').inet, unix: loadCase('unix').unix };
    const plain = socketsJson(input, { all: true }, etcResolvers());
    expectValid(validate, plain);
    for (const s of plain.sockets) {
      expect(s).not.toHaveProperty('line');
      expect(s).not.toHaveProperty(s.kind === 'unix' ? 'pointer' : 'slot');
    }
    const full = socketsJson(input, { all: true }, etcResolvers(), { internals: true });
    expectValid(validate, full);
    expect(full.sockets.every((s) => typeof s.line === 'number')).toBe(true);
  });
});
