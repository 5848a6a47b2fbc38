// The committed Debian netbase 6.4 file (fixtures/PROVENANCE.md). Expected values were read off
// the file and `getent services` on the machine it came from, not produced by this code.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPort, createServicesDb, formatServices, parseServices } from '../src/index.js';

const FIXTURE = new URL('../fixtures/etc-services.netbase-6.4', import.meta.url);
const bytes = readFileSync(FIXTURE);
const text = bytes.toString('utf8');

describe('Debian netbase 6.4 /etc/services fixture', () => {
  it('is the file PROVENANCE.md describes', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      'f6183055fd949f9c53d49ee620f85d0150123ea691d25ed1bba0c641b4ee2f48',
    );
    expect(text.split('\n')).toHaveLength(362); // 361 lines + the empty string after the last \n
  });

  const entries = parseServices(text, { source: 'netbase-6.4' });
  const db = createServicesDb(entries);

  it('parses strictly, with no invalid line, to 318 entries (getent services | wc -l)', () => {
    expect(entries).toHaveLength(318);
    expect(entries[0]).toEqual({
      name: 'tcpmux',
      port: 1,
      protocol: 'tcp',
      aliases: [],
      comment: 'TCP port service multiplexer',
      line: 9,
    });
    expect(entries.at(-1)).toEqual({
      name: 'fido',
      port: 60179,
      protocol: 'tcp',
      aliases: [],
      comment: 'fidonet EMSI over TCP',
      line: 359, // grep -n "^fido" fixtures/etc-services.netbase-6.4
    });
  });

  it('answers the lesson questions', () => {
    expect(db.byName('https', 'tcp')?.port).toBe(443);
    expect(db.byPort(22, 'tcp')?.name).toBe('ssh');
    expect(db.byPort(80)).toMatchObject({ name: 'http', protocol: 'tcp', aliases: ['www'] });
    expect(db.byName('www')?.port).toBe(80);
    expect(db.byPort(22, 'udp')).toBeUndefined();
    expect(db.byPort(80, 'udp')).toBeUndefined();
    expect(db.byPort(443, 'udp')).toMatchObject({ name: 'https', comment: 'HTTP/3' });
    expect(db.byName('HTTP')).toBeUndefined();
    expect(db.byPort(15, 'tcp')?.name).toBe('netstat');
    expect(db.byPort(8080, 'tcp')).toMatchObject({ name: 'http-alt', aliases: ['webcache'] });
    expect(db.byPort(8990, 'tcp')?.name).toBe('clc-build-daemon');
    expect(db.byPort(57000, 'tcp')?.name).toBe('dircproxy');
    expect(db.byPort(5672, 'sctp')?.name).toBe('amqp');
    expect(db.byPort(1, 'ddp')?.name).toBe('rtmp');
    expect(db.byName('kerberos-sec', 'udp')).toMatchObject({ port: 88, line: 41 });
    expect(classifyPort(db.byName('ssh')!.port)).toBe('well-known');
  });

  it('has these protocols, in order of first use', () => {
    expect(db.protocols).toEqual(['tcp', 'udp', 'sctp', 'ddp']);
  });

  it('round-trips through formatServices', () => {
    const again = parseServices(formatServices(entries));
    expect(again).toEqual(entries.map((e, i) => ({ ...e, line: i + 1 })));
  });
});
