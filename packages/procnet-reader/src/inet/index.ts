/**
 * The Internet socket tables (`/proc/net/tcp`, `udp`, `raw` and their IPv6
 * and UDP-Lite siblings): what the rest of the package imports of them.
 * - `tables.ts`: the table list and facts, header and row recognition.
 * - `parse.ts`: the public parsers and the table loop.
 * - `byte-scanner.ts` / `text-scanner.ts`: the two line scanners.
 * - `cursor.ts`: the scan state each parse owns.
 * - `records.ts`: building records from a scanned row.
 * - `filter.ts`: row filters for the node readers.
 *
 * @module
 */

export type { RowFilter } from './filter.js';
export {
  parseInetLine,
  parseInetTable,
  parseRaw,
  parseRaw6,
  parseRows,
  parseTcp,
  parseTcp6,
  parseUdp,
  parseUdp6,
  parseUdplite,
  parseUdplite6,
} from './parse.js';
export {
  INET_TABLES,
  INET4_TABLES,
  INET6_TABLES,
  rowShape,
  socketTableOfHeader,
  tableFamily,
} from './tables.js';
