/**
 * `--netns <pid|/run/netns/NAME|NAME>`: which `/proc/<pid>` shows the
 * sockets of another network namespace. A pid is used directly. A path
 * (or a name under `/run/netns`, as `ip netns add` makes them) is matched
 * against `/proc/<pid>/ns/net` of every process: Node cannot `setns()`, so
 * some process must live in the namespace. Socket owners (`-p`) are found
 * by scanning every process, since socket inodes are unique across
 * namespaces.
 *
 * @module
 */
import { readdirSync, statSync } from 'node:fs';

/**
 * The outcome of {@link resolveNetns}.
 *
 * @example
 * ```ts
 * const r: NetnsRoot = { ok: true, root: '/proc/4242', pid: 4242 };
 * ```
 */
export type NetnsRoot = { ok: true; root: string; pid: number } | { ok: false; message: string };

/**
 * Finds a `/proc/<pid>` whose `net/` belongs to the namespace named by
 * `spec`.
 *
 * @example
 * ```ts
 * resolveNetns('4242'); // { ok: true, root: '/proc/4242', pid: 4242 } if that process exists
 * resolveNetns('blue'); // looks for a process in /run/netns/blue
 * ```
 */
export function resolveNetns(spec: string, procRoot = '/proc', netnsDir = '/run/netns'): NetnsRoot {
  if (/^\d+$/.test(spec)) {
    const pid = Number(spec);
    try {
      statSync(`${procRoot}/${pid}/net/dev`);
    } catch {
      return {
        ok: false,
        message: `--netns ${spec}: no process ${pid} (or its ${procRoot}/${pid}/net is unreadable)`,
      };
    }
    return { ok: true, root: `${procRoot}/${pid}`, pid };
  }
  const path = spec.includes('/') ? spec : `${netnsDir}/${spec}`;
  let target: { dev: number; ino: number };
  try {
    target = statSync(path);
  } catch (error) {
    return {
      ok: false,
      message: `--netns ${spec}: cannot open ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  let pids: number[];
  try {
    pids = readdirSync(procRoot)
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    pids = [];
  }
  for (const pid of pids) {
    try {
      const ns = statSync(`${procRoot}/${pid}/ns/net`);
      if (ns.ino === target.ino && ns.dev === target.dev)
        return { ok: true, root: `${procRoot}/${pid}`, pid };
    } catch {
      // exited meanwhile, or not ours to inspect
    }
  }
  return {
    ok: false,
    message:
      `--netns ${spec}: no process lives in the network namespace ${path}, and netintro cannot enter ` +
      `one itself (Node has no setns); start one there (ip netns exec NAME sleep infinity &) ` +
      `or run netintro inside it (ip netns exec NAME netintro ...)`,
  };
}
