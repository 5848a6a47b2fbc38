// Runs every ts/js example of the README (see scripts/readme-examples.mjs).
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { defineReadmeTests } from '../../../scripts/readme-examples.mjs';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

defineReadmeTests({
  readme: at('../README.md'),
  packagesDir: at('../..'),
  inputs: {},
  describe,
  test,
  expect,
  vi,
});
