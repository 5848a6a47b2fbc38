import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { commandFromCmdline, escapeControlCharacters } from '../../src/node.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('commandFromCmdline (netstat -p program name)', () => {
  test.each([
    ['/usr/bin/python3\0-m\0http.server\0', undefined, 'python3'],
    ['node\0server.js\0', undefined, 'node'],
    ['./bin/app\0', undefined, './bin/app'], // relative: kept whole, as netstat does
    ['nginx: worker process\0\0\0', undefined, 'nginx: worker process'],
    ['/usr/sbin/sshd: root@pts/0', undefined, '0'], // netstat's rule: after the last '/'
    ['', 'kworker/0:1\n', 'kworker/0:1'], // kernel thread: comm
    ['\0', 'zombie\n', 'zombie'],
    ['', undefined, ''],
    ['ev\x1b[31mil\nname\0', undefined, 'ev\\x1B[31mil\\x0Aname'],
  ])('%j -> %j', (cmdline, comm, expected) => {
    expect(commandFromCmdline(bytes(cmdline), comm)).toBe(expected);
    expect(commandFromCmdline(cmdline, comm)).toBe(expected);
  });

  test('bytes that are not UTF-8 are kept as U+DC80-U+DCFF (issue 10, defect 11), never throws', () => {
    expect(commandFromCmdline(new Uint8Array([0x61, 0xff, 0x62, 0]))).toBe('a\uDCFFb');
  });
});

describe('escapeControlCharacters', () => {
  test.each([
    ['plain', 'plain'],
    ['tab\there', 'tab\\x09here'],
    ['del\x7f', 'del\\x7F'],
    ['c1\u0085', 'c1\\x85'],
    ['back\\slash', 'back\\\\slash'],
    ['café ünïcode', 'café ünïcode'],
    ['csi byte a\udc9b', 'csi byte a\\x9B'], // 0x9B that was not UTF-8: a C1 control on 8-bit terminals
    ['kept byte \udcff', 'kept byte \udcff'],
    ['pair \ud8ff\udc80', 'pair \ud8ff\udc80'], // U+4FC80: a real character, not a lone 0x80
  ])('%j -> %j', (input, expected) => {
    expect(escapeControlCharacters(input)).toBe(expected);
  });

  test('with { backslash: false }, escaped text passes through and controls are still escaped', () => {
    const escaped = escapeControlCharacters('a\\b\x1b');
    expect(escapeControlCharacters(escaped, { backslash: false })).toBe(escaped);
    expect(escapeControlCharacters('a\\x1B\x07', { backslash: false })).toBe('a\\x1B\\x07');
  });

  fcTest.prop([fc.string({ unit: 'binary' })])('output has no control characters', (s) => {
    expect(escapeControlCharacters(s)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  fcTest.prop([fc.string({ unit: 'binary' })])('escaping is reversible', (s) => {
    const unescaped = escapeControlCharacters(s).replace(
      /\\(\\|x([0-9A-F]{2}))/g,
      (_, _all, hex) => (hex === undefined ? '\\' : String.fromCharCode(Number.parseInt(hex, 16))),
    );
    expect(unescaped).toBe(s);
  });
});
