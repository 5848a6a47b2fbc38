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
    host: { type: 'string' },
    service: { type: 'string' },
  },
} as const;

const processSchema = {
  type: 'object',
  required: ['pid', 'fd', 'command'],
  properties: {
    pid: { type: 'integer' },
    fd: { type: 'integer' },
    command: { type: 'string' },
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
export const SOCKETS_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/netintro/netintro/schemas/sockets-v1.json',
  title: 'netintro sockets',
  type: 'object',
  required: ['version', 'sockets'],
  properties: {
    version: { const: 1 },
    sockets: {
      type: 'array',
      items: {
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
              kind: { const: 'inet' },
              table: {
                enum: ['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6'],
              },
              protocol: { enum: ['tcp', 'udp', 'udplite', 'raw'] },
              family: { enum: [4, 6] },
              slot: { type: 'integer' },
              local: endpointSchema,
              remote: endpointSchema,
              stateCode: { type: 'integer' },
              state: { type: 'string' },
              txQueue: { type: 'integer' },
              rxQueue: { type: 'integer' },
              timerCode: { type: 'integer' },
              timer: { enum: ['off', 'on', 'keepalive', 'timewait', 'probe', 'unknown'] },
              timerTicks: { type: 'integer' },
              retransmits: { type: 'integer' },
              uid: { type: 'integer' },
              timeout: { type: 'integer' },
              inode: { type: 'string', pattern: '^[0-9]+$' },
              refCount: { type: 'integer' },
              pointer: { type: 'string' },
              rto: { type: 'integer' },
              ato: { type: 'integer' },
              quickAck: { type: 'integer' },
              cwnd: { type: 'integer' },
              ssthresh: { type: 'integer' },
              drops: { type: 'integer' },
              extra: { type: 'array', items: { type: 'string' } },
              line: { type: 'integer' },
              server: { type: 'boolean' },
              user: { type: 'string' },
              process: processSchema,
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
              kind: { const: 'unix' },
              table: { const: 'unix' },
              pointer: { type: 'string' },
              refCount: { type: 'integer' },
              protocol: { type: 'integer' },
              flags: { type: 'integer' },
              listening: { type: 'boolean' },
              typeCode: { type: 'integer' },
              type: { enum: ['STREAM', 'DGRAM', 'RAW', 'RDM', 'SEQPACKET', 'UNKNOWN'] },
              stateCode: { type: 'integer' },
              state: {
                enum: [
                  'FREE',
                  'UNCONNECTED',
                  'CONNECTING',
                  'CONNECTED',
                  'DISCONNECTING',
                  'UNKNOWN',
                ],
              },
              inode: { type: 'string', pattern: '^[0-9]+$' },
              path: { type: 'string' },
              abstract: { type: 'boolean' },
              line: { type: 'integer' },
              server: { type: 'boolean' },
              process: processSchema,
            },
          },
        ],
      },
    },
  },
} as const;
