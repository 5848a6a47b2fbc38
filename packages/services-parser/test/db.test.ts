import { describe, expect, it } from 'vitest';
import { classifyPort, createServicesDb, parseServices } from '../src/index.js';

// The duplicate case of NETSTAT-FACTS item 34: `getent services 8765` and `ss` show first-name,
// `netstat -lt` shows second-name.
const TEXT = [
  'first-name 8765/tcp alias-one alias-two',
  'second-name 8765/tcp alias-two',
  'other 8765/udp',
  'dual 53/udp',
  'dual 53/tcp',
  '',
].join('\n');

describe('createServicesDb', () => {
  const entries = parseServices(TEXT);
  const first = createServicesDb(entries);
  const last = createServicesDb(entries, { match: 'last' });

  it('defaults to the glibc rule: first matching line', () => {
    expect(first.match).toBe('first');
    expect(first.byPort(8765, 'tcp')?.name).toBe('first-name');
    expect(first.byPort(8765)?.name).toBe('first-name');
    expect(first.byName('alias-two')?.name).toBe('first-name');
    expect(first.byPort(53)?.protocol).toBe('udp');
    expect(first.byName('dual')?.protocol).toBe('udp');
  });

  it("match 'last' is the net-tools netstat rule: last matching line", () => {
    expect(last.match).toBe('last');
    expect(last.byPort(8765, 'tcp')?.name).toBe('second-name');
    expect(last.byPort(8765)?.name).toBe('other');
    expect(last.byName('alias-two')?.name).toBe('second-name');
    expect(last.byName('alias-one')?.name).toBe('first-name');
    expect(last.byPort(53)?.protocol).toBe('tcp');
  });

  it('restricts to a protocol when given one, case-sensitively', () => {
    expect(first.byPort(8765, 'udp')?.name).toBe('other');
    expect(first.byName('dual', 'tcp')?.line).toBe(5);
    expect(first.byPort(8765, 'TCP')).toBeUndefined();
    expect(first.byPort(8765, 'sctp')).toBeUndefined();
    expect(first.byName('other', 'tcp')).toBeUndefined();
    expect(first.byName('FIRST-NAME')).toBeUndefined();
  });

  it('handles a key with many protocols and duplicates within each', () => {
    const many = parseServices(
      ['m 7/tcp', 'm 7/udp', 'm 7/sctp', 'm 7/ddp', 'm2 7/sctp', 'm2 7/udp', 'm2 7/ddp', ''].join(
        '\n',
      ),
    );
    const f = createServicesDb(many);
    const l = createServicesDb(many, { match: 'last' });
    for (const [protocol, firstLine, lastLine] of [
      ['tcp', 1, 1],
      ['udp', 2, 6],
      ['sctp', 3, 5],
      ['ddp', 4, 7],
    ] as const) {
      expect(f.byPort(7, protocol)?.line).toBe(firstLine);
      expect(l.byPort(7, protocol)?.line).toBe(lastLine);
      expect(f.byName('m', protocol)?.line).toBe(firstLine);
      expect(l.byName('m', protocol)?.line).toBe(firstLine);
    }
    expect(f.byName('m2', 'tcp')).toBeUndefined();
    expect(l.byName('m2', 'ddp')?.line).toBe(7);
    expect(f.byPort(7, 'dccp')).toBeUndefined();
    expect(f.byPort(7)?.line).toBe(1);
    expect(l.byPort(7)?.line).toBe(7);
  });

  it('misses return undefined', () => {
    expect(first.byPort(1)).toBeUndefined();
    expect(first.byPort(8765.5)).toBeUndefined();
    expect(first.byName('nope')).toBeUndefined();
  });

  it('allByPort lists every line for a port in file order', () => {
    expect(first.allByPort(8765).map((e) => e.name)).toEqual([
      'first-name',
      'second-name',
      'other',
    ]);
    expect(last.allByPort(8765, 'tcp').map((e) => e.line)).toEqual([1, 2]);
    expect(first.allByPort(9)).toEqual([]);
  });

  it('keeps the entries and lists protocols', () => {
    expect(first.entries).toBe(entries);
    expect(first.protocols).toEqual(['tcp', 'udp']);
  });

  it('rejects an unknown match rule', () => {
    // @ts-expect-error: not a valid rule
    expect(() => createServicesDb([], { match: 'middle' })).toThrow(TypeError);
  });
});

describe('classifyPort', () => {
  it.each([
    [0, 'well-known'],
    [22, 'well-known'],
    [1023, 'well-known'],
    [1024, 'registered'],
    [8080, 'registered'],
    [49151, 'registered'],
    [49152, 'dynamic'],
    [65535, 'dynamic'],
  ] as const)('%i is %s', (port, expected) => {
    expect(classifyPort(port)).toBe(expected);
  });

  it.each([-1, 65536, 1.5, Number.NaN])('rejects %s', (port) => {
    expect(() => classifyPort(port)).toThrow(RangeError);
  });
});
