#!/usr/bin/env node
// Writes schemas/sockets-v1.json from SOCKETS_JSON_SCHEMA (the exported
// constant is the source; test/schemas.test.ts checks the two agree).
// Run after `pnpm run build`.
import { writeFileSync } from 'node:fs';
import { SOCKETS_JSON_SCHEMA } from '../dist/index.js';

const target = new URL('../schemas/sockets-v1.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(SOCKETS_JSON_SCHEMA, null, 2)}\n`);
