/**
 * The real netstat rendering given /proc/net files, through the procnet
 * redirect preload (tools/procnet-redirect.c, built once with gcc).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

export const netstatRenderAvailable =
  process.platform === 'linux' && ['netstat', 'gcc'].every(have);

export interface Renderer {
  render(files: Record<string, string>, args: string[]): string;
  close(): void;
}

export function createRenderer(): Renderer {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-netstat-'));
  const so = join(dir, 'redirect.so');
  execFileSync('gcc', [
    '-shared',
    '-fPIC',
    '-O2',
    '-o',
    so,
    join(import.meta.dirname, '../../../tools/procnet-redirect.c'),
    '-ldl',
  ]);
  let n = 0;
  return {
    render(files, args) {
      const net = join(dir, `case-${n++ % 8}`);
      rmSync(net, { recursive: true, force: true });
      mkdirSync(net);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(net, name), text);
      const r = spawnSync('netstat', args, {
        env: { PATH: process.env.PATH, LC_ALL: 'C', PROCNET_DIR: net, LD_PRELOAD: so },
        encoding: 'latin1',
        timeout: 10_000,
      });
      return r.stdout;
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
