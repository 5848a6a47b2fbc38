import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/default-db.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  removeNodeProtocol: false,
  // Shared chunks, so that every entry uses the same classes (instanceof ServicesParseError
  // works for errors thrown through ./node) and the embedded database is not duplicated.
  splitting: true,
  treeshake: true,
});
