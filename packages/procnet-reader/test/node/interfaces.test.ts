// readInterfaceDetails on a fixture tree: captured fib_trie and route
// (fixtures/interfaces/README.md), sysfs values as that namespace showed them.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFibTrieLocal, readInterfaceDetails, sysfsMatches } from '../../src/node.js';

const captured = fileURLToPath(new URL('../../fixtures/interfaces', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netintro-ifdetails-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// name type address tx_queue_len mtu flags operstate
const SYSFS = `br0 1 02:00:00:00:00:0c 1000 1500 0x1002 down
eth10 1 02:00:00:00:00:10 1000 1500 0x3 up
eth2 1 02:00:00:00:00:22 1000 1500 0x9003 up
lo 772 00:00:00:00:00:00 1000 65536 0x9 unknown
tap0 1 02:00:00:00:00:0a 1000 1500 0x1083 down
tun0 65534 - 500 1500 0x1091 down
veth0 1 02:00:00:00:00:01 4242 9000 0x1003 lowerlayerdown
veth1 1 02:00:00:00:00:02 1000 1500 0x1302 down`;

function tree(): { root: string; sys: string } {
  const root = join(dir, 'proc');
  const sys = join(dir, 'sys');
  mkdirSync(join(root, 'net'), { recursive: true });
  cpSync(join(captured, 'fib_trie'), join(root, 'net/fib_trie'));
  cpSync(join(captured, 'route'), join(root, 'net/route'));
  let dev = 'Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n';
  for (const line of SYSFS.split('\n')) {
    const [name, type, address, txq, mtu, flags, operstate] = line.split(' ') as string[];
    const d = join(sys, 'class/net', name as string);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'type'), `${type}\n`);
    writeFileSync(join(d, 'address'), address === '-' ? '\n' : `${address}\n`);
    writeFileSync(join(d, 'tx_queue_len'), `${txq}\n`);
    writeFileSync(join(d, 'mtu'), `${mtu}\n`);
    writeFileSync(join(d, 'flags'), `${flags}\n`);
    writeFileSync(join(d, 'operstate'), `${operstate}\n`);
    dev += `${name}: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n`;
  }
  writeFileSync(join(root, 'net/dev'), dev);
  writeFileSync(
    join(root, 'net/if_inet6'),
    '00000000000000000000000000000001 01 80 10 80       lo\n',
  );
  return { root, sys };
}

describe('readInterfaceDetails', () => {
  it('finds each IPv4 address from fib_trie and route, with link facts from sysfs', () => {
    const { root, sys } = tree();
    const { interfaces, ipv6 } = readInterfaceDetails({ root, sysRoot: sys });
    const by = new Map(interfaces.map((i) => [i.name, i]));
    expect([...by.keys()].sort()).toEqual(
      ['br0', 'eth10', 'eth2', 'lo', 'tap0', 'tun0', 'veth0', 'veth1'].sort(),
    );
    expect(by.get('lo')).toMatchObject({
      flags: 0x49, // RUNNING added: up, operstate unknown
      mtu: 65536,
      hardwareType: 772,
      txQueueLength: 1000,
      ipv4: { address: '127.0.0.1', netmask: '255.0.0.0' },
      counters: { rx: { bytes: 1, packets: 2 } },
    });
    expect(by.get('lo')?.ipv4?.broadcast).toBeUndefined(); // no BROADCAST flag
    // The first of veth0's two addresses; its alias label is not seen (documented).
    expect(by.get('veth0')?.ipv4).toEqual({
      address: '10.1.2.3',
      netmask: '255.255.255.0',
      broadcast: '10.1.2.255',
    });
    expect(by.get('veth0')?.flags).toBe(0x1003); // lowerlayerdown: not RUNNING
    expect(by.get('eth2')?.ipv4).toEqual({
      address: '10.20.30.40',
      netmask: '255.255.0.0',
      broadcast: '10.20.255.255',
    });
    expect(by.get('eth10')?.ipv4).toEqual({
      address: '192.0.2.1',
      netmask: '255.255.255.254',
      broadcast: '0.0.0.0',
    });
    expect(by.get('tun0')).toMatchObject({
      hardwareType: 65534,
      hardwareAddress: '',
      ipv4: { address: '10.9.0.1', netmask: '255.255.255.255', destination: '10.9.0.2' },
    });
    expect(by.get('br0')?.ipv4).toBeUndefined();
    expect(ipv6.map((a) => `${a.iface} ${a.address}`)).toEqual(['lo ::1']);
    expect(sysfsMatches(root, sys)).toBe(true);
    expect(sysfsMatches(root, join(dir, 'nowhere'))).toBe(false);
  });

  it('parses the local table of fib_trie only', () => {
    const text =
      'Main:\n  |-- 10.0.0.1\n     /32 host LOCAL\nLocal:\n  |-- 10.0.0.2\n     /32 host LOCAL\n  |-- 127.0.0.0\n     /8 host LOCAL\n';
    expect(parseFibTrieLocal(text)).toEqual({
      addresses: ['10.0.0.2'],
      prefixes: [['127.0.0.0', 8]],
    });
  });
});
