import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatServices, parseServices, type ServiceEntry } from '../src/index.js';

const base: ServiceEntry = { name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], line: 1 };

describe('formatServices', () => {
  it('writes aligned services(5) lines', () => {
    expect(
      formatServices([
        { ...base, comment: 'Web' },
        { name: 'ssh', port: 22, protocol: 'tcp', aliases: [], line: 2 },
        { name: 'a-very-long-service-name', port: 1, protocol: 'udp', aliases: [], line: 3 },
      ]),
    ).toBe(
      'http            80/tcp          www # Web\n' +
        'ssh             22/tcp\n' +
        'a-very-long-service-name 1/udp\n',
    );
  });

  it('writes a header as comment lines, which parsing ignores', () => {
    const text = formatServices([base], { header: 'Local\n\nservices' });
    expect(text).toBe('# Local\n#\n# services\nhttp            80/tcp          www\n');
    expect(parseServices(text)).toEqual([{ ...base, line: 4 }]);
  });

  it.each([
    ['empty name', { name: '' }],
    ['name with a space', { name: 'a b' }],
    ['name with #', { name: 'a#b' }],
    ['name with NUL', { name: 'a\0' }],
    ['port above 65535', { port: 65536 }],
    ['negative port', { port: -1 }],
    ['fractional port', { port: 1.5 }],
    ['empty protocol', { protocol: '' }],
    ['protocol starting with /', { protocol: '/tcp' }],
    ['protocol with a tab', { protocol: 't\tcp' }],
    ['empty alias', { aliases: [''] }],
    ['alias with a CR', { aliases: ['w\rw'] }],
    ['comment with a line break', { comment: 'a\nb' }],
  ] as [string, Partial<ServiceEntry>][])('rejects %s', (_label, change) => {
    expect(() => formatServices([{ ...base, ...change }])).toThrow(TypeError);
  });
});

// Tokens as services(5) can hold them: no white space, '#' or NUL; protocols not starting
// with '/'. Mixed ASCII and other characters to stress the scanner.
const tokenChar = fc.oneof(
  fc.constantFrom(...'abcxyzABZ019-_./:+@'.split('')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const token = fc
  .array(tokenChar, { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''))
  .filter((t) => !/[\s\0#]/.test(t) && !/[\t\n\v\f\r ]/.test(t));
const protocol = token.filter((t) => !t.startsWith('/'));
const comment = fc
  .string({ maxLength: 30 })
  .map((s) => s.replace(/[\n]/g, ' ').replace(/^[\t\v\f\r ]+|[\t\v\f\r ]+$/g, ''))
  .filter((s) => s !== '');
const serviceEntry = fc.record(
  {
    name: token,
    port: fc.integer({ min: 0, max: 65535 }),
    protocol,
    aliases: fc.array(token, { maxLength: 4 }),
    comment,
  },
  { requiredKeys: ['name', 'port', 'protocol', 'aliases'] },
);

describe('properties', () => {
  test.prop([fc.array(serviceEntry, { maxLength: 20 })])(
    'parseServices(formatServices(entries)) gives the entries back',
    (list) => {
      const entries: ServiceEntry[] = list.map((e, i) => ({ ...e, line: i + 1 }));
      expect(parseServices(formatServices(entries))).toEqual(entries);
    },
  );

  const anyText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc
      .array(
        fc.constantFrom('a', ' ', '\t', '\n', '\r', '#', '/', '0', '7', 'x', '-', '+', '\0', '9'),
        {
          maxLength: 200,
        },
      )
      .map((cs) => cs.join('')),
  );

  test.prop([anyText])("onInvalidLine 'skip' never throws on arbitrary text", (text) => {
    const entries = parseServices(text, { onInvalidLine: 'skip' });
    for (const e of entries) {
      expect(Number.isInteger(e.port) && e.port >= 0 && e.port <= 65535).toBe(true);
      expect(e.name).not.toBe('');
      expect(e.protocol).not.toBe('');
    }
  });

  test.prop([anyText])('skip, callback and throw modes agree on valid lines', (text) => {
    const issues: number[] = [];
    const skipped = parseServices(text, { onInvalidLine: 'skip' });
    const collected = parseServices(text, { onInvalidLine: (i) => issues.push(i.line) });
    expect(collected).toEqual(skipped);
    if (issues.length === 0) expect(parseServices(text)).toEqual(skipped);
    else expect(() => parseServices(text)).toThrow();
    // No line is both an entry and an issue.
    const lines = new Set(skipped.map((e) => e.line));
    expect(issues.filter((l) => lines.has(l))).toEqual([]);
  });

  test.prop([fc.array(serviceEntry, { maxLength: 10 })])(
    'formatting parsed text is stable (format . parse . format = format)',
    (list) => {
      const entries: ServiceEntry[] = list.map((e, i) => ({ ...e, line: i + 1 }));
      const once = formatServices(entries);
      expect(formatServices(parseServices(once))).toBe(once);
    },
  );
});
