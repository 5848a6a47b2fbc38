import { describe, expect, it } from 'vitest';
import {
  parseServices,
  type ServiceEntry,
  type ServicesIssue,
  type ServicesIssueCode,
  ServicesParseError,
} from '../src/index.js';

type Fields = Omit<ServiceEntry, 'line'>;
const entry = (name: string, port: number, protocol: string, aliases: string[] = []): Fields => ({
  name,
  port,
  protocol,
  aliases,
});

describe('parseServices: valid lines', () => {
  const cases: [string, string, Fields | null][] = [
    ['tabs, as netbase writes them', 'ssh\t\t22/tcp', entry('ssh', 22, 'tcp')],
    ['single spaces', 'clc-build-daemon 8990/tcp', entry('clc-build-daemon', 8990, 'tcp')],
    ['aliases', 'discard\t9/udp\t\tsink null', entry('discard', 9, 'udp', ['sink', 'null'])],
    [
      'comment after a tab',
      'http 80/tcp www # WorldWideWeb HTTP',
      { ...entry('http', 80, 'tcp', ['www']), comment: 'WorldWideWeb HTTP' },
    ],
    [
      'comment with no space before it',
      'trailing 8769/tcp#nospace-comment',
      { ...entry('trailing', 8769, 'tcp'), comment: 'nospace-comment' },
    ],
    [
      'comment glued to an alias',
      'a 1/tcp b#c d',
      { ...entry('a', 1, 'tcp', ['b']), comment: 'c d' },
    ],
    ['empty comment is no comment', 'a 1/tcp #', entry('a', 1, 'tcp')],
    ['leading spaces and tabs', '  \t lead 8770/tcp', entry('lead', 8770, 'tcp')],
    ['CR of a CRLF line is white space', 'cr 87/tcp al\r', entry('cr', 87, 'tcp', ['al'])],
    ['\\v and \\f separate fields', 'vt\v85/tcp\fval', entry('vt', 85, 'tcp', ['val'])],
    ['case kept', 'UPPER 94/Tcp Alias', entry('UPPER', 94, 'Tcp', ['Alias'])],
    ['any protocol token', 'amqp 5672/sctp', entry('amqp', 5672, 'sctp')],
    ['ddp', 'rtmp 1/ddp', entry('rtmp', 1, 'ddp')],
    ['slash inside protocol', 'slashx 84/tcp/x al', entry('slashx', 84, 'tcp/x', ['al'])],
    ['repeated slashes are one', 'dslash 82//tcp', entry('dslash', 82, 'tcp')],
    ['port 0', 'zero 0/tcp', entry('zero', 0, 'tcp')],
    ['port 65535', 'max 65535/udp', entry('max', 65535, 'udp')],
    ['hex port like strtoul base 0', 'hex 0x50/tcp', entry('hex', 80, 'tcp')],
    ['octal port like strtoul base 0', 'oct 010/tcp', entry('oct', 8, 'tcp')],
    ['plus sign', 'plus +81/tcp', entry('plus', 81, 'tcp')],
    ['minus zero is 0', 'mz -0/tcp', entry('mz', 0, 'tcp')],
    ['NUL ends the line', 'nul 88/tcp ab\0cd ef', entry('nul', 88, 'tcp', ['ab'])],
    ['blank line', '', null],
    ['white space only', ' \t\r', null],
    ['comment line', '# comment', null],
    ['indented comment line', '   # comment', null],
  ];
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
  const cases: [string, string, ServicesIssueCode, string][] = [
    ['name only', 'foo', 'MISSING_PORT', 'a port/protocol field after the service name'],
    ['name then comment', 'foo # 80/tcp', 'MISSING_PORT', 'a port/protocol'],
    ['non-numeric port', 'foo x/tcp', 'INVALID_PORT', 'a port number'],
    ['sign with no digits', 'foo +/tcp', 'INVALID_PORT', 'a port number'],
    ['junk after the digits', 'foo 80a/tcp', 'INVALID_PORT', 'a port number'],
    ['8 is not octal', 'foo 08/tcp', 'INVALID_PORT', 'a port number'],
    ['0x with no hex digit', 'foo 0x/tcp', 'INVALID_PORT', 'a port number'],
    ['port above 65535', 'foo 70000/tcp', 'PORT_OUT_OF_RANGE', 'a port from 0 to 65535'],
    ['port above 2^32', 'foo 99999999999999999999/tcp', 'PORT_OUT_OF_RANGE', '0 to 65535'],
    ['negative port', 'foo -1/tcp', 'PORT_OUT_OF_RANGE', 'a port from 0 to 65535'],
    ['port with no slash at end of line', 'foo 80', 'MISSING_PROTOCOL', 'a protocol'],
    ['port then space then protocol', 'foo 80 tcp', 'MISSING_PROTOCOL', 'a protocol'],
    ['port then comment', 'foo 80#tcp', 'MISSING_PROTOCOL', 'a protocol'],
    ['slash then nothing', 'foo 80/', 'MISSING_PROTOCOL', 'a protocol'],
    ['slash then space', 'foo 80/ tcp', 'MISSING_PROTOCOL', 'a protocol'],
    ['slash then comment', 'foo 80/#tcp', 'MISSING_PROTOCOL', 'a protocol'],
  ];

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

  it('quotes at most 200 characters of a huge bad line', () => {
    const line = `foo ${'9'.repeat(10_000)}`;
    expect(() => parseServices(line)).toThrow(/"foo 9{196}\.\.\."$/);
  });
});
