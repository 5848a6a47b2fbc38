import { describe, expect, it } from 'vitest';
import { parseServices, type ServicesIssue, ServicesParseError } from '../src/index.js';
import { ERROR_CASES, VALID_CASES } from './cases.js';

describe('parseServices: valid lines', () => {
  const cases = VALID_CASES;
  it.each(cases)('%s', (_label, line, expected) => {
    const got = parseServices(`${line}\n`);
    if (expected === null) expect(got).toEqual([]);
    else expect(got).toEqual([{ ...expected, line: 1 }]);
  });

  it('numbers lines from 1, counting blank and comment lines, with or without CRLF', () => {
    const text = '# head\r\n\r\nssh 22/tcp\r\n  \r\nhttp 80/tcp www\r\nlast 1/udp';
    expect(parseServices(text).map((e) => [e.name, e.line, e.aliases])).toEqual([
      ['ssh', 3, []],
      ['http', 5, ['www']],
      ['last', 6, []],
    ]);
  });

  it('returns [] for empty input', () => {
    expect(parseServices('')).toEqual([]);
  });
});

describe('parseServices: one case per error branch', () => {
  const cases = ERROR_CASES;
  it.each(cases)('%s: throws %s by default', (_label, line, code, expected) => {
    const text = `ok 1/tcp\n${line}\r\nok 2/tcp\n`;
    let caught: unknown;
    try {
      parseServices(text, { source: 'test-services' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ServicesParseError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as ServicesParseError;
    expect(err.name).toBe('ServicesParseError');
    expect(err.code).toBe(code);
    expect(err.source).toBe('test-services');
    expect(err.line).toBe(2);
    expect(err.raw).toBe(line);
    expect(err.expected).toContain(expected);
    expect(err.message).toBe(
      `test-services:2: expected ${err.expected}, got ${JSON.stringify(line)}`,
    );
  });

  it.each(cases)('%s: skipped with onInvalidLine "skip"', (_label, line) => {
    const got = parseServices(`ok 1/tcp\n${line}\nok 2/tcp\n`, { onInvalidLine: 'skip' });
    expect(got.map((e) => [e.port, e.line])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  it.each(cases)('%s: reported to a callback, parsing goes on', (_label, line, code) => {
    const issues: ServicesIssue[] = [];
    const got = parseServices(`${line}\nok 2/tcp\n${line}\n`, {
      onInvalidLine: (issue) => issues.push(issue),
    });
    expect(got.map((e) => e.line)).toEqual([2]);
    expect(issues.map((i) => [i.code, i.line, i.raw, i.source])).toEqual([
      [code, 1, line, '<input>'],
      [code, 3, line, '<input>'],
    ]);
    expect(issues[0]?.message).toMatch(/^<input>:1: expected /);
  });

  it('toIssue() gives the same data as the callback', () => {
    let fromCallback: ServicesIssue | undefined;
    parseServices('bad\n', { onInvalidLine: (i) => (fromCallback = i) });
    expect(() => parseServices('bad\n')).toThrow(ServicesParseError);
    try {
      parseServices('bad\n');
    } catch (err) {
      expect((err as ServicesParseError).toIssue()).toEqual(fromCallback);
    }
  });

  it('rejects an unknown onInvalidLine value up front', () => {
    // @ts-expect-error: not a valid mode
    expect(() => parseServices('ok 1/tcp\n', { onInvalidLine: 'warn' })).toThrow(TypeError);
  });

  it('quotes at most 200 characters of a huge bad line', () => {
    const line = `foo ${'9'.repeat(10_000)}`;
    expect(() => parseServices(line)).toThrow(/"foo 9{196}\.\.\."$/);
  });
});
