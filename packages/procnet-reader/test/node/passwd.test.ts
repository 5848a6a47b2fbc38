import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ProcNetParseError, parsePasswd, readUsers } from '../../src/node.js';
import type { ParseIssue } from '../../src/types.js';
import { hasTool } from './helpers.js';

describe('parsePasswd', () => {
  test('uid -> name; first line wins; comments, blanks, NIS lines and CRLF', () => {
    const text = [
      'root:x:0:0:root:/root:/bin/bash',
      '# comment',
      '',
      'toor:x:0:0::/root:/bin/sh',
      '+nisuser::::::',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\r',
      'short:x:1001',
    ].join('\n');
    expect(parsePasswd(text)).toEqual(
      new Map([
        [0, 'root'],
        [65534, 'nobody'],
        [1001, 'short'],
      ]),
    );
  });

  test.each([
    ['nocolons', 'too-few-fields'],
    [':x:5:5::/:/bin/sh', 'bad-name'],
    ['bob:x:abc:5::/:/bin/sh', 'bad-number'],
    ['bob:x:-1:5::/:/bin/sh', 'bad-number'],
    ['bob:x:99999999999:5::/:/bin/sh', 'bad-number'],
  ])('%j is rejected with %s (throw, skip, callback)', (line, code) => {
    const text = `root:x:0:0::/:/bin/sh\n${line}\n`;
    let thrown: unknown;
    try {
      parsePasswd(text, { source: 'my-passwd' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProcNetParseError);
    expect(thrown).toMatchObject({ code, source: 'my-passwd', line: 2, raw: line });
    expect(parsePasswd(text, { onInvalidLine: 'skip' })).toEqual(new Map([[0, 'root']]));
    const issues: ParseIssue[] = [];
    parsePasswd(text, { onInvalidLine: (issue) => issues.push(issue) });
    expect(issues).toEqual([expect.objectContaining({ code, line: 2, raw: line })]);
    expect(issues[0]!.message).toContain('/etc/passwd:2');
  });

  test.skipIf(!hasTool('getent'))('this machine: agrees with getent -s files passwd', async () => {
    const users = await readUsers();
    expect(users.get(0)).toBe('root');
    const expected = new Map<number, string>();
    for (const line of execFileSync('getent', ['-s', 'files', 'passwd'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)) {
      const [name, , uid] = line.split(':');
      if (!expected.has(Number(uid))) expected.set(Number(uid), name!);
    }
    expect(users).toEqual(expected);
  });

  test('readUsers: injectable path; a missing file names the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procnet-passwd-'));
    try {
      writeFileSync(join(dir, 'passwd'), 'alice:x:1000:1000::/home/alice:/bin/sh\n');
      expect(await readUsers({ path: join(dir, 'passwd') })).toEqual(new Map([[1000, 'alice']]));
      await expect(readUsers({ path: join(dir, 'missing') })).rejects.toThrow(join(dir, 'missing'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
