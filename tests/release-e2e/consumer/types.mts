// TypeScript consumer resolving the `import` types (.d.ts) under node16 resolution.
import type { InetSocket } from '@netintro/procnet-reader';
import { decodeAddress, parseProcNet } from '@netintro/procnet-reader';
import { readSockets } from '@netintro/procnet-reader/node';
import type { ServiceEntry } from '@netintro/services-parser';
import { createServicesDb, parseServices } from '@netintro/services-parser';
import { readServices } from '@netintro/services-parser/node';
import { formatInetTable, servicesResolverFromDb } from '@netintro/socket-formatter';

const entries: ServiceEntry[] = parseServices('http 80/tcp www\n');
const db = createServicesDb(entries);
const name: string | undefined = db.byPort(80, 'tcp')?.name;
const sockets: InetSocket[] = parseProcNet('tcp', '', { endianness: 'little' });
const address: string = decodeAddress('0100007F', 'little');
const table: string = formatInetTable(
  sockets,
  { all: true },
  { services: servicesResolverFromDb(db) },
);
const files: Promise<ServiceEntry[]> = readServices('/etc/services');
// The types are real, not `any`: wrong arguments must not compile.
// @ts-expect-error a services(5) text is a string
parseServices(80);
// @ts-expect-error not a /proc/net table
parseProcNet('nonsense', '');
// @ts-expect-error `all` is a boolean flag
formatInetTable(sockets, { all: 'yes' });

export const used = [name, address, table, files, readSockets];
