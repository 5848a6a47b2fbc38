/**
 * `-r` on pasted /proc/net/route text, for the playground (its own chunk:
 * loaded only when the reader asks for it).
 */
import { parseHosts, parseRoute } from '@netintro/procnet-reader';
import {
  formatRoutes,
  hostsResolverFromEntries,
  type NetstatFlags,
} from '@netintro/socket-formatter';
import type { PipelineInput } from './pipeline';
import type { ExtraOptions } from './reports';

export function runRoute(input: PipelineInput, flags: NetstatFlags, extra: ExtraOptions): string {
  return formatRoutes({ route: parseRoute(input.route ?? '', extra('route')) }, flags, {
    hosts: hostsResolverFromEntries(parseHosts(input.hosts ?? '')),
  });
}
