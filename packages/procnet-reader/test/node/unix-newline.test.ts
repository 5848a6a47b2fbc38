/**
 * Issue 10, defect 5: a socket name that holds a newline puts text of its
 * own choosing on a line of /proc/net/unix. Real sockets, bound with such
 * names on this machine, then the file as the kernel wrote it.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParseIssue, parseUnix } from '../../src/index.js';

const linux = process.platform === 'linux';
const tag = `netintro-nl-${process.pid}`;
/** A fake row in a loose layout (short columns): netstat would show it as a listener. */
const loose = '0: 2 0 10000 1 1 999001 @fake-loose';
/** A fake row in the kernel's exact layout: nothing in the text tells it apart. */
const exact = '0000000000000000: 00000002 00000000 00010000 0001 01 999002 @fake-exact';

const servers: net.Server[] = [];
beforeAll(async () => {
  if (!linux) return;
  for (const name of [`\0${tag}-a\n${loose}`, `\0${tag}-b\n${exact}`]) {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, resolve);
    });
    servers.push(server);
  }
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe.skipIf(!linux)('a newline inside a UNIX socket name', () => {
  it('never turns a line that breaks the kernel layout into a socket', () => {
    const text = readFileSync('/proc/self/net/unix', 'latin1');
    // The kernel wrote it raw (Node 20 pads abstract names with NULs, printed as @;
    // Node 22 binds the exact length).
    expect(text).toContain(`@${tag}-a\n${loose}`);
    const issues: ParseIssue[] = [];
    const sockets = parseUnix(text, { onInvalidLine: (i) => issues.push(i) });
    expect(sockets.find((s) => s.inode === '999001')).toBeUndefined();
    const issue = issues.find((i) => i.raw.startsWith(loose));
    expect(issue?.code).toBe('not-kernel-layout');
    expect(issue?.message).toMatch(/socket name that holds a newline/);
    // The real socket is there, its name cut at the newline.
    expect(sockets.some((s) => s.path === `@${tag}-a` && s.listening)).toBe(true);
    // With the default policy the file is refused instead.
    expect(() => parseUnix(text)).toThrow(/not-kernel-layout|kernel's fixed layout/);
  });

  it('cannot tell a row forged in the exact kernel layout (documented in the README)', () => {
    const text = readFileSync('/proc/self/net/unix', 'latin1');
    const sockets = parseUnix(text, { onInvalidLine: 'skip' });
    // The limit the README states: netstat and this parser both list it.
    expect(sockets.find((s) => s.inode === '999002')?.path).toMatch(/^@fake-exact@*$/);
  });

  it('flags loose layouts in text too: spacing, widths, the %5lu inode', () => {
    const good = '0000000000000000: 00000002 00000000 00010000 0001 01    12 /run/a';
    expect(parseUnix(good)).toHaveLength(1);
    for (const bad of [
      '0000000000000000: 00000002 00000000 00010000 0001 01 12 /run/a',
      '0000000000000000:  00000002 00000000 00010000 0001 01    12 /run/a',
      '0000000000000000: 2 00000000 00010000 0001 01    12 /run/a',
      '0000000000000000: 00000002 00000000 00010000 01 01    12 /run/a',
      '0000000000000000: 00000002 00000000 00010000 0001 1    12 /run/a',
      '0000000000000000: 00000002 00000000 00010000 0001 01     12 /run/a',
      ' 0000000000000000: 00000002 00000000 00010000 0001 01    12 /run/a',
      '0000000000000000: 00000002 00000000 0001000a 0001 01    12 /run/a',
    ]) {
      const issues: ParseIssue[] = [];
      expect(parseUnix(bad, { onInvalidLine: (i) => issues.push(i) }), bad).toEqual([]);
      expect(issues.map((i) => i.code)).toEqual(['not-kernel-layout']);
    }
  });
});
