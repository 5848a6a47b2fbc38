// @ts-check
// Guards the build-time capture of the build machine's sockets: no address
// of the build machine may reach the built site. Scans every HTML file of a
// built site for IPv4 and IPv6 literals and reports each one that is not
// loopback, a wildcard or a documentation address (192.0.2.0/24,
// 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32).
//
// Two rules:
// - inside the build machine's table (<pre data-testid="machine-output">),
//   every address must be one of those: nothing else is tolerated;
// - everywhere else, an address may also be one that is written in the
//   repository's own sources (the lesson's examples, such as the icebox
//   laptop's 124.28.28.50, decoded from the committed /proc/net samples,
//   or TSDoc examples), which cannot come from the build machine. Anything
//   else is reported.
//
// Usage: node scripts/check-addresses.mjs [site-dir ...]  (default: dist)
// Exit status 1 with one line per finding when something leaks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInetTable } from '@netintro/procnet-reader';

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\w)/g;
const IPV6 = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;

/**
 * The IPv4 and IPv6 literals in a text, in order.
 * @param {string} text
 * @returns {string[]}
 * @example
 * findAddresses('10.0.0.1:22 and [2001:db8::1]:80'); // ['10.0.0.1', '2001:db8::1']
 */
export function findAddresses(text) {
  /** @type {{ at: number, address: string }[]} */
  const found = [];
  for (const m of text.matchAll(IPV4)) {
    if (m[0].split('.').every((octet) => Number(octet) <= 255)) {
      found.push({ at: m.index ?? 0, address: m[0] });
    }
  }
  for (const m of text.matchAll(IPV6)) {
    // Mapped IPv4 (::ffff:1.2.3.4) is found by the IPv4 pattern. A host
    // address has at least two non-empty groups (`::` and `::1` aside):
    // this skips text such as "3::" that only looks like IPv6.
    const address = m[0].toLowerCase();
    const filled = address.split(':').filter((g) => g !== '').length;
    if (!isIPv6(address)) continue;
    if (filled >= 2 || address === '::' || address === '::1') {
      found.push({ at: m.index ?? 0, address });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.address);
}

/**
 * The eight 16-bit groups of a valid IPv6 literal without an IPv4 tail.
 * @param {string} address
 * @returns {number[]}
 */
function groups6(address) {
  const [head = '', tail] = address.split('::');
  const part = (/** @type {string} */ s) =>
    s === '' ? [] : s.split(':').map((g) => parseInt(g, 16));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * True for loopback, wildcard and documentation addresses: the only ones
 * the site may show from the build machine.
 * @param {string} address an IPv4 or IPv6 literal
 * @returns {boolean}
 * @example
 * isPublishable('127.0.0.1'); // true
 * isPublishable('2001:db8::7'); // true
 * isPublishable('10.1.2.3'); // false
 */
export function isPublishable(address) {
  if (!address.includes(':')) {
    const o = address.split('.').map(Number);
    return (
      o[0] === 127 ||
      address === '0.0.0.0' ||
      (o[0] === 192 && o[1] === 0 && o[2] === 2) ||
      (o[0] === 198 && o[1] === 51 && o[2] === 100) ||
      (o[0] === 203 && o[1] === 0 && o[2] === 113)
    );
  }
  // netstat writes IPv6 endpoints as address:port without brackets
  // (`::1:631`): publishable when the part before the last colon is.
  const port = address.lastIndexOf(':');
  if (/^\d{1,5}$/.test(address.slice(port + 1))) {
    const host = address.slice(0, port);
    if (host !== '' && isIPv6(host) && isPublishable(host)) return true;
  }
  const g = groups6(address);
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // 2001:db8::/32
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const hi = g[6] ?? 0;
    const lo = g[7] ?? 0;
    return isPublishable(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return false;
}

/**
 * HTML reduced to what a reader can get: SVG drawings and styles dropped
 * (their numbers look like addresses), the common entities decoded.
 * @param {string} html
 */
function readable(html) {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Every address literal in the given source files or folders (node_modules,
 * dist and generated folders skipped).
 * @param {string[]} roots
 * @returns {Set<string>}
 */
export function addressesInSources(roots) {
  const out = new Set();
  const skip = new Set(['node_modules', 'dist', 'dist-base', '.astro', 'test-results', 'api']);
  /** @param {string} path */
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (!skip.has(name)) visit(join(path, name));
    } else if (/\.(md|mdx|astro|ts|mjs|txt|json)$/.test(path)) {
      const text = readFileSync(path, 'utf8');
      for (const address of findAddresses(readable(text))) out.add(address);
      // A committed /proc/net sample (tcp.txt, tcp6.txt, udp.txt, ...):
      // its addresses are hexadecimal there, decoded on the pages.
      const table = basename(path, '.txt');
      if (/^(tcp|udp|udplite|raw)6?$/.test(table) && path.endsWith('.txt')) {
        const sockets = parseInetTable(
          /** @type {import('@netintro/procnet-reader').InetTableName} */ (table),
          text,
          { onInvalidLine: 'skip', source: path },
        );
        for (const socket of sockets) {
          out.add(socket.local.address);
          out.add(socket.remote.address);
        }
      }
    }
  };
  for (const root of roots) visit(root);
  return out;
}

/**
 * The HTML files under a folder.
 * @param {string} dir
 * @returns {string[]}
 */
function htmlFiles(dir) {
  /** @type {string[]} */
  const out = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = /** @type {string} */ (stack.pop());
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.html')) out.push(path);
    }
  }
  return out.sort();
}

/**
 * Checks one page. Returns a description of every leaked address.
 * @param {string} html
 * @param {Set<string>} fromSources addresses written in the repository's sources
 * @returns {string[]}
 */
export function checkPage(html, fromSources) {
  const problems = [];
  const text = readable(html);
  const machine = /<pre[^>]*data-testid="machine-output"[^>]*>([\s\S]*?)<\/pre>/g;
  for (const m of text.matchAll(machine)) {
    for (const address of findAddresses((m[1] ?? '').replace(/<[^>]*>/g, ''))) {
      if (!isPublishable(address)) problems.push(`${address} in the build machine's table`);
    }
  }
  for (const address of new Set(findAddresses(text))) {
    if (!isPublishable(address) && !fromSources.has(address)) {
      problems.push(`${address}, which is neither publishable nor written in the sources`);
    }
  }
  return problems;
}

/** The source folders whose address literals are the site's own examples. */
export function defaultSourceRoots() {
  const docs = fileURLToPath(new URL('..', import.meta.url));
  const packages = join(docs, '..', '..', 'packages');
  return [
    join(docs, 'src'),
    ...readdirSync(packages).flatMap((name) => [
      join(packages, name, 'src'),
      join(packages, name, 'README.md'),
    ]),
  ];
}

/**
 * Scans a built site. Returns `file: problem` lines, empty when clean.
 * @param {string} dir the built site (e.g. dist)
 * @param {Set<string>} [fromSources]
 * @returns {{ files: number, problems: string[] }}
 */
export function checkSite(dir, fromSources = addressesInSources(defaultSourceRoots())) {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`check-addresses: ${dir} is not a folder (build the site first)`);
  }
  const files = htmlFiles(dir);
  if (files.length === 0) throw new Error(`check-addresses: no HTML files under ${dir}`);
  const problems = files.flatMap((file) =>
    checkPage(readFileSync(file, 'utf8'), fromSources).map(
      (problem) => `${relative(dir, file)}: ${problem}`,
    ),
  );
  return { files: files.length, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['dist'];
  let failed = false;
  for (const dir of dirs) {
    const { files, problems } = checkSite(dir);
    for (const problem of problems) console.error(`check-addresses: ${dir}/${problem}`);
    if (problems.length > 0) failed = true;
    else console.log(`check-addresses: ${files} pages under ${dir}, no address leaks`);
  }
  process.exit(failed ? 1 : 0);
}
