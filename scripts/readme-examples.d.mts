/** Types of readme-examples.mjs (see there). */
export interface ReadmeBlock {
  code: string;
  line: number;
  lang: string;
}
export function extractBlocks(markdown: string): ReadmeBlock[];
export function compileBlock(
  code: string,
  options: { packagesDir: string; inputs?: readonly string[] },
): string;
export function defineReadmeTests(options: {
  readme: string;
  packagesDir: string;
  inputs: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: the vitest functions, passed through
  describe: any;
  // biome-ignore lint/suspicious/noExplicitAny: the vitest functions, passed through
  test: any;
  // biome-ignore lint/suspicious/noExplicitAny: the vitest functions, passed through
  expect: any;
  // biome-ignore lint/suspicious/noExplicitAny: the vitest functions, passed through
  vi: any;
}): void;
