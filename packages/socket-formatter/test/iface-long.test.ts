// Cases the golden namespace cannot build (hardware types and ioctl values a
// container cannot create); expectations written from net-tools 2.10's
// lib/interface.c ife_print_long and lib/<type>.c printers.
import { describe, expect, it } from 'vitest';
import {
  formatInterfaceBlock,
  hardwareTypeText,
  type InterfaceDetails,
  interfaceBytesText,
  interfaceFlagsLongText,
} from '../src/index.js';

const base: InterfaceDetails = { name: 'x0', flags: 0x41, mtu: 1500, hardwareType: 1 };
const hwLine = (d: Partial<InterfaceDetails>): string =>
  formatInterfaceBlock({ ...base, ...d }, []).split('\n')[1] ?? '';

describe('formatInterfaceBlock', () => {
  it('prints each hardware type with its own address printer', () => {
    expect(hwLine({ hardwareType: 27, hardwareAddress: '02:00:00:ff:fe:00:00:01' })).toBe(
      '        eui64 02:00:00:FF:FE:00:00:01  (Generic EUI-64)',
    );
    expect(hwLine({ hardwareType: 774, hardwareAddress: '0a:0b:0c:0d:0e:0f' })).toBe(
      '        fddi 0A-0B-0C-0D-0E-0F  (Fiber Distributed Data Interface)',
    );
    // pr_tunnel returns "", so a space is left before the two of txqueuelen.
    expect(hwLine({ hardwareType: 768, hardwareAddress: '0a:00:00:01', txQueueLength: 1000 })).toBe(
      '        tunnel   txqueuelen 1000  (IPIP Tunnel)',
    );
    expect(hwLine({ hardwareType: 776, txQueueLength: 1000 })).toBe(
      '        sit  txqueuelen 1000  (IPv6-in-IPv4)',
    );
    // GRE (778) is no net-tools type: unspec, 8 bytes of the address then zeros.
    expect(hwLine({ hardwareType: 778, hardwareAddress: '0a:00:00:01' })).toBe(
      '        unspec 0A-00-00-01-00-00-00-00-00-00-00-00-00-00-00-00  (UNSPEC)',
    );
    expect(hardwareTypeText(512)).toEqual({ name: 'ppp', title: 'Point-to-Point Protocol' });
  });

  it('prints compressed counters for CSLIP and the device line from SIOCGIFMAP', () => {
    const z = { errs: 0, drop: 0, fifo: 0, compressed: 0 };
    const counters = {
      iface: 'sl0',
      rx: { ...z, bytes: 0, packets: 0, frame: 0, multicast: 0, compressed: 5 },
      tx: { ...z, bytes: 0, packets: 0, colls: 0, carrier: 0, compressed: 6 },
      line: 3,
    };
    const text = formatInterfaceBlock(
      {
        name: 'sl0',
        flags: 0x2011,
        mtu: 296,
        hardwareType: 257,
        counters,
        map: { irq: 4, baseAddress: 0x3f8, memoryStart: 0xd0000, memoryEnd: 0xd3fff, dma: 3 },
      },
      [],
    );
    expect(text).toBe(
      'sl0: flags=8209<UP,POINTOPOINT>  mtu 296\n' +
        '        cslip  (VJ Serial Line IP)\n' +
        '        media unknown\n' +
        '        RX packets 0  bytes 0 (0.0 B)\n' +
        '        RX compressed:5\n' +
        '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
        '        TX packets 0  bytes 0 (0.0 B)\n' +
        '        TX compressed 6\n' +
        '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n' +
        '        device interrupt 4  base 0x3f8  memory 0xd0000-d3fff    dma 0x3\n' +
        '\n',
    );
  });

  it('prints [NONE SET] for a broadcast or peer the kernel did not report', () => {
    const text = formatInterfaceBlock(
      { ...base, flags: 0x13, ipv4: { address: '10.0.0.1', netmask: '255.0.0.0' } },
      [],
    );
    expect(text.split('\n')[1]).toBe(
      '        inet 10.0.0.1  netmask 255.0.0.0  broadcast [NONE SET]  destination [NONE SET]',
    );
  });
});

describe('interfaceFlagsLongText', () => {
  it('closes the list the way netstat does, also for no or unknown flags', () => {
    expect(interfaceFlagsLongText(0)).toBe('flags=0<');
    expect(interfaceFlagsLongText(0x10000 | 0x1)).toBe('flags=1<UP>');
    expect(interfaceFlagsLongText(0x2000)).toBe('flags=8192');
    expect(interfaceFlagsLongText(0x8000)).toBe('flags=-32768<DYNAMIC>');
  });
});

describe('interfaceBytesText', () => {
  it('switches unit only above 1024 of the smaller one and rounds down', () => {
    expect(interfaceBytesText(0)).toBe('0.0 B');
    expect(interfaceBytesText(1024)).toBe('1024.0 B');
    expect(interfaceBytesText(1025)).toBe('1.0 KiB');
    expect(interfaceBytesText(2047)).toBe('1.9 KiB');
    // EiB divides by 115292150460684697 (2^60 / 10 rounded down): 2^64 - 1 reaches 160.
    expect(interfaceBytesText(2n ** 64n - 1n)).toBe('16.0 EiB');
    expect(interfaceBytesText(2n ** 64n - 2048n)).toBe('15.9 EiB');
  });
});
