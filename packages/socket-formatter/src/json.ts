/**
 * The stable JSON form of the socket tables (`netintro --json`): one object
 * per socket with every field of the parsed record plus the names the
 * resolvers gave. The schema is documented in the README and exported as
 * {@link SOCKETS_JSON_SCHEMA}. Parser internals (`slot`, `pointer`, `line`)
 * are left out unless `options.internals` is set.
 *
 * @module
 */

import type { Endpoint, InetSocket, SocketProcess, UnixSocket } from '@netintro/procnet-reader';
import { type NetstatFlags, resolveFlags } from './flags.js';
import { inetSocketSelected, isServerSocket, sortInetSockets } from './inet.js';
import type { SocketInput } from './netstat.js';
import { type JsonOptions, withoutInternals } from './reports-json.js';
import type { Resolvers } from './resolvers.js';
import { isUnixServer } from './unix.js';

/**
 * Version of the JSON document layout; bumped only on incompatible change.
 *
 * @example
 * ```ts
 * JSON.parse(toJson({ inet: [] })).version === SOCKETS_JSON_VERSION; // true
 * ```
 */
export const SOCKETS_JSON_VERSION = 1;

/**
 * An endpoint with the names netstat would print for it.
 *
 * @example
 * ```ts
 * const e: EndpointJson = { address: '127.0.0.1', addressHex: '0100007F', port: 22, host: 'localhost', service: 'ssh' };
 * ```
 */
export interface EndpointJson extends Endpoint {
  /** Host name from the `hosts` resolver (absent when numeric or unknown). */
  host?: string;
  /** Service (or, for raw sockets, IP protocol) name (absent when numeric, unknown or port 0). */
  service?: string;
}

/**
 * One Internet socket in the JSON form.
 *
 * @example
 * ```ts
 * const s = socketsJson({ inet: sockets }).sockets[0] as InetSocketJson;
 * s.local.service; // 'ssh'
 * ```
 */
export interface InetSocketJson
  extends Omit<InetSocket, 'local' | 'remote' | 'slot' | 'line' | 'pointer'> {
  /** Kernel socket address, TCP only (only with `internals`). */
  pointer?: string;
  /** The row's `sl` number (only with `internals`). */
  slot?: number;
  /** 1-based line in the table's text (only with `internals`). */
  line?: number;
  kind: 'inet';
  local: EndpointJson;
  remote: EndpointJson;
  /** netstat's server rule (TCP: remote port 0; others: remote address all zeros). */
  server: boolean;
  /** User name from the `users` resolver. */
  user?: string;
  /** Owning process from the `processes` resolver. */
  process?: SocketProcess;
}

/**
 * One UNIX socket in the JSON form.
 *
 * @example
 * ```ts
 * const u = socketsJson({ unix }, { unix: true, all: true }).sockets[0] as UnixSocketJson;
 * u.path; // '/run/dbus/system_bus_socket'
 * ```
 */
export interface UnixSocketJson extends Omit<UnixSocket, 'pointer' | 'line'> {
  /** Kernel socket address (only with `internals`). */
  pointer?: string;
  /** 1-based line in the table's text (only with `internals`). */
  line?: number;
  kind: 'unix';
  /** Unconnected and accepting connections. */
  server: boolean;
  process?: SocketProcess;
}

/**
 * The whole JSON document.
 *
 * @example
 * ```ts
 * const doc: SocketsJson = socketsJson({ inet: sockets }, { all: true });
 * doc.sockets.length;
 * ```
 */
export interface SocketsJson {
  version: typeof SOCKETS_JSON_VERSION;
  sockets: (InetSocketJson | UnixSocketJson)[];
}

function endpointJson(
  e: Endpoint,
  s: InetSocket,
  f: ReturnType<typeof resolveFlags>,
  r: Resolvers,
): EndpointJson {
  const out: EndpointJson = { ...e };
  const mapped = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(e.address);
  const wildcard = e.address === '0.0.0.0' || e.address === '::';
  if (!f.numericHosts && !mapped && !wildcard) {
    const host = e.address.startsWith('0.')
      ? r.networks?.(e.address)
      : r.hosts?.(e.address, s.family);
    if (host !== undefined) out.host = host;
  }
  if (!f.numericPorts && e.port !== 0) {
    const service =
      s.protocol === 'raw'
        ? (r.protocols?.(e.port) ?? r.services?.(e.port, 'raw'))
        : r.services?.(e.port, s.protocol === 'tcp' ? 'tcp' : 'udp');
    if (service !== undefined) out.service = service;
  }
  return out;
}

/**
 * One Internet socket as its JSON object.
 *
 * @example
 * ```ts
 * inetSocketJson(socket, {}, { services: () => 'ssh' }).local.service; // 'ssh'
 * ```
 */
export function inetSocketJson(
  s: InetSocket,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: JsonOptions = {},
): InetSocketJson {
  const f = resolveFlags(flags);
  const out: InetSocketJson = {
    kind: 'inet',
    ...withoutInternals(s, options),
    local: endpointJson(s.local, s, f, resolvers),
    remote: endpointJson(s.remote, s, f, resolvers),
    server: isServerSocket(s),
  };
  if (!f.numericUsers) {
    const user = resolvers.users?.(s.uid);
    if (user !== undefined) out.user = user;
  }
  const p = s.inode === '0' ? undefined : resolvers.processes?.(s.inode);
  if (p) out.process = { ...p };
  return out;
}

/**
 * One UNIX socket as its JSON object.
 *
 * @example
 * ```ts
 * unixSocketJson(listening).server; // true
 * ```
 */
export function unixSocketJson(
  s: UnixSocket,
  resolvers: Resolvers = {},
  options: JsonOptions = {},
): UnixSocketJson {
  const out: UnixSocketJson = {
    kind: 'unix',
    ...withoutInternals(s, options),
    server: isUnixServer(s),
  };
  const p = s.inode === '0' ? undefined : resolvers.processes?.(s.inode);
  if (p) out.process = { ...p };
  return out;
}

/**
 * The JSON document for the sockets `flags` select (the same rows the
 * tables would show, in the same order): `{ version: 1, sockets: [...] }`.
 *
 * @example
 * ```ts
 * const doc = socketsJson({ inet: sockets }, { tcp: true, listening: true });
 * doc.sockets[0]?.kind; // 'inet'
 * ```
 */
export function socketsJson(
  input: SocketInput,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: JsonOptions = {},
): SocketsJson {
  const f = resolveFlags(flags);
  const sockets: (InetSocketJson | UnixSocketJson)[] = [];
  if (f.tcp || f.udp || f.udplite || f.raw) {
    for (const s of sortInetSockets(input.inet ?? [])) {
      if (inetSocketSelected(s, f)) sockets.push(inetSocketJson(s, f, resolvers, options));
    }
  }
  if (f.unix) {
    for (const s of input.unix ?? []) {
      if (f.all || isUnixServer(s) === f.listening)
        sockets.push(unixSocketJson(s, resolvers, options));
    }
  }
  return { version: SOCKETS_JSON_VERSION, sockets };
}

/**
 * {@link socketsJson} as text: pretty-printed with two spaces, ending in a
 * newline, keys in a fixed order.
 *
 * @example
 * ```ts
 * process.stdout.write(toJson({ inet: sockets }, { all: true }));
 * // {
 * //   "version": 1,
 * //   "sockets": [ ... ]
 * // }
 * ```
 */
export function toJson(
  input: SocketInput,
  flags: NetstatFlags = {},
  resolvers: Resolvers = {},
  options: JsonOptions = {},
): string {
  return `${JSON.stringify(socketsJson(input, flags, resolvers, options), null, 2)}\n`;
}

const endpointSchema = {
  type: 'object',
  required: ['address', 'addressHex', 'port'],
  properties: {
    address: { type: 'string', description: 'Dotted quad, RFC 5952 IPv6, or ::ffff:a.b.c.d' },
    addressHex: { type: 'string', description: 'The address as the kernel printed it' },
    port: { type: 'integer', minimum: 0, maximum: 65535, description: 'Raw sockets: IP protocol' },
    host: {
      type: 'string',
      description:
        'Host (or, for 0.x.y.z, network) name from the resolvers; absent when numeric or unknown',
    },
    service: {
      type: 'string',
      description:
        'Service name (raw sockets: IP protocol name); absent when numeric, unknown or port 0',
    },
  },
} as const;

const processSchema = {
  type: 'object',
  required: ['pid', 'fd', 'command'],
  properties: {
    pid: { type: 'integer', description: 'Process id' },
    fd: { type: 'integer', description: 'File descriptor number of the socket in that process' },
    command: { type: 'string', description: 'Program name as netstat shows it' },
  },
} as const;

/**
 * JSON Schema (draft 2020-12) of the document {@link toJson} prints.
 *
 * @example
 * ```ts
 * SOCKETS_JSON_SCHEMA.properties.version.const; // 1
 * ```
 */
// Built in a function marked pure: the spread endpoint and process parts
// would otherwise keep the whole schema in every bundle that imports anything.
export const SOCKETS_JSON_SCHEMA = /* @__PURE__ */ (() =>
  ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/netintro/netintro/schemas/sockets-v1.json',
    title: 'netintro sockets',
    description: 'The socket tables of `netintro --json` (socketsJson, toJson)',
    type: 'object',
    required: ['version', 'sockets'],
    properties: {
      version: { const: 1, description: 'Layout version (SOCKETS_JSON_VERSION)' },
      sockets: {
        type: 'array',
        description: 'One object per row the table would show, in the same order',
        items: {
          description: 'An Internet socket (kind inet) or a UNIX socket (kind unix)',
          oneOf: [
            {
              type: 'object',
              required: [
                'kind',
                'table',
                'protocol',
                'family',
                'local',
                'remote',
                'stateCode',
                'state',
                'txQueue',
                'rxQueue',
                'timerCode',
                'timer',
                'timerTicks',
                'retransmits',
                'uid',
                'timeout',
                'inode',
                'server',
              ],
              properties: {
                kind: { const: 'inet', description: 'inet: an Internet socket' },
                table: {
                  description: 'The /proc/net table of the row',
                  enum: ['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6'],
                },
                protocol: {
                  enum: ['tcp', 'udp', 'udplite', 'raw'],
                  description: 'Transport protocol',
                },
                family: { enum: [4, 6], description: '4 or 6' },
                slot: { type: 'integer', description: 'The sl column (only with internals)' },
                local: { ...endpointSchema, description: 'Local endpoint' },
                remote: { ...endpointSchema, description: 'Remote endpoint (the peer)' },
                stateCode: { type: 'integer', description: 'Raw st column value' },
                state: {
                  type: 'string',
                  description:
                    'State name (TCP states; datagram sockets: ESTABLISHED or CLOSE; UNKNOWN outside the table)',
                },
                txQueue: { type: 'integer', description: 'Bytes queued for sending (Send-Q)' },
                rxQueue: { type: 'integer', description: 'Bytes received but not read (Recv-Q)' },
                timerCode: { type: 'integer', description: 'Timer kind code (tr column)' },
                timer: {
                  enum: ['off', 'on', 'keepalive', 'timewait', 'probe', 'unknown'],
                  description: 'Timer kind name',
                },
                timerTicks: {
                  type: 'integer',
                  description: 'Timer expiry in clock ticks (tm->when)',
                },
                retransmits: { type: 'integer', description: 'retrnsmt column' },
                uid: { type: 'integer', description: 'Owner uid' },
                timeout: { type: 'integer', description: 'timeout column (unanswered probes)' },
                inode: {
                  type: 'string',
                  pattern: '^[0-9]+$',
                  description: "Socket inode, decimal text ('0' for mini-sockets)",
                },
                refCount: {
                  type: 'integer',
                  description: 'Reference count, when the table has it',
                },
                pointer: {
                  type: 'string',
                  description: 'Kernel socket address, hashed (only with internals)',
                },
                rto: {
                  type: 'integer',
                  description: 'TCP full sockets: retransmit timeout (ticks)',
                },
                ato: {
                  type: 'integer',
                  description: 'TCP full sockets: delayed-ack timeout (ticks)',
                },
                quickAck: {
                  type: 'integer',
                  description: 'TCP full sockets: (quick << 1) | pingpong',
                },
                cwnd: { type: 'integer', description: 'TCP full sockets: congestion window' },
                ssthresh: {
                  type: 'integer',
                  description: 'TCP full sockets: slow-start threshold (-1 in initial slow start)',
                },
                drops: { type: 'integer', description: 'UDP and raw sockets: dropped datagrams' },
                extra: {
                  type: 'array',
                  items: { type: 'string', description: 'One further column' },
                  description: 'Further columns a newer kernel prints, kept verbatim',
                },
                line: {
                  type: 'integer',
                  description: '1-based line of the row in its table (only with internals)',
                },
                server: {
                  type: 'boolean',
                  description:
                    "netstat's server rule (TCP: remote port 0; others: remote address all zeros)",
                },
                user: {
                  type: 'string',
                  description: 'User name of uid from the users resolver (not with numeric users)',
                },
                process: {
                  ...processSchema,
                  description: 'The process holding the socket (-p), when known',
                },
              },
            },
            {
              type: 'object',
              required: [
                'kind',
                'table',
                'refCount',
                'protocol',
                'flags',
                'listening',
                'typeCode',
                'type',
                'stateCode',
                'state',
                'inode',
                'abstract',
                'server',
              ],
              properties: {
                kind: { const: 'unix', description: 'unix: a UNIX domain socket' },
                table: { const: 'unix', description: 'The /proc/net table of the row' },
                pointer: {
                  type: 'string',
                  description: 'Kernel socket address, hashed (only with internals)',
                },
                refCount: { type: 'integer', description: 'RefCount column' },
                protocol: { type: 'integer', description: 'Protocol column (always 0)' },
                flags: {
                  type: 'integer',
                  description: 'Flags column (__SO_ACCEPTCON 0x10000: listening)',
                },
                listening: { type: 'boolean', description: 'The accept-connections flag is set' },
                typeCode: { type: 'integer', description: 'Raw Type column value' },
                type: {
                  enum: ['STREAM', 'DGRAM', 'RAW', 'RDM', 'SEQPACKET', 'UNKNOWN'],
                  description: 'Socket type name',
                },
                stateCode: { type: 'integer', description: 'Raw St column value' },
                state: {
                  description: 'Socket state name',
                  enum: [
                    'FREE',
                    'UNCONNECTED',
                    'CONNECTING',
                    'CONNECTED',
                    'DISCONNECTING',
                    'UNKNOWN',
                  ],
                },
                inode: {
                  type: 'string',
                  pattern: '^[0-9]+$',
                  description: 'Socket inode, decimal text',
                },
                path: {
                  type: 'string',
                  description: "Bound path ('@name' for an abstract name); absent when unbound",
                },
                abstract: { type: 'boolean', description: 'The name is in the abstract namespace' },
                line: {
                  type: 'integer',
                  description: '1-based line of the row in /proc/net/unix (only with internals)',
                },
                server: { type: 'boolean', description: 'Unconnected and accepting connections' },
                process: {
                  ...processSchema,
                  description: 'The process holding the socket (-p), when known',
                },
              },
            },
          ],
        },
      },
    },
  }) as const)();
