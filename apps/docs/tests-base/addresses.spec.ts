/**
 * The build machine's sockets are shown on the site (captured at build
 * time, redacted). No address of that machine may reach the built HTML:
 * only loopback, wildcards and the documentation ranges, or the lesson's
 * own example addresses written in the sources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  addressesInSources,
  checkPage,
  checkSite,
  defaultSourceRoots,
  findAddresses,
  isPublishable,
} from '../scripts/check-addresses.mjs';

const here = (path: string) => new URL(path, import.meta.url);
const machinePage = (text: string) =>
  `<figure data-origin="machine"><pre class="ni-term" data-testid="machine-output">${text}</pre></figure>`;

test('finds IPv4 and IPv6 literals, not numbers that only look like them', () => {
  expect(findAddresses('tcp 0 0 10.0.0.1:22 172.17.0.2:5353 ESTABLISHED')).toEqual([
    '10.0.0.1',
    '172.17.0.2',
  ]);
  expect(findAddresses('tcp6 0 0 2a01:4f8:c17:1::5:443 [fe80::1%eth0]')).toEqual([
    '2a01:4f8:c17:1::5:443',
    'fe80::1',
  ]);
  // SVG path data, versions, times, octets over 255, "3::" labels.
  expect(
    findAddresses('c0 4.61-2.8 5.63-5.48 5.92.42.36.81 1.42.998.998 v1.2.3 15:22:38 3:: sl'),
  ).toEqual([]);
});

test('publishable: loopback, wildcards and the documentation ranges only', () => {
  for (const ok of [
    '127.0.0.1',
    '127.0.1.1',
    '0.0.0.0',
    '192.0.2.44',
    '198.51.100.7',
    '203.0.113.80',
    '::',
    '::1',
    '::1:631',
    '2001:db8::1',
    '2001:0db8:0:0::5',
    '::ffff:7f00:1',
  ]) {
    expect(isPublishable(ok), ok).toBe(true);
  }
  for (const bad of [
    '10.0.0.5',
    '172.17.0.2',
    '192.168.1.10',
    '192.0.3.1',
    '203.0.114.1',
    '8.8.8.8',
    'fe80::1',
    '2a01:4f8::5',
    '2001:db9::1',
    '::ffff:a00:1',
    '2a01:4f8::5:22',
  ]) {
    expect(isPublishable(bad), bad).toBe(false);
  }
});

test('the check fails on a leak in the machine table, even of an address the sources mention', () => {
  const sources = new Set(['10.0.0.5']);
  expect(checkPage(machinePage('tcp 0 0 127.0.0.1:631 0.0.0.0:* LISTEN'), sources)).toEqual([]);
  expect(
    checkPage(machinePage('tcp 0 0 192.0.2.1:22 192.0.2.2:5000 ESTABLISHED'), sources),
  ).toEqual([]);
  expect(checkPage(machinePage('tcp 0 0 10.0.0.5:22 0.0.0.0:* LISTEN'), sources)).toEqual([
    "10.0.0.5 in the build machine's table",
  ]);
  expect(
    checkPage(machinePage('tcp6 0 0 <b>2a01:4f8::5</b>:22 :::* LISTEN'), new Set()),
  ).toHaveLength(2);
  // Elsewhere on a page: tolerated only when written in the sources.
  expect(
    checkPage('<p>The icebox laptop talks to 124.28.28.50.</p>', new Set(['124.28.28.50'])),
  ).toEqual([]);
  expect(checkPage('<p data-code="ssh 172.17.0.2">x</p>', new Set())).toEqual([
    '172.17.0.2, which is neither publishable nor written in the sources',
  ]);
});

test("the sources' example addresses include those decoded from the committed /proc/net samples", () => {
  const sources = addressesInSources(defaultSourceRoots());
  // icebox's remote host is only hexadecimal in src/data/icebox/tcp.txt.
  expect(readFileSync(here('../src/data/icebox/tcp.txt'), 'utf8')).not.toContain('124.28.28.50');
  expect(sources.has('124.28.28.50')).toBe(true);
  for (const address of sources) expect(findAddresses(address)).toEqual([address]);
});

for (const dir of ['dist', 'dist-base']) {
  test(`no build-machine address reaches the built HTML (${dir})`, () => {
    const site = here(`../${dir}/`);
    const html = readFileSync(here(`../${dir}/lesson/netstat/index.html`), 'utf8');
    expect(html).toContain('data-testid="machine-output"');
    if (existsSync('/proc/net/tcp')) {
      // On Linux the table is this machine's own, so the check is not vacuous.
      expect(html).toContain('data-origin="machine"');
    }
    const { files, problems } = checkSite(site.pathname);
    expect(files).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
}
