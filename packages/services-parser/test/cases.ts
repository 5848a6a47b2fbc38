// Lines whose meaning was checked against glibc 2.36 (`getent services`, see
// glibc-rules.test.ts, which re-checks them on every run). Every name is unique so that one
// services file can hold all of them.
import type { ServiceEntry, ServicesIssueCode } from '../src/index.js';

export type Fields = Omit<ServiceEntry, 'line'>;

export const entry = (
  name: string,
  port: number,
  protocol: string,
  aliases: string[] = [],
  comment?: string,
): Fields =>
  comment === undefined
    ? { name, port, protocol, aliases }
    : { name, port, protocol, aliases, comment };

/** [label, line, parsed entry or null for a line that holds no entry]. */
export const VALID_CASES: [string, string, Fields | null][] = [
  ['tabs, as netbase writes them', 'ssh-t\t\t22/tcp', entry('ssh-t', 22, 'tcp')],
  ['single spaces', 'clc-build-daemon 8990/tcp', entry('clc-build-daemon', 8990, 'tcp')],
  ['aliases', 'discard\t9/udp\t\tsink null', entry('discard', 9, 'udp', ['sink', 'null'])],
  [
    'comment after a space',
    'http-c 80/tcp www # WorldWideWeb HTTP',
    entry('http-c', 80, 'tcp', ['www'], 'WorldWideWeb HTTP'),
  ],
  [
    'comment with no space before it',
    'trailing 8769/tcp#nospace-comment',
    entry('trailing', 8769, 'tcp', [], 'nospace-comment'),
  ],
  ['comment glued to an alias', 'glued 1/tcp b#c d', entry('glued', 1, 'tcp', ['b'], 'c d')],
  ['empty comment is no comment', 'emptyc 1/tcp #', entry('emptyc', 1, 'tcp')],
  ['leading spaces and tabs', '  \t lead 8770/tcp', entry('lead', 8770, 'tcp')],
  ['CR of a CRLF line is white space', 'cr 87/tcp al\r', entry('cr', 87, 'tcp', ['al'])],
  ['\\v and \\f separate fields', 'vt\v85/tcp\fval', entry('vt', 85, 'tcp', ['val'])],
  ['case kept', 'UPPER 94/Tcp Alias', entry('UPPER', 94, 'Tcp', ['Alias'])],
  ['any protocol token', 'amqp-s 5672/sctp', entry('amqp-s', 5672, 'sctp')],
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
  ['comment line', '# comment 1/tcp', null],
  ['indented comment line', '   # comment 2/tcp', null],
];

/**
 * [label, line, code, words of `expected`, what glibc does with the line: null = skips it,
 * otherwise the `port/proto [aliases]` that `getent services` prints for it].
 */
export const ERROR_CASES: [string, string, ServicesIssueCode, string, string | null][] = [
  ['name only', 'e-name', 'missing-port', 'a port/protocol field after the service name', null],
  ['name then comment', 'e-namec # 80/tcp', 'missing-port', 'a port/protocol', null],
  ['non-numeric port', 'e-alpha x/tcp', 'bad-port', 'a port number', null],
  ['sign with no digits', 'e-sign +/tcp', 'bad-port', 'a port number', null],
  ['junk after the digits', 'e-junk 80a/tcp', 'bad-port', 'a port number', null],
  ['8 is not octal', 'e-oct 08/tcp', 'bad-port', 'a port number', null],
  ['0x with no hex digit', 'e-hex 0x/tcp', 'bad-port', 'a port number', null],
  [
    'port above 65535',
    'e-big 70000/tcp',
    'port-out-of-range',
    'a port from 0 to 65535',
    '4464/tcp',
  ],
  ['port above 2^32', 'e-huge 99999999999999999999/tcp', 'port-out-of-range', '0 to 65535', null],
  ['negative port', 'e-neg -1/tcp', 'port-out-of-range', 'a port from 0 to 65535', null],
  ['port with no slash at end of line', 'e-noslash 80', 'missing-protocol', 'a protocol', '80/'],
  ['port then space then protocol', 'e-space 80 tcp', 'missing-protocol', 'a protocol', null],
  ['port then comment', 'e-portc 80#tcp', 'missing-protocol', 'a protocol', '80/'],
  ['slash then nothing', 'e-slash 80/', 'missing-protocol', 'a protocol', '80/'],
  ['slash then space', 'e-slashsp 80/ tcp', 'missing-protocol', 'a protocol', '80/ tcp'],
  ['slash then comment', 'e-slashc 80/#tcp', 'missing-protocol', 'a protocol', '80/'],
];
