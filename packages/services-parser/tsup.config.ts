import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base.js';

export default defineConfig(
  libraryConfig({
    entry: ['src/index.ts', 'src/node.ts', 'src/default-db.ts'],
    // Shared chunks, so that every entry uses the same classes (instanceof ServicesParseError
    // works for errors thrown through ./node) and the embedded database is not duplicated.
    splitting: true,
  }),
);
