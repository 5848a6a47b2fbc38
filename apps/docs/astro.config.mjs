// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import starlightLinksValidator from 'starlight-links-validator';
import { createStarlightTypeDocPlugin } from 'starlight-typedoc';
import { baseFromEnv, remarkBaseLinks } from './src/lib/base-path.mjs';

/**
 * Where the site is served. NETINTRO_DOCS_BASE is the path (default `/`;
 * GitHub project pages use `/netintro/`), NETINTRO_DOCS_SITE the origin
 * (default https://netintro.github.io). Links written root-absolute in
 * Markdown, MDX and components get the base through src/lib/base-path.mjs.
 */
const base = baseFromEnv(process.env.NETINTRO_DOCS_BASE);
const site = process.env.NETINTRO_DOCS_SITE || 'https://netintro.github.io';

const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url));

/**
 * The entry points documented under /api/: one starlight-typedoc instance
 * per entry point, so each gets a flat page set (with several entry points
 * in one instance, the per-module pages are dropped and their links break).
 * An entry point that is still a placeholder (nothing but `export {}`) is
 * left out, so the site builds while the packages are being written.
 */
const apiEntries = [
  { pkg: 'services-parser', file: 'index.ts', out: 'services-parser' },
  {
    pkg: 'services-parser',
    file: 'node.ts',
    out: 'services-parser-node',
    label: 'services-parser/node',
  },
  { pkg: 'procnet-reader', file: 'index.ts', out: 'procnet-reader' },
  {
    pkg: 'procnet-reader',
    file: 'node.ts',
    out: 'procnet-reader-node',
    label: 'procnet-reader/node',
  },
  { pkg: 'socket-formatter', file: 'index.ts', out: 'socket-formatter' },
];

/**
 * True when a source file exports something real (not just `export {}`).
 * @param {string} file
 */
function hasRealExports(file) {
  try {
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    return /\bexport\s+(?!\{\s*\}\s*;?)/.test(text);
  } catch {
    return false;
  }
}

/**
 * `astro check` only type-checks: generating the API pages there would
 * just double the build time. NETINTRO_SKIP_API=1 skips them elsewhere too.
 */
const skipApi = process.argv.includes('check') || process.env.NETINTRO_SKIP_API === '1';

const typeDocPlugins = [];
const apiSidebar = [];
for (const entry of skipApi ? [] : apiEntries) {
  const file = `${packagesDir}${entry.pkg}/src/${entry.file}`;
  if (!hasRealExports(file)) continue;
  const [plugin, group] = createStarlightTypeDocPlugin();
  typeDocPlugins.push(
    plugin({
      entryPoints: [file],
      tsconfig: `${packagesDir}${entry.pkg}/tsconfig.json`,
      output: `api/${entry.out}`,
      errorOnEmptyDocumentation: false,
      sidebar: { label: entry.label ?? entry.pkg, collapsed: true },
      typeDoc: {
        disableSources: true,
        entryFileName: 'index.md',
        // Module pages list each symbol with its one-line summary.
        indexFormat: 'table',
        excludePrivate: true,
        excludeInternal: true,
        // Packages import each other's source through this condition.
        compilerOptions: { customConditions: ['netintro-source'] },
      },
    }),
  );
  apiSidebar.push(group);
}

/**
 * Development only: `/__netintro/live.json` (under the base path) returns this machine's socket
 * table, formatted by the packages, for the live view on the netstat page.
 * Production builds are static and never include it.
 */
/** @returns {import('astro').AstroIntegration} */
function liveMachine() {
  return {
    name: 'netintro-live-machine',
    hooks: {
      'astro:server:setup': ({ server }) => {
        // Astro's dev server may strip the base before this runs: accept both forms.
        const paths = new Set(['/__netintro/live.json', `${base}__netintro/live.json`]);
        server.middlewares.use(async (req, res, next) => {
          if (!paths.has((req.url ?? '').split('?')[0] ?? '')) return next();
          try {
            const mod = await server.ssrLoadModule('/src/lib/live.ts');
            const body = JSON.stringify(await mod.captureLive());
            res.setHeader('content-type', 'application/json; charset=utf-8');
            res.setHeader('cache-control', 'no-store');
            res.end(body);
          } catch (error) {
            res.statusCode = 500;
            res.setHeader('content-type', 'application/json; charset=utf-8');
            res.end(JSON.stringify({ error: String(error) }));
          }
        });
      },
    },
  };
}

export default defineConfig({
  // In `pnpm test`, `astro check` (the typecheck task) runs beside the
  // base-path build and the browser tests' dev servers: it keeps its content
  // store in its own cache folder, or the processes' renames of
  // data-store.json race (ENOENT on data-store.json.tmp). It waits for the
  // docs build (apps/docs/turbo.json), which no longer runs it first: one
  // check per run, off the path to the browser tests.
  ...(process.argv.includes('check') ? { cacheDir: './node_modules/.astro-check/' } : {}),
  site,
  base,
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'netintro',
      description:
        'Learn well-known ports and netstat with live examples from real /proc/net data.',
      favicon: '/favicon.svg',
      social: [{ icon: 'github', label: 'GitHub', href: 'https://github.com/netintro/netintro' }],
      customCss: ['./src/styles/custom.css'],
      // Our search box loads Pagefind only when opened (Starlight's preloads its UI).
      components: {
        Search: './src/components/Search.astro',
        // Long API names wrap between words; lesson pages weigh more in search.
        PageTitle: './src/overrides/PageTitle.astro',
        MarkdownContent: './src/overrides/MarkdownContent.astro',
      },
      // Code wraps instead of scrolling: no unlabelled scroll regions on phones.
      expressiveCode: { defaultProps: { wrap: true } },
      lastUpdated: false,
      // Hero and prev/next links from frontmatter get the base (routeData.ts);
      // API pages get their summary as description, and `./node` re-exports
      // are searched once (apiRouteData.ts).
      routeMiddleware: ['./src/routeData.ts', './src/apiRouteData.ts'],
      plugins: [starlightLinksValidator({ errorOnRelativeLinks: false }), ...typeDocPlugins],
      sidebar: [
        { label: 'Start here', items: [{ label: 'Home', link: '/' }, 'about'] },
        {
          label: 'Lesson',
          items: [
            'lesson/well-known-ports',
            'lesson/netstat',
            'lesson/connection-life',
            'lesson/experiments',
            'lesson/try-at-home',
            'lesson/quiz',
          ],
        },
        { label: 'Try it', items: ['playground'] },
        {
          label: 'Reference',
          items: ['reference/proc-net-tcp', 'reference/tcp-states', 'reference/netstat-vs-ss'],
        },
        {
          label: 'Packages',
          items: [
            'packages/services-parser',
            'packages/procnet-reader',
            'packages/socket-formatter',
            'packages/cli',
          ],
        },
        ...(apiSidebar.length > 0 ? [{ label: 'API reference', items: apiSidebar }] : []),
      ],
    }),
    liveMachine(),
  ],
  markdown: {
    // Runs before starlight-links-validator's remark step, which then sees the prefixed links.
    remarkPlugins: [[remarkBaseLinks, { base }]],
  },
  vite: {
    resolve: {
      // Workspace packages resolve to their TypeScript source, so the site
      // works without building them first. Setting conditions replaces
      // Vite's defaults, so they are listed again after ours.
      conditions: ['netintro-source', 'module', 'browser', 'development|production'],
    },
    ssr: {
      noExternal: [/^@netintro\//],
      resolve: {
        conditions: ['netintro-source', 'module', 'node', 'development|production'],
        externalConditions: ['netintro-source', 'node'],
      },
    },
  },
});
