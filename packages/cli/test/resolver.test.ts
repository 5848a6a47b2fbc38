import { describe, expect, it } from 'vitest';
import { createHostResolver, systemReverseLookup } from '../src/resolver.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createHostResolver', () => {
  it('asks once per distinct address and caches the answer, names and misses alike', async () => {
    const asked: string[] = [];
    const resolver = createHostResolver({
      lookup: async (a) => {
        asked.push(a);
        return a === '127.0.0.1' ? 'localhost' : undefined;
      },
    });
    await resolver.resolveAll(['127.0.0.1', '192.0.2.7', '127.0.0.1']);
    await resolver.resolveAll(['127.0.0.1', '192.0.2.7']);
    expect(asked).toEqual(['127.0.0.1', '192.0.2.7']);
    expect(resolver.get('127.0.0.1')).toBe('localhost');
    expect(resolver.get('192.0.2.7')).toBeUndefined();
  });

  it('gives up on a slow answer after timeoutMs and still resolves the others', async () => {
    const resolver = createHostResolver({
      timeoutMs: 50,
      concurrency: 2,
      lookup: async (a) => {
        if (a === '198.51.100.1') await sleep(5_000);
        return `name-of-${a}`;
      },
    });
    const t0 = performance.now();
    await resolver.resolveAll(['198.51.100.1', '127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(resolver.get('198.51.100.1')).toBeUndefined();
    expect(resolver.get('127.0.0.3')).toBe('name-of-127.0.0.3');
  });

  it('never has more than `concurrency` lookups in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const resolver = createHostResolver({
      concurrency: 3,
      lookup: async (a) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await sleep(5);
        inFlight--;
        return a;
      },
    });
    await resolver.resolveAll(Array.from({ length: 20 }, (_, i) => `10.0.0.${i}`));
    expect(peak).toBe(3);
    expect(resolver.started).toBe(20);
  });

  it('bounds the whole batch by budgetMs: late addresses stay numeric', async () => {
    const resolver = createHostResolver({
      timeoutMs: 1_000,
      budgetMs: 100,
      concurrency: 1,
      lookup: async (a) => {
        await sleep(60);
        return `n-${a}`;
      },
    });
    const t0 = performance.now();
    await resolver.resolveAll(['a', 'b', 'c', 'd', 'e']);
    expect(performance.now() - t0).toBeLessThan(600);
    expect(resolver.get('a')).toBe('n-a');
    expect(resolver.get('e')).toBeUndefined();
    expect(resolver.started).toBeLessThan(5);
  });

  it("looks nothing up when the budget is spent (the caller's deadline has passed)", async () => {
    let asked = 0;
    const resolver = createHostResolver({
      lookup: async () => {
        asked++;
        return 'x';
      },
    });
    await resolver.resolveAll(['10.0.0.1', '10.0.0.2'], 0);
    expect(asked).toBe(0);
    expect(resolver.get('10.0.0.1')).toBeUndefined();
  });

  it('treats a rejected lookup as "no name"', async () => {
    const resolver = createHostResolver({
      lookup: async () => {
        throw new Error('ENOTFOUND');
      },
    });
    await resolver.resolveAll(['127.0.0.9']);
    expect(resolver.get('127.0.0.9')).toBeUndefined();
  });
});

describe('systemReverseLookup', () => {
  it('answers from /etc/hosts through getnameinfo', async () => {
    const hosts = await import('node:fs').then((fs) => fs.readFileSync('/etc/hosts', 'utf8'));
    const line = hosts.split('\n').find((l) => /^127\.0\.0\.1\s/.test(l));
    if (line === undefined) return; // no entry to check against
    const name = line.split(/\s+/)[1];
    expect(await systemReverseLookup('127.0.0.1')).toBe(name);
  });
});
