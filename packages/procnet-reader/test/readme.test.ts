// Runs every ts/js example of the README (see scripts/readme-examples.mjs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { defineReadmeTests } from '../../../scripts/readme-examples.mjs';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const zoo = (table: string) => readFileSync(at(`../fixtures/zoo/proc/net/${table}`), 'latin1');

defineReadmeTests({
  readme: at('../README.md'),
  packagesDir: at('../..'),
  // The inputs the README's examples name without defining: the fixture tables.
  inputs: {
    udp6Text: zoo('udp6'),
    unixText: zoo('unix'),
    routeText: zoo('route'),
    snmpText: zoo('snmp'),
    textFromS390x: readFileSync(at('../fixtures/big-endian/proc/net/tcp'), 'latin1'),
  },
  describe,
  test,
  expect,
  vi,
});
