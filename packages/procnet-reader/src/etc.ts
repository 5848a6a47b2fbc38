/**
 * Pure parsers for the `/etc` name tables netstat consults beside
 * `/proc/net`: `hosts`, `networks` and `protocols`, each read the way
 * glibc 2.36's `files` backend reads it (checked against `getent` in
 * socket-formatter's tests). `passwd` is in `passwd.ts`, `services` in
 * `@netintro/services-parser`. glibc skips lines it cannot read, so these
 * parsers skip them too by default (`onInvalidLine: 'skip'`); pass a
 * callback to see them, or `'throw'` to stop at the first.
 *
 * @module
 */

import { parseIpv4Bytes, parseIpv6Bytes } from './address.js';
import { reportIssue } from './errors.js';
import type { OnInvalidLine } from './types.js';

/**
 * Options of {@link parseHosts} and {@link parseProtocols}.
 *
 * @example
 * ```ts
 * const skipped: string[] = [];
 * parseHosts(text, { source: 'chroot/etc/hosts', onInvalidLine: (i) => skipped.push(i.message) });
 * ```
 */
export interface EtcParseOptions {
  /** Name used in errors and issues (default: `/etc/<file>`). */
  source?: string;
  /** Bad-line policy: `'skip'` (default, as glibc), `'throw'`, or a callback per issue. */
  onInvalidLine?: OnInvalidLine;
}

/**
 * One line of `/etc/hosts`.
 *
 * @example
 * ```ts
 * const entry: HostsEntry = { address: '127.0.0.1', family: 4, name: 'localhost', aliases: [], line: 1 };
 * ```
 */
export interface HostsEntry {
  /** The address as written. */
  address: string;
  /** 4 or 6. */
  family: 4 | 6;
  /** Canonical name (the first name on the line), what reverse lookups return. */
  name: string;
  /** Further names. */
  aliases: string[];
  /** 1-based line number. */
  line: number;
}

/**
 * Parses `/etc/hosts` text as glibc 2.36 does: `address [name [aliases...]]`,
 * `#` starts a comment anywhere, fields are separated by any C whitespace
 * (space, tab, `\v`, `\f`, `\r`). The address must be what `inet_pton`
 * accepts: IPv6, or a strict IPv4 dotted quad (`010.0.0.1` and `1.2.3` are
 * not addresses: the line is skipped, code `'bad-address'`). A line with an
 * address and no name gives the empty name, as glibc does.
 *
 * @example
 * ```ts
 * parseHosts('127.0.0.1 localhost loopback\n::1 ip6-localhost\n');
 * // [{ address: '127.0.0.1', family: 4, name: 'localhost', aliases: ['loopback'], line: 1 },
 * //  { address: '::1', family: 6, name: 'ip6-localhost', aliases: [], line: 2 }]
 * ```
 */
export function parseHosts(text: string, options: EtcParseOptions = {}): HostsEntry[] {
  const out: HostsEntry[] = [];
  const lines = glibcLines(text);
  for (let i = 0; i < lines.length; i++) {
    const [address, name = '', ...aliases] = etcFields(lines[i]!);
    if (!address) continue;
    const family = parseIpv6Bytes(address) ? 6 : parseIpv4Bytes(address) ? 4 : undefined;
    if (!family) {
      skip(options, '/etc/hosts', 'bad-address', i + 1, lines[i]!, 'an IPv4 or IPv6 address');
      continue;
    }
    out.push({ address, family, name, aliases, line: i + 1 });
  }
  return out;
}

/**
 * One line of `/etc/networks`.
 *
 * @example
 * ```ts
 * const entry: NetworkEntry = { name: 'loopback', address: '127.0.0.0', aliases: [], line: 1 };
 * ```
 */
export interface NetworkEntry {
  /** The network's name. */
  name: string;
  /**
   * The network number as a dotted quad, completed and read as glibc does
   * (`127` is `127.0.0.0`); `255.255.255.255` when glibc cannot read it.
   */
  address: string;
  /** Further names. */
  aliases: string[];
  /** 1-based line number. */
  line: number;
}

/**
 * Parses `/etc/networks` text (`name number [aliases]`) as glibc 2.36 reads
 * it: the number is completed to four parts with `.0` (`loopback 127` is
 * 127.0.0.0) and read by `inet_network`, so each part may be decimal, octal
 * with a leading `0` (`012.1` is 10.1.0.0) or hex with `0x` (`0x0a` is
 * 10.0.0.0); a number glibc cannot read counts as 255.255.255.255, as in
 * glibc, so no line is ever skipped for its number.
 *
 * @example
 * ```ts
 * parseNetworks('loopback 127\nten 0x0a tennet\n');
 * // [{ name: 'loopback', address: '127.0.0.0', aliases: [], line: 1 },
 * //  { name: 'ten', address: '10.0.0.0', aliases: ['tennet'], line: 2 }]
 * ```
 */
export function parseNetworks(text: string): NetworkEntry[] {
  const out: NetworkEntry[] = [];
  const lines = glibcLines(text);
  for (let i = 0; i < lines.length; i++) {
    const [name, written = '', ...aliases] = etcFields(lines[i]!);
    if (name === undefined) continue;
    let number = written;
    const dots = Math.min(3, number.split('.').length - 1);
    for (let n = dots + 1; n < 4; n++) number += '.0';
    const v = inetNetwork(number);
    const address = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    out.push({ name, address, aliases, line: i + 1 });
  }
  return out;
}

/**
 * One line of `/etc/protocols`.
 *
 * @example
 * ```ts
 * const icmp: ProtocolEntry = { name: 'icmp', number: 1, aliases: ['ICMP'], line: 1 };
 * ```
 */
export interface ProtocolEntry {
  /** Protocol name (`icmp`). */
  name: string;
  /** IP protocol number (`1`). */
  number: number;
  /** Further names (`ICMP`). */
  aliases: string[];
  /** 1-based line number. */
  line: number;
}

/**
 * Parses `/etc/protocols` text: `name number [aliases...]`, `#` comments.
 * A line without a decimal number is skipped (code `'bad-number'`).
 *
 * @example
 * ```ts
 * parseProtocols('icmp 1 ICMP # internet control message protocol\n');
 * // [{ name: 'icmp', number: 1, aliases: ['ICMP'], line: 1 }]
 * ```
 */
export function parseProtocols(text: string, options: EtcParseOptions = {}): ProtocolEntry[] {
  const out: ProtocolEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const [name, num, ...aliases] = stripComment(lines[i]!)
      .split(/[ \t\r]+/)
      .filter(Boolean);
    if (!name) continue;
    if (!num || !/^\d+$/.test(num)) {
      skip(
        options,
        '/etc/protocols',
        'bad-number',
        i + 1,
        lines[i]!,
        'a name and a protocol number',
      );
      continue;
    }
    out.push({ name, number: Number(num), aliases, line: i + 1 });
  }
  return out;
}

function skip(
  options: EtcParseOptions,
  defaultSource: string,
  code: string,
  line: number,
  raw: string,
  expected: string,
): void {
  const policy = options.onInvalidLine ?? 'skip';
  reportIssue(policy, code, options.source ?? defaultSource, line, raw, expected);
}

/** C's isspace in the C locale. */
const C_SPACE = /[ \t\n\v\f\r]+/;

/** The whitespace-separated fields of a line before its `#` comment. */
function etcFields(line: string): string[] {
  return stripComment(line).split(C_SPACE).filter(Boolean);
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

/**
 * Lines as glibc's nss_files reader sees them. Its one quirk: when the last
 * line has no newline and starts with whitespace, the line is shifted left
 * over that whitespace without moving its end, so its last characters repeat
 * once per whitespace character (`' 10.0.0.1 abcd'` reads as
 * `'10.0.0.1 abcdd'`; glibc 2.36, seen with getent).
 */
function glibcLines(text: string): string[] {
  const lines = text.split('\n');
  const last = lines.length - 1;
  const tail = lines[last]!;
  const lead = /^[ \t\v\f\r]*/.exec(tail)![0].length;
  if (lead > 0 && lead < tail.length) {
    lines[last] = tail.slice(lead) + tail.slice(tail.length - lead);
  }
  return lines;
}

/** glibc's inet_network: 0xFFFFFFFF when the text is not a network number. */
function inetNetwork(text: string): number {
  const NONE = 0xffffffff;
  const parts: number[] = [];
  let i = 0;
  for (;;) {
    let value = 0;
    let base = 10;
    let digit = false;
    if (text[i] === '0') {
      digit = true;
      base = 8;
      i++;
    }
    if (text[i] === 'x' || text[i] === 'X') {
      digit = false;
      base = 16;
      i++;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (base === 8 && c >= 56) return NONE;
        value = (value * base + (c - 48)) >>> 0;
      } else if (base === 16 && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
        value = ((value << 4) + ((c | 32) - 87)) >>> 0;
      } else break;
      digit = true;
    }
    if (!digit || parts.length >= 4 || value > 255) return NONE;
    parts.push(value);
    if (text[i] === '.') {
      i++;
      continue;
    }
    if (i < text.length) return NONE;
    break;
  }
  let value = 0;
  for (const part of parts) value = ((value << 8) | part) >>> 0;
  return value;
}
