/**
 * Sample inputs for the playground and the build-time figures. Every
 * sample is raw text, exactly as the files would be on a machine; the
 * tables shown on the site are computed from it by the packages.
 *
 * Each sample is a module of its own (./samples/<id>.ts): the page renders
 * the buttons from this list at build time and fetches one sample's texts
 * when its button is pressed (./sample-loader.ts), not every sample's.
 */

import broken from './samples/broken';
import icebox from './samples/icebox';
import server from './samples/server';

export interface Sample {
  id: string;
  label: string;
  description: string;
  argv: string[];
  tcp: string;
  tcp6: string;
  udp: string;
  services: string;
  hosts: string;
  /** /etc/passwd, for -e. */
  passwd: string;
  /** /proc/net/route, dev, snmp and netstat, for -r, -i and -s (absent when the sample has none). */
  route?: string;
  dev?: string;
  snmp?: string;
  netstat?: string;
}

export const SAMPLES: Sample[] = [icebox, server, broken];

export const ICEBOX = icebox;
