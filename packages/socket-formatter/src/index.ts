/**
 * Render `/proc/net` records byte for byte as net-tools `netstat` 2.10 does,
 * or as stable JSON. Pure and browser-safe: no file system, no Node
 * built-ins; names come from resolvers the caller passes.
 *
 * @packageDocumentation
 */

export {
  NETSTAT_USAGE,
  NETSTAT_USAGE_FAMILIES,
  type NetstatArgs,
  type NetstatArgsError,
  type NetstatFlags,
  type NetstatMode,
  parseNetstatArgs,
  type ResolvedFlags,
  resolveFlags,
} from './flags.js';
export { formatGroups } from './groups.js';
export {
  compareInterfaceNames,
  formatInterfaceTable,
  type InterfaceState,
  interfaceFlagsText,
  interfaceStateFromSysfs,
} from './iface.js';
export {
  formatInterfaceBlock,
  formatInterfaceDetails,
  hardwareTypeText,
  type InterfaceDetails,
  interfaceBytesText,
  interfaceFlagsLongText,
} from './iface-long.js';
export {
  activeHeading,
  addressColumn,
  createInetRowFormatter,
  type FormatOptions,
  formatInetRow,
  formatInetTable,
  hostText,
  INET_TABLE_ORDER,
  inetColumnHeader,
  inetNtop6,
  inetSocketSelected,
  isServerSocket,
  portText,
  programText,
  sortInetSockets,
  stateText,
  timerText,
} from './inet.js';
export {
  type EndpointJson,
  type InetSocketJson,
  inetSocketJson,
  SOCKETS_JSON_SCHEMA,
  SOCKETS_JSON_VERSION,
  type SocketsJson,
  socketsJson,
  toJson,
  type UnixSocketJson,
  unixSocketJson,
} from './json.js';
export {
  escapeLabelValue,
  formatOpenMetrics,
  type MetricsInput,
  type MetricsOptions,
} from './metrics.js';
export { formatNetstat, formatReport, type ReportInput, type SocketInput } from './netstat.js';
export {
  GROUPS_JSON_VERSION,
  type GroupsJson,
  groupsJson,
  INTERFACES_JSON_VERSION,
  type InterfaceDetailsJson,
  type InterfaceJson,
  type InterfacesJson,
  interfaceDetailsJson,
  interfacesJson,
  type JsonOptions,
  ROUTES_JSON_VERSION,
  type RoutesJson,
  routesJson,
  STATISTICS_JSON_VERSION,
  type StatisticsJson,
  statisticsJson,
} from './reports-json.js';
export {
  hostsResolverFromEntries,
  networksResolverFromEntries,
  protocolsResolverFromEntries,
  type Resolvers,
  type ServicesLookup,
  servicesResolverFromDb,
} from './resolvers.js';
export {
  formatRoute6Table,
  formatRouteCache,
  formatRoutes,
  formatRouteTable,
  ROUTE_FLAGS,
  type RouteInput,
  route6FlagsText,
  routeFlagsText,
  routeLayout,
} from './route.js';
export { formatStatistics, type StatisticsInput, statisticsFamilyError } from './stats.js';
export { cutEscaped, escapeText } from './text.js';
export {
  formatUnixRow,
  formatUnixTable,
  isUnixServer,
  unixColumnHeader,
  unixFlagsText,
  unixStateText,
} from './unix.js';
