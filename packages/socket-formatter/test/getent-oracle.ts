/**
 * glibc as an oracle for the text resolvers: `getent hosts ADDRESS` and
 * `getent networks ADDRESS` in a private mount namespace where our text is
 * bind-mounted over /etc/hosts or /etc/networks (and nsswitch says `files`).
 * One namespace per batch; every key is answered by its own getent run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Whether the oracle can run here (root for the mount namespace, getent, unshare). */
export const getentAvailable =
  process.getuid?.() === 0 && ['getent', 'unshare'].every(have) && process.platform === 'linux';

/**
 * Address parts glibc reads in its own way (leading zeros as octal, 0x as
 * hex, out-of-range and malformed numbers), for random hosts/networks files.
 */
export const ADDRESS_PIECES: readonly string[] = [
  '0',
  '00',
  '010',
  '08',
  '0x1f',
  'X2',
  '255',
  '256',
  '1',
  '12',
  '0x',
  '7',
  '9',
  '200',
];

/** Every byte C's isspace() accepts between fields, and two spaces. */
export const C_SPACES: readonly string[] = [' ', '\t', '\v', '\f', '\r', '  '];

// Each answer ends with a marker line; an empty answer (not found) is just the marker.
const LOOP = 'while IFS= read -r key; do getent "$DB" "$key"; echo "--end--"; done';

/**
 * Reverse lookups through glibc: for each address, the name glibc returns
 * (`''` for a line with no name), or undefined when it finds nothing.
 */
export function getentLookup(
  database: 'hosts' | 'networks',
  fileText: string,
  addresses: readonly string[],
): (string | undefined)[] {
  const dir = mkdtempSync(join(tmpdir(), 'getent-oracle-'));
  try {
    writeFileSync(join(dir, 'file'), Buffer.from(fileText, 'latin1'));
    writeFileSync(join(dir, 'nsswitch.conf'), 'hosts: files\nnetworks: files\n');
    const script = [
      `mount --bind ${dir}/file /etc/${database}`,
      `mount --bind ${dir}/nsswitch.conf /etc/nsswitch.conf`,
      LOOP,
    ].join(' && ');
    const stdout = execFileSync('unshare', ['-m', 'sh', '-c', script], {
      input: addresses.map((a) => `${a}\n`).join(''),
      env: { PATH: process.env.PATH, LC_ALL: 'C', DB: database },
      encoding: 'latin1',
      timeout: 60_000 + addresses.length * 50,
      maxBuffer: 1 << 26,
    });
    const blocks = stdout.split('--end--\n');
    return addresses.map((_, i) => {
      const answer = blocks[i] ?? '';
      if (answer === '') return undefined;
      // hosts: "ADDRESS<spaces>NAME aliases"; networks: "NAME<spaces>NUMBER".
      const fields = answer.replace(/\n$/, '').split(/ +/);
      return database === 'hosts' ? (fields[1] ?? '') : fields[0];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
