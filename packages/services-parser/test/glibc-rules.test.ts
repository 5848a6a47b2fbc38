// Checks every rule of parseServices against the real glibc (`getent services`) by showing it
// a services file made of the table cases, inside a private mount namespace.
import { describe, expect, it } from 'vitest';
import { createServicesDb, parseServices } from '../src/index.js';
import { ERROR_CASES, VALID_CASES } from './cases.js';
import {
  asGetent,
  getentWithServices,
  lookupLikeGetent,
  namespacesAvailable,
  skipUnlessCi,
} from './getent.js';

const skip = skipUnlessCi(namespacesAvailable, 'getent + unshare -m (root)');

describe.skipIf(skip)(
  'glibc 2.36 agrees with the rules (getent services in a mount namespace)',
  () => {
    it('valid lines: glibc lists exactly the entries parseServices finds, in order', () => {
      const text = VALID_CASES.map(([, line]) => `${line}\n`).join('');
      const ours = parseServices(text).map(asGetent);
      expect(ours).toHaveLength(VALID_CASES.filter(([, , e]) => e !== null).length);
      expect(getentWithServices(text, [])).toEqual(ours);
    });

    it('bad lines: glibc skips them, except the ones it mangles (documented divergences)', () => {
      const text = ERROR_CASES.map(([, line]) => `${line}\n`).join('');
      const glibcKeeps = ERROR_CASES.filter(([, , , , g]) => g !== null).map(
        ([, line, , , g]) => `${line.split(' ')[0]} ${g}`,
      );
      expect(getentWithServices(text, [])).toEqual(glibcKeeps);
      expect(parseServices(text, { onInvalidLine: 'skip' })).toEqual([]);
    });

    it('lookups: case-sensitive names and protocols, any protocol = first line, duplicates = first', () => {
      const text = [
        'first-name 8765/tcp alias-one alias-two',
        'second-name 8765/tcp',
        'dual 8766/udp',
        'dual 8766/tcp',
        'up 8767/TCP Mixed',
        'tcp-only 8768/tcp',
        '',
      ].join('\n');
      const keys = [
        '8765',
        '8765/tcp',
        'alias-two',
        'second-name/tcp',
        '8766',
        'dual',
        'dual/tcp',
        '8767/tcp',
        '8767/TCP',
        '8767',
        'UP',
        'mixed',
        'Mixed',
        '8768/udp',
        'tcp-only/udp',
      ];
      const expected = [
        'first-name 8765/tcp alias-one alias-two',
        'first-name 8765/tcp alias-one alias-two',
        'first-name 8765/tcp alias-one alias-two',
        'second-name 8765/tcp',
        'dual 8766/udp',
        'dual 8766/udp',
        'dual 8766/tcp',
        null,
        'up 8767/TCP Mixed',
        'up 8767/TCP Mixed',
        null,
        null,
        'up 8767/TCP Mixed',
        null,
        null,
      ];
      expect(getentWithServices(text, keys)).toEqual(expected);
      const db = createServicesDb(parseServices(text));
      expect(keys.map((k) => lookupLikeGetent(db, k))).toEqual(expected);
    });
  },
);
