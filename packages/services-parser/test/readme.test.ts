// Runs every ts/js example of the README (see scripts/readme-examples.mjs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { defineReadmeTests } from '../../../scripts/readme-examples.mjs';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

defineReadmeTests({
  readme: at('../README.md'),
  packagesDir: at('../..'),
  // The inputs the README's examples name without defining.
  inputs: { text: readFileSync(at('../fixtures/etc-services.netbase-6.4'), 'utf8') },
  describe,
  test,
  expect,
  vi,
});
