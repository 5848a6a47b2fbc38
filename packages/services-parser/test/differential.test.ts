// Differential test against glibc on this machine's LIVE /etc/services: every entry's lookups
// (by name, by each alias, by port, each with and without its protocol) must give what
// `getent services` gives, and the full listing must match entry for entry.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServicesDb } from '../src/index.js';
import { readServicesSync } from '../src/node.js';
import {
  asGetent,
  getentAvailable,
  getentLive,
  getentLiveAll,
  lookupLikeGetent,
  skipUnlessCi,
} from './getent.js';

const skip = skipUnlessCi(getentAvailable, 'getent (libc-bin)');
const hasServices = existsSync('/etc/services');

describe.skipIf(skip)('differential: parseServices + ServicesDb vs getent on /etc/services', () => {
  it.runIf(hasServices)('lists the same entries in the same order', () => {
    const ours = readServicesSync('/etc/services', { onInvalidLine: 'skip' }).map(asGetent);
    expect(ours.length).toBeGreaterThan(0);
    expect(getentLiveAll()).toEqual(ours);
  });

  it.runIf(hasServices)(
    'answers every lookup of every entry as getent does',
    () => {
      const entries = readServicesSync('/etc/services', { onInvalidLine: 'skip' });
      const db = createServicesDb(entries);
      const keys = new Set<string>();
      // getent splits a key at '/' and treats an all-digit key as a port: names of that shape
      // cannot be asked for by name through getent, so they are left out.
      const askable = (name: string) => !name.includes('/') && !/^[0-9]+$/.test(name);
      for (const e of entries) {
        for (const name of [e.name, ...e.aliases].filter(askable)) {
          keys.add(name);
          if (!e.protocol.includes('/')) keys.add(`${name}/${e.protocol}`);
        }
        keys.add(String(e.port));
        if (!e.protocol.includes('/')) keys.add(`${e.port}/${e.protocol}`);
      }
      // Misses must agree too: a protocol with no entry and a port with none.
      keys.add('22/udp');
      keys.add('80/udp');
      keys.add('65535');
      keys.add('HTTP');
      const list = [...keys];
      const theirs = getentLive(list);
      const ours = list.map((k) => lookupLikeGetent(db, k));
      const diffs = list
        .map((k, i) => ({ key: k, getent: theirs[i], ours: ours[i] }))
        .filter((d) => d.getent !== d.ours);
      expect(diffs).toEqual([]);
      expect(list.length).toBeGreaterThan(entries.length);
      // One getent process per key (~1,400 of them): seconds on a quiet machine, more under load.
      // The limit only guards against a hang.
    },
    180_000,
  );

  it.runIf(!hasServices)('without /etc/services, getent finds nothing', () => {
    expect(getentLiveAll()).toEqual([]);
  });
});
