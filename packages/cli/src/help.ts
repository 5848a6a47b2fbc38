/**
 * `netintro --help` and `--version` texts.
 *
 * @module
 */

declare const __NETINTRO_VERSION__: string | undefined;

/**
 * The package version (set at build time; `0.0.0-dev` when run from source).
 *
 * @example
 * ```ts
 * VERSION; // '0.1.0'
 * ```
 */
export const VERSION: string =
  typeof __NETINTRO_VERSION__ === 'string' ? __NETINTRO_VERSION__ : '0.0.0-dev';

/**
 * What `netintro --version` prints.
 *
 * @example
 * ```ts
 * versionText(); // 'netintro 0.1.0\n(output compatible with net-tools netstat 2.10)\n'
 * ```
 */
export function versionText(): string {
  return `netintro ${VERSION}\n(output compatible with net-tools netstat 2.10)\n`;
}

/**
 * What `netintro --help` prints (stdout, exit status 0).
 *
 * @example
 * ```ts
 * process.stdout.write(HELP_TEXT);
 * ```
 */
export const HELP_TEXT = `usage: netintro [options]       show network sockets, like netstat, from /proc/net

Tables (default: the socket tables)
  -r, --route              routing table (-C: the routing cache; -F -C: both)
  -i, --interfaces         interface table (-ie: ifconfig-style blocks)
  -s, --statistics         protocol statistics (with -t, -u, -w, -6 to narrow)
  -g, --groups             multicast group memberships (IPv4 and IPv6)

Which sockets
  -t, --tcp  -u, --udp  -U, --udplite  -w, --raw  -x, --unix
  -4, --inet  -6, --inet6  -A, --protocol=<family,...>   (inet, inet6, unix)
  -a, --all                servers and established
  -l, --listening          only servers (listening TCP, unconnected UDP/raw)

Columns and names
  -n, --numeric            no names at all (hosts, ports, users)
      --numeric-hosts      --numeric-ports  --numeric-users
  -e, --extend             User and Inode columns (-r: Metric/Ref/Use; -ree: all)
  -p, --programs           PID/Program name (root sees every process)
  -o, --timers             kernel timers
  -W, --wide               never cut addresses

Beyond netstat
      --watch [secs]       one line per socket that opens (+), closes (-) or
                           changes state or queues (~), polled every second
                           (or secs); with --json one JSON object per line
      --metrics            OpenMetrics text for Prometheus (-p: per program)
      --max-series N       with --metrics: keep the N largest connection series
      --netns <ns>         another network namespace: a pid, /run/netns/NAME
                           or NAME (some process must live in it)

Other
  -c, --continuous         print again every second
      --json               JSON instead of the table: one document,
                           {"version": 1, "sockets": [...]} (or "routes",
                           "interfaces", "statistics", "groups"); with -c one
                           compact document per line per round (NDJSON)
      --compact            with --json: each document on one line
      --json-internals     with --json: keep the parsers' line, slot and
                           pointer fields
  -h, --help               this text
  -V, --version            version

Combine short flags: netintro -antp. Output matches net-tools netstat 2.10
byte for byte, except: UNIX paths keep their spaces, control characters and
backslashes in names and paths are escaped, and unknown TCP states print UNKNOWN.
`;
