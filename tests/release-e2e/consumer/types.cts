// TypeScript consumer resolving the `require` types (.d.cts) under node16 resolution.
import type { InetSocket } from '@netintro/procnet-reader';
import { decodeAddress, parseProcNet } from '@netintro/procnet-reader';
import { readSockets } from '@netintro/procnet-reader/node';
import type { ServiceEntry } from '@netintro/services-parser';
import { createServicesDb, parseServices } from '@netintro/services-parser';
import { readServicesSync } from '@netintro/services-parser/node';
import { formatInetTable } from '@netintro/socket-formatter';

const entries: ServiceEntry[] = parseServices('http 80/tcp www\n');
const name: string | undefined = createServicesDb(entries).byName('www')?.name;
const sockets: InetSocket[] = parseProcNet('tcp6', '', { endianness: 'big' });
const address: string = decodeAddress('0100007F', 'little');
const table: string = formatInetTable(sockets, { numeric: true });
const files: ServiceEntry[] = readServicesSync('/etc/services');
// @ts-expect-error a port is a number
createServicesDb(entries).byPort('80');

export const used = [name, address, table, files, readSockets];
