import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  defaultServicesProvenance,
  defaultServicesText,
  getDefaultServicesDb,
  getDefaultServicesEntries,
} from '../src/default-db.js';
import { parseServices } from '../src/index.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const fixture = readFileSync(new URL('../fixtures/etc-services.netbase-6.4', import.meta.url));

describe('embedded default database', () => {
  it('is the committed fixture, verbatim, with its provenance', () => {
    expect(defaultServicesText).toBe(fixture.toString('utf8'));
    expect(defaultServicesProvenance).toMatchObject({ package: 'netbase', version: '6.4' });
    expect(defaultServicesProvenance.sha256).toBe(
      createHash('sha256').update(fixture).digest('hex'),
    );
  });

  it('the generated module is up to date with the fixture and generator', () => {
    // Exits 1 (and so throws here) when src/generated/default-services.ts is stale.
    execFileSync('node', ['scripts/generate-default-db.mjs', '--check'], { cwd: pkg });
  });

  it('parses to the same entries as the fixture and caches them', () => {
    const entries = getDefaultServicesEntries();
    expect(entries).toEqual(parseServices(fixture.toString('utf8')));
    expect(entries).toHaveLength(318);
    expect(getDefaultServicesEntries()).toBe(entries);
  });

  it('answers lookups under both rules, cached per rule', () => {
    const db = getDefaultServicesDb();
    expect(db.match).toBe('first');
    expect(db.byPort(443, 'tcp')?.name).toBe('https');
    expect(db.byName('www')?.port).toBe(80);
    expect(getDefaultServicesDb()).toBe(db);
    const last = getDefaultServicesDb({ match: 'last' });
    expect(last.match).toBe('last');
    expect(last).not.toBe(db);
    // netbase 6.4 has no duplicate port/protocol pairs, so both rules agree per protocol.
    expect(last.byPort(22, 'tcp')?.name).toBe('ssh');
  });
});
