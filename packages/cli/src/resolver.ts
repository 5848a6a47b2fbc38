/**
 * Asynchronous reverse name resolution for the address columns: every
 * distinct address is looked up once (cached), at most `concurrency` at a
 * time, each lookup bounded by `timeoutMs`, and the whole batch bounded by
 * `budgetMs`, so one slow DNS answer cannot stall the table: an address
 * whose answer is late is shown numerically.
 *
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Resolves one address to a host name, or `undefined` when it has none.
 *
 * @example
 * ```ts
 * const fromTable: ReverseLookup = async (a) => (a === '127.0.0.1' ? 'localhost' : undefined);
 * ```
 */
export type ReverseLookup = (address: string) => Promise<string | undefined>;

/**
 * Options of {@link createHostResolver}.
 *
 * @example
 * ```ts
 * const options: HostResolverOptions = { timeoutMs: 1000, concurrency: 4, budgetMs: 2000 };
 * ```
 */
export interface HostResolverOptions {
  /** The lookup (default: `dns.promises.lookupService(address, 0)`, i.e. getnameinfo). */
  lookup?: ReverseLookup;
  /** Longest wait for one answer, in ms (default 1500). */
  timeoutMs?: number;
  /** Lookups in flight at once (default 8). */
  concurrency?: number;
  /** Default longest wait for one {@link HostResolver.resolveAll} call, in ms (default 3000). */
  budgetMs?: number;
}

/**
 * A cache of reverse lookups.
 *
 * @example
 * ```ts
 * const resolver: HostResolver = createHostResolver();
 * await resolver.resolveAll(['::1']);
 * resolver.get('::1'); // 'localhost' (from /etc/hosts)
 * ```
 */
export interface HostResolver {
  /**
   * Resolves every address not yet cached; settles within `budgetMs` (default: the
   * resolver's), never rejects. With a budget of 0 or less nothing is looked up:
   * the new addresses stay numeric.
   */
  resolveAll(addresses: Iterable<string>, budgetMs?: number): Promise<void>;
  /** The cached name of an address (`undefined`: none, failed, timed out or not asked). */
  get(address: string): string | undefined;
  /** How many lookups were started (for tests). */
  readonly started: number;
}

/**
 * The default lookup: glibc getnameinfo, which follows nsswitch.conf (so
 * `/etc/hosts` first) like netstat's gethostbyaddr/getnameinfo. It runs in
 * a helper Node process, not in this one: a getnameinfo call cannot be
 * cancelled, and at exit Node waits for its thread pool, so a silent DNS
 * server (`options timeout:20`) would hold the finished command for 20 s.
 * {@link stopLookups} kills the helper; the command exits as soon as its
 * output is written.
 * @example
 * ```ts
 * await systemReverseLookup('127.0.0.1'); // 'localhost'
 * ```
 */
export const systemReverseLookup: ReverseLookup = (address) =>
  new Promise((resolve) => {
    const helper = lookupHelper();
    if (!helper) {
      resolve(undefined);
      return;
    }
    const id = nextId++;
    pending.set(id, (hostname) =>
      resolve(
        hostname === undefined || hostname === '' || hostname === address ? undefined : hostname,
      ),
    );
    holdOpen(helper, true);
    helper.send({ id, address });
  });

/**
 * Kills the lookup helper (lookups still running answer `undefined`); the
 * promise settles once it has exited, so its IPC socket pair (a UNIX
 * socket in this network namespace) is gone from `/proc/net/unix`. The
 * next lookup starts a new helper.
 * @example
 * ```ts
 * await stopLookups(); // before reading the UNIX table
 * ```
 */
export function stopLookups(): Promise<void> {
  const child = helper;
  helper = undefined;
  if (!child) return Promise.resolve();
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.ref(); // an idle helper is unref'd: without this, the wait could end the event loop
  if (child.connected) child.disconnect();
  child.kill('SIGKILL');
  return exited;
}

// The helper: answers {id, address} messages with {id, name}; exits with its parent.
const HELPER = `const { lookupService } = require('node:dns').promises;
process.on('message', ({ id, address }) => {
  lookupService(address, 0).then((r) => process.send({ id, name: r.hostname }), () => process.send({ id }));
});
process.on('disconnect', () => process.exit(0));`;

let helper: ChildProcess | undefined;

/** The helper keeps this process alive only while a lookup waits for it. */
function holdOpen(child: ChildProcess, hold: boolean): void {
  const channel = child.channel as { ref?: () => void; unref?: () => void } | undefined;
  if (hold) {
    child.ref();
    channel?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
  }
}
let nextId = 0;
const pending = new Map<number, (hostname: string | undefined) => void>();

function lookupHelper(): ChildProcess | undefined {
  if (helper) return helper;
  try {
    const child = spawn(process.execPath, ['-e', HELPER], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...process.env, UV_THREADPOOL_SIZE: '16' },
    });
    child.on('message', (message: { id: number; name?: string }) => {
      pending.get(message.id)?.(message.name);
      pending.delete(message.id);
      if (pending.size === 0) holdOpen(child, false);
    });
    const fail = (): void => {
      for (const answer of pending.values()) answer(undefined);
      pending.clear();
      if (helper === child) helper = undefined;
    };
    child.on('exit', fail);
    child.on('error', fail);
    helper = child;
    return child;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/**
 * Makes a resolver with a cache, bounded concurrency and timeouts.
 *
 * @example
 * ```ts
 * const resolver = createHostResolver({ timeoutMs: 1000 });
 * await resolver.resolveAll(['127.0.0.1', '192.0.2.7']);
 * resolver.get('127.0.0.1'); // 'localhost'
 * resolver.get('192.0.2.7'); // undefined: shown numerically
 * ```
 */
export function createHostResolver(options: HostResolverOptions = {}): HostResolver {
  const lookup = options.lookup ?? systemReverseLookup;
  const timeoutMs = options.timeoutMs ?? 1500;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const budgetMs = options.budgetMs ?? 3000;
  const cache = new Map<string, string | undefined>();
  let started = 0;

  async function resolveAll(addresses: Iterable<string>, budget = budgetMs): Promise<void> {
    const queue = [...new Set(addresses)].filter((a) => !cache.has(a));
    if (queue.length === 0) return;
    if (budget <= 0) {
      for (const address of queue) cache.set(address, undefined);
      return;
    }
    let next = 0;
    let expired = false;
    const worker = async (): Promise<void> => {
      while (!expired && next < queue.length) {
        const address = queue[next++] as string;
        started++;
        const name = await withTimeout(lookup(address), timeoutMs);
        cache.set(address, name);
      }
    };
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, worker);
    await withTimeout(
      Promise.all(workers).then(() => undefined),
      budget,
    );
    expired = true;
    // Whatever was not answered in time stays numeric, and is not asked again.
    for (const address of queue) if (!cache.has(address)) cache.set(address, undefined);
  }

  return {
    resolveAll,
    get: (address) => cache.get(address),
    get started() {
      return started;
    },
  };
}
