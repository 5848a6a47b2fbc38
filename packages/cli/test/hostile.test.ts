/**
 * Issue 10, defects 2, 3 and 6, on the built command (dist/netintro.cjs) in
 * private network + mount namespaces: a huge -c argument, a DNS server that
 * never answers, and a reader that goes away after one line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/netintro.cjs');
const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const runnable =
  process.getuid?.() === 0 && existsSync(cli) && ['unshare', 'ip', 'bash', 'netstat'].every(have);

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a bash script in `unshare -n -m` with loopback up; returns stdout, stderr, status. */
function inNamespace(script: string, timeout = 90_000) {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, `set -u\nip link set lo up\n${script}\n`);
  return spawnSync('unshare', ['-n', '-m', 'bash', file], { encoding: 'utf8', timeout });
}

/** A node program that holds sockets open and prints "ready". */
function holder(body: string): string {
  const file = join(dir, `holder-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(
    file,
    `const dgram = require('node:dgram'); const net = require('node:net');\n${body}\nsetTimeout(() => process.exit(0), 120000);\n`,
  );
  return file;
}

const waitReady = (log: string) =>
  `for i in $(seq 100); do grep -q ready ${log} 2>/dev/null && break; sleep 0.1; done`;

describe.skipIf(!runnable)('the command under hostile conditions', () => {
  it('-c takes no argument: a huge number neither overflows the timer nor speeds up the repeats (defect 2)', () => {
    const r = spawnSync('timeout', ['2.5', process.execPath, cli, '-c', '2147484', '-tn'], {
      encoding: 'utf8',
    });
    const real = spawnSync('timeout', ['2.5', 'netstat', '-c', '2147484', '-tn'], {
      encoding: 'utf8',
    });
    const headers = (text: string) => text.split('\n').filter((l) => l.startsWith('Active')).length;
    expect(r.stderr).not.toMatch(/TimeoutOverflowWarning/);
    // One listing a second, like netstat (3 in 2.5 s; 71 before the fix).
    expect(headers(r.stdout)).toBeGreaterThanOrEqual(2);
    expect(headers(r.stdout)).toBeLessThanOrEqual(headers(real.stdout) + 1);
  });

  it('exits once its output is written, whatever a silent DNS server does (defect 3)', () => {
    // A resolver that waits 30 s for a DNS server on 127.0.0.1:53 that never answers.
    writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n');
    writeFileSync(
      join(dir, 'resolv.conf'),
      'nameserver 127.0.0.1\noptions timeout:30 attempts:1\n',
    );
    writeFileSync(join(dir, 'nsswitch.conf'), 'hosts: files dns\n');
    const sockets = holder(`
      const silent = dgram.createSocket('udp4');
      silent.bind(53, '127.0.0.1', () => {
        net.createServer(() => {}).listen(80, '127.0.0.5', () => {
          net.connect({ port: 80, host: '127.0.0.5', localAddress: '127.0.0.6' }, () => console.log('ready'));
        });
      });`);
    const r = inNamespace(`
      for f in hosts resolv.conf nsswitch.conf; do mount --bind ${dir}/$f /etc/$f; done
      node ${sockets} > ${dir}/dns-ready & ${waitReady(`${dir}/dns-ready`)}
      start=$(date +%s%N)
      out=$("${process.execPath}" ${cli} -at)
      end=$(date +%s%N)
      echo "$out"
      echo "elapsed_ms $(( (end - start) / 1000000 ))"
      kill %1`);
    expect(r.stdout).toMatch(/127\.0\.0\.6:\d+ +127\.0\.0\.5:http +ESTABLISHED/);
    const elapsed = Number(/elapsed_ms (\d+)/.exec(r.stdout)?.[1]);
    // The bound: DNS gets 3 s per listing (README), then the command exits.
    // Before the fix it ended only when the resolver gave up (30 s here).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('starts its DNS helper only to look names up, and never lists its UNIX sockets (defect 3)', () => {
    // A preload logs every child process the command starts (the helper inherits it, harmlessly).
    const log = join(dir, 'spawned.log');
    const hook = join(dir, 'spawn-hook.cjs');
    writeFileSync(
      hook,
      `const cp = require('node:child_process'); const fs = require('node:fs');
const spawn = cp.spawn;
cp.spawn = function (command, args, ...rest) {
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify([command, ...(args ?? [])].slice(0, 2)) + '\\n');
  return spawn.call(this, command, args, ...rest);
};\n`,
    );
    writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n');
    // Nothing listens on 127.0.0.1:53: lookups of unknown addresses fail at once.
    writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
    writeFileSync(join(dir, 'nsswitch.conf'), 'hosts: files dns\n');
    const sockets = holder(`
      net.createServer(() => {}).listen(80, '127.0.0.5', () => {
        net.connect({ port: 80, host: '127.0.0.5', localAddress: '127.0.0.6' }, () => console.log('ready'));
      });`);
    // Outputs go to files: a pipe made by Node would itself be a UNIX socket pair in the namespace.
    const run = (name: string, flags: string) =>
      `: > ${log}; NODE_OPTIONS="--require ${hook}" "${process.execPath}" ${cli} ${flags} > ${dir}/${name}.out 2>&1; echo "${name} $?"; cat ${dir}/${name}.out; echo "${name} spawned: $(cat ${log} | tr '\\n' ' ')"`;
    const r = inNamespace(`
      for f in hosts resolv.conf nsswitch.conf; do mount --bind ${dir}/$f /etc/$f; done
      node ${sockets} > ${dir}/helper-ready & ${waitReady(`${dir}/helper-ready`)}
      ${run('names', '-a')}
      ${run('numeric', '-an')}
      ${run('unix', '-x')}
      kill %1`);
    const section = (name: string): [string, string] => {
      const [out = '', rest = ''] =
        r.stdout.split(`${name} 0\n`)[1]?.split(`${name} spawned:`) ?? [];
      return [out, rest.split('\n')[0] ?? ''];
    };
    const [names = '', namesSpawned = ''] = section('names');
    const [numeric = '', numericSpawned = ''] = section('numeric');
    const [unix = '', unixSpawned = ''] = section('unix');
    // Names asked: one helper, and it is this Node running -e, never netstat, ss or a shell.
    expect(names).toMatch(/127\.0\.0\.6:\d+ +127\.0\.0\.5:http +ESTABLISHED/);
    expect(namesSpawned.trim()).toBe(JSON.stringify([process.execPath, '-e']));
    // The UNIX section lists no socket: the namespace has none but the helper's, gone before the read.
    expect(names).toMatch(
      /^Active UNIX domain sockets \(servers and established\)\nProto RefCnt .*\n$/m,
    );
    expect(names.split('Active UNIX domain sockets')[1]?.trim().split('\n')).toHaveLength(2);
    // -n and -x look nothing up: no helper at all.
    expect(numeric).toMatch(/127\.0\.0\.6:\d+ +127\.0\.0\.5:80 +ESTABLISHED/);
    expect(numericSpawned.trim()).toBe('');
    expect(unix).toMatch(/^Active UNIX domain sockets/);
    expect(unixSpawned.trim()).toBe('');
  });

  it('exits 141 when its reader goes away, like netstat (defect 6)', () => {
    // 3000 UDP sockets: far more output than a pipe holds.
    const sockets = holder(`
      let bound = 0;
      for (let i = 0; i < 3000; i++) {
        const s = dgram.createSocket('udp4');
        s.bind(0, '127.0.0.1', () => { if (++bound === 3000) console.log('ready'); });
      }`);
    const r = inNamespace(`
      node ${sockets} > ${dir}/pipe-ready & ${waitReady(`${dir}/pipe-ready`)}
      netstat -anu | head -1 > /dev/null; echo "netstat \${PIPESTATUS[0]}"
      "${process.execPath}" ${cli} -anu | head -1 > /dev/null; echo "netintro \${PIPESTATUS[0]}"
      "${process.execPath}" ${cli} -anu --json | head -1 > /dev/null; echo "json \${PIPESTATUS[0]}"
      kill %1`);
    expect(r.stdout).toContain('netstat 141');
    expect(r.stdout).toContain('netintro 141');
    expect(r.stdout).toContain('json 141');
    expect(r.stderr).toBe('');
  });
});
